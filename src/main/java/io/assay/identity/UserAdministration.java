package io.assay.identity;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.platform.ConflictException;
import io.assay.platform.NotFoundException;
import io.assay.platform.web.PageRequest;
import io.assay.platform.web.PageRequest.Page;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An administrator's management of the users of their organisation. An organisation
 * always keeps at least one active administrator.
 */
@Service
public class UserAdministration {

	/** Sort keys of the user list. */
	public static final Map<String, String> SORTABLE = Map.of("created_at", "created_at", "email", "lower(email)",
			"name", "lower(name)", "role", "role");

	private final JdbcClient db;

	private final AuditTrail audit;

	private final Passwords passwords;

	private final SecureRandom random = new SecureRandom();

	private final KnownAddresses knownAddresses;

	private final Seats seats;

	private final AccessTokens tokens;

	UserAdministration(JdbcClient db, AuditTrail audit, Passwords passwords, KnownAddresses knownAddresses, Seats seats,
			AccessTokens tokens) {
		this.knownAddresses = knownAddresses;
		this.seats = seats;
		this.tokens = tokens;
		this.db = db;
		this.audit = audit;
		this.passwords = passwords;
	}

	/**
	 * A user just created; {@code temporaryPassword} is set, and shown this once, when
	 * the administrator gave no password.
	 */
	public record CreatedUser(User user, @Nullable String temporaryPassword) {
	}

	@Transactional(readOnly = true)
	public Page<User> list(PageRequest page) {
		long total = this.db.sql("select count(*) from users").query(Long.class).single();
		List<User> users = this.db
			.sql("select " + UserRows.USER_COLUMNS + " from users order by " + page.orderByThen("id")
					+ " limit ? offset ?")
			.params(page.limit(), page.offset())
			.query(UserRows::user)
			.list();
		return page.answer(users, total);
	}

	@Transactional(readOnly = true)
	public User find(UUID id) {
		return this.db.sql("select " + UserRows.USER_COLUMNS + " from users where id = ?")
			.param(id)
			.query(UserRows::user)
			.optional()
			.orElseThrow(() -> new NotFoundException("User"));
	}

	@Transactional
	public CreatedUser create(UUID organizationId, String email, String name, Role role, @Nullable String password) {
		String address = email.trim();
		String temporary = null;
		if (password == null) {
			temporary = temporaryPassword();
		}
		else {
			Passwords.requireAcceptable("password", password, address);
		}
		this.seats.requireOneFree(null);
		User user;
		try {
			user = this.db
				.sql("insert into users (organization_id, email, name, role, password_hash) values (?, ?, ?, ?, ?)"
						+ " returning " + UserRows.USER_COLUMNS)
				.params(organizationId, address, name.trim(), role.value(),
						this.passwords.hash(password != null ? password : temporary))
				.query(UserRows::user)
				.single();
		}
		catch (DuplicateKeyException ex) {
			// Only an account in this organisation collides: accounts elsewhere are
			// neither found nor named.
			throw new ConflictException(Wording.of("problem.email-taken"));
		}
		this.audit.record("user_created", "user", user.id(),
				Map.of("email", user.email(), "name", user.name(), "role", role.value()));
		this.knownAddresses.accountCreated(user.email(), user.id(), organizationId);
		return new CreatedUser(user, temporary);
	}

	@Transactional
	public User update(UUID id, @Nullable Role role, @Nullable String name) {
		this.seats.lock();
		User before = find(id);
		if (before.role() == Role.ADMIN && role != null && role != Role.ADMIN) {
			requireAnotherAdmin(id, "problem.last-admin-role");
		}
		User after = this.db
			.sql("update users set role = coalesce(?, role), name = coalesce(?, name), updated_at = now()"
					+ " where id = ? returning " + UserRows.USER_COLUMNS)
			.params(role == null ? null : role.value(), name == null ? null : name.trim(), id)
			.query(UserRows::user)
			.single();
		Map<String, Object> changes = new LinkedHashMap<>();
		if (before.role() != after.role()) {
			changes.put("role", Map.of("from", before.role().value(), "to", after.role().value()));
		}
		if (!before.name().equals(after.name())) {
			changes.put("name", Map.of("from", before.name(), "to", after.name()));
		}
		if (!changes.isEmpty()) {
			this.audit.record("user_updated", "user", id, Map.of("email", after.email(), "changes", changes));
		}
		return after;
	}

	/** The seats of the organisation's tier: people, open invitations and the limit. */
	public record SeatCount(long people, long invited, @Nullable Integer allowed, String tier) {
	}

	@Transactional(readOnly = true)
	public SeatCount seats() {
		Seats.Taken taken = this.seats.taken(null);
		return new SeatCount(taken.people(), taken.invited(), taken.allowed(), taken.tier());
	}

	/**
	 * Deactivates or reactivates a user. Deactivation takes effect at once: every request
	 * checks that its token's user is active, and their sessions and personal API tokens
	 * are removed, so that a reactivated person signs in again and makes new tokens.
	 */
	@Transactional
	public User setActive(UUID id, boolean active, UUID actingUserId) {
		this.seats.lock();
		User before = find(id);
		if (before.isActive() == active) {
			return before;
		}
		if (!active) {
			if (id.equals(actingUserId)) {
				throw new ConflictException(Wording.of("problem.deactivate-self"));
			}
			if (before.role() == Role.ADMIN) {
				requireAnotherAdmin(id, "problem.last-admin-deactivate");
			}
		}
		User after = this.db
			.sql("update users set is_active = ?, updated_at = now() where id = ? returning " + UserRows.USER_COLUMNS)
			.params(active, id)
			.query(UserRows::user)
			.single();
		int ended = active ? 0 : this.tokens.revokeAll(id);
		this.audit.record(active ? "user_reactivated" : "user_deactivated", "user", id,
				active ? Map.of("email", after.email()) : Map.of("email", after.email(), "tokens_revoked", ended));
		return after;
	}

	@Transactional
	public void delete(UUID id, UUID actingUserId) {
		this.seats.lock();
		User user = find(id);
		if (id.equals(actingUserId)) {
			throw new ConflictException(Wording.of("problem.delete-self"));
		}
		if (user.role() == Role.ADMIN) {
			requireAnotherAdmin(id, "problem.last-admin-delete");
		}
		// Workflows and assessments keep their history: their created_by becomes null
		// (ON DELETE SET NULL); the audit trail keeps the user's id and email as written.
		this.db.sql("delete from users where id = ?").param(id).update();
		this.audit.record("user_deleted", "user", id, Map.of("email", user.email(), "role", user.role().value()));
	}

	/**
	 * @param refusal the message that says what cannot be done to the last administrator
	 */
	private void requireAnotherAdmin(UUID id, String refusal) {
		long otherAdmins = this.db.sql("select count(*) from users where role = 'admin' and is_active and id <> ?")
			.param(id)
			.query(Long.class)
			.single();
		if (otherAdmins == 0) {
			throw new ConflictException(Wording.of(refusal));
		}
	}

	private String temporaryPassword() {
		byte[] bytes = new byte[18];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
