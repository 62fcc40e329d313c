package io.assay.identity;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.billing.TierLimits;
import io.assay.platform.ConflictException;
import io.assay.platform.NotFoundException;
import io.assay.platform.web.PageRequest;
import io.assay.platform.web.PageRequest.Page;
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

	UserAdministration(JdbcClient db, AuditTrail audit, Passwords passwords, KnownAddresses knownAddresses) {
		this.knownAddresses = knownAddresses;
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
			.sql("select " + UserRows.USER_COLUMNS + " from users order by " + page.orderBy() + ", id limit ? offset ?")
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
		String tier = lockOrganization();
		Integer allowed = TierLimits.of(tier).users();
		long existing = this.db.sql("select count(*) from users").query(Long.class).single();
		if (allowed != null && existing >= allowed) {
			throw new ConflictException("The " + tier + " tier allows " + allowed
					+ " users and this organisation has them all. Remove a user or upgrade the subscription.");
		}
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
			throw new ConflictException("Someone in your organisation already has this email address.");
		}
		this.audit.record("user_created", "user", user.id(),
				Map.of("email", user.email(), "name", user.name(), "role", role.value()));
		this.knownAddresses.accountCreated(user.email(), user.id(), organizationId);
		return new CreatedUser(user, temporary);
	}

	@Transactional
	public User update(UUID id, @Nullable Role role, @Nullable String name) {
		lockOrganization();
		User before = find(id);
		if (before.role() == Role.ADMIN && role != null && role != Role.ADMIN) {
			requireAnotherAdmin(id, "change the role of");
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

	@Transactional
	public void delete(UUID id, UUID actingUserId) {
		lockOrganization();
		User user = find(id);
		if (id.equals(actingUserId)) {
			throw new ConflictException("You cannot delete your own account; ask another administrator.");
		}
		if (user.role() == Role.ADMIN) {
			requireAnotherAdmin(id, "delete");
		}
		// Workflows and assessments keep their history: their created_by becomes null
		// (ON DELETE SET NULL); the audit trail keeps the user's id and email as written.
		this.db.sql("delete from users where id = ?").param(id).update();
		this.audit.record("user_deleted", "user", id, Map.of("email", user.email(), "role", user.role().value()));
	}

	/**
	 * Serialises changes to an organisation's users (so two administrators cannot demote
	 * each other at once) and answers its tier.
	 */
	private String lockOrganization() {
		return this.db.sql("select subscription_tier from organizations for update").query(String.class).single();
	}

	private void requireAnotherAdmin(UUID id, String verb) {
		long otherAdmins = this.db.sql("select count(*) from users where role = 'admin' and is_active and id <> ?")
			.param(id)
			.query(Long.class)
			.single();
		if (otherAdmins == 0) {
			throw new ConflictException("Cannot " + verb
					+ " the organisation's last administrator; make another user an administrator first.");
		}
	}

	private String temporaryPassword() {
		byte[] bytes = new byte[18];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
