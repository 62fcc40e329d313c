package io.assay.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.platform.ConflictException;
import io.assay.platform.GoneException;
import io.assay.platform.Intervals;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.platform.TextFields;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invitations: an administrator names an email address and a role; the invitee follows
 * the emailed link, chooses a name and password, and is in. An open invitation holds one
 * of the tier's seats. A link works until it expires, is used, is revoked, or a resend
 * replaces it.
 */
@Service
public class Invitations {

	private static final Wording GONE = Wording.of("problem.invitation-gone");

	private static final String COLUMNS = """
			i.id, i.email, i.role, i.sent_count, i.last_sent_at, i.expires_at, i.created_at, i.accepted_at,
			i.revoked_at, u.name as invited_by_name
			""";

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final Seats seats;

	private final Passwords passwords;

	private final AccountMail mail;

	private final ApplicationEventPublisher events;

	private final IdentityProperties properties;

	private final KnownAddresses knownAddresses;

	private final Accounts accounts;

	Invitations(JdbcClient db, TransactionTemplate transactions, TenantContext tenants, AuditTrail audit, Seats seats,
			Passwords passwords, AccountMail mail, ApplicationEventPublisher events, IdentityProperties properties,
			KnownAddresses knownAddresses, Accounts accounts) {
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
		this.audit = audit;
		this.seats = seats;
		this.passwords = passwords;
		this.mail = mail;
		this.events = events;
		this.properties = properties;
		this.knownAddresses = knownAddresses;
		this.accounts = accounts;
	}

	/**
	 * An invitation as administrators see it.
	 *
	 * @param state {@code pending} (sent, or to be sent, and not yet expired),
	 * {@code expired}, {@code accepted} or {@code revoked}
	 * @param invitedBy the name of the administrator who invited, null once their account
	 * is gone
	 */
	public record Invitation(UUID id, String email, Role role, String state, @Nullable String invitedBy, int sentCount,
			@Nullable Instant lastSentAt, @Nullable Instant expiresAt, Instant createdAt) {
	}

	/**
	 * An invitation just made or sent again.
	 *
	 * @param linkSecret the secret of the link to pass on, when this server cannot send
	 * email (shown this once); null when the email is on its way
	 */
	public record Sent(Invitation invitation, @Nullable String linkSecret) {
	}

	/** What the invitee sees on opening the link. */
	public record Opened(String organizationName, String email, Role role, @Nullable String invitedBy,
			Instant expiresAt) {
	}

	/** The email to write for one sending: who to, what for, and the link's secret. */
	public record Letter(String to, String organizationName, @Nullable String invitedBy, Role role, String linkSecret,
			Instant expiresAt, @Nullable String locale) {
	}

	/**
	 * The open invitations of the bound organisation (pending and expired), newest first.
	 */
	@Transactional(readOnly = true)
	public List<Invitation> open() {
		return this.db.sql("select " + COLUMNS + """
				  from invitations i left join users u on u.id = i.invited_by
				 where i.accepted_at is null and i.revoked_at is null
				 order by i.created_at desc, i.id desc
				""").query(Invitations::invitation).list();
	}

	@Transactional(readOnly = true)
	public Invitation find(UUID id) {
		return this.db
			.sql("select " + COLUMNS + " from invitations i left join users u on u.id = i.invited_by"
					+ " where i.id = ?")
			.param(id)
			.query(Invitations::invitation)
			.optional()
			.orElseThrow(() -> new NotFoundException("Invitation"));
	}

	/**
	 * Invites an address to the bound organisation with a role.
	 * @throws ConflictException when the address already has an account here or an open
	 * invitation, or no seat is left
	 */
	@Transactional
	public Sent invite(String email, Role role) {
		TextFields fields = new TextFields();
		String address = fields.emailAddress("email", email);
		fields.check();
		this.seats.requireOneFree(null);
		boolean member = Boolean.TRUE
			.equals(this.db.sql("select exists (select from users where lower(email) = lower(?))")
				.param(address)
				.query(Boolean.class)
				.single());
		if (member) {
			throw new ConflictException(Wording.of("problem.address-taken", address));
		}
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		UUID id;
		try {
			id = this.db.sql("""
					insert into invitations (organization_id, email, role, invited_by, sent_count, last_sent_at)
					values (?, ?, ?, ?, 1, now()) returning id
					""")
				.params(tenant.organizationId(), address, role.value(), tenant.userId())
				.query(UUID.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException(Wording.of("problem.already-invited", address));
		}
		this.audit.record("invitation_created", "invitation", id, Map.of("email", address, "role", role.value()));
		return send(id, 1);
	}

	/**
	 * Sends an open invitation again with a new link (the old link stops working), valid
	 * for the full time from now.
	 * @throws ConflictException when it was accepted or revoked, or sent a moment ago
	 */
	@Transactional
	public Sent resend(UUID id) {
		Invitation invitation = lockOpen(id);
		if (invitation.lastSentAt() != null
				&& invitation.lastSentAt().isAfter(Instant.now().minus(java.time.Duration.ofMinutes(1)))) {
			throw new ConflictException(Wording.of("problem.invitation-just-sent"));
		}
		if ("expired".equals(invitation.state())) {
			// An expired invitation gave its seat back; sending it again takes one.
			this.seats.requireOneFree(id);
		}
		int sending = this.db
			.sql("update invitations set sent_count = sent_count + 1, last_sent_at = now() where id = ?"
					+ " returning sent_count")
			.param(id)
			.query(Integer.class)
			.single();
		this.audit.record("invitation_resent", "invitation", id, Map.of("email", invitation.email()));
		return send(id, sending);
	}

	/** Revokes an open invitation: its link stops working and its seat is free. */
	@Transactional
	public void revoke(UUID id) {
		Invitation invitation = lockOpen(id);
		this.db.sql("update invitations set revoked_at = now(), token_hash = null where id = ?").param(id).update();
		this.audit.record("invitation_revoked", "invitation", id, Map.of("email", invitation.email()));
	}

	/**
	 * Makes the link for one sending of an invitation, for the email being written now;
	 * empty when the invitation was accepted or revoked meanwhile. Runs bound to the
	 * invitation's organisation.
	 */
	@Transactional
	public Optional<Letter> letter(UUID id) {
		return this.db.sql("""
				select i.email, i.role, o.name as organization_name, o.default_locale, u.name as invited_by_name
				  from invitations i join organizations o on o.id = i.organization_id
				  left join users u on u.id = i.invited_by
				 where i.id = ? and i.accepted_at is null and i.revoked_at is null
				   for update of i
				""").param(id).query((rs, n) -> {
			String secret = LinkSecrets.create();
			Instant expires = issue(id, secret);
			return new Letter(rs.getString("email"), rs.getString("organization_name"), rs.getString("invited_by_name"),
					Role.of(rs.getString("role")).orElseThrow(), secret, expires, rs.getString("default_locale"));
		}).optional();
	}

	/** What a link's invitation is, for its page; empty when the link does not work. */
	public Optional<Opened> opened(String secret) {
		return organizationOf(secret).map(organization -> this.tenants.callAs(organization, null,
				() -> this.transactions.execute(tx -> this.db.sql("""
						select o.name as organization_name, i.email, i.role, i.expires_at, u.name as invited_by_name
						  from invitations i join organizations o on o.id = i.organization_id
						  left join users u on u.id = i.invited_by
						 where i.token_hash = ?
						""")
					.param(LinkSecrets.digest(secret))
					.query((rs, n) -> new Opened(rs.getString("organization_name"), rs.getString("email"),
							Role.of(rs.getString("role")).orElseThrow(), rs.getString("invited_by_name"),
							rs.getTimestamp("expires_at").toInstant()))
					.single())));
	}

	/**
	 * Accepts an invitation: makes the account with the invited address and role, uses up
	 * the link and starts a session.
	 * @throws GoneException when the link does not work (expired, used, revoked,
	 * replaced)
	 * @throws ConflictException when the address has meanwhile got an account here, or
	 * the tier has no seat left
	 */
	public Accounts.AccessGrant accept(String secret, String name, String password) {
		UUID organization = organizationOf(secret).orElseThrow(() -> new GoneException(GONE));
		TextFields fields = new TextFields();
		String fullName = fields.required("name", name, 255);
		fields.check();
		Opened opened = opened(secret).orElseThrow(() -> new GoneException(GONE));
		Passwords.requireAcceptable("password", password, opened.email());
		String hash = this.passwords.hash(password);
		UUID userId = UUID.randomUUID();
		return this.tenants.callAs(organization, userId, () -> this.transactions.execute(tx -> {
			UUID id = this.db.sql("""
					select id from invitations
					 where token_hash = ? and accepted_at is null and revoked_at is null and expires_at > now()
					   for update
					""")
				.param(LinkSecrets.digest(secret))
				.query(UUID.class)
				.optional()
				.orElseThrow(() -> new GoneException(GONE));
			this.seats.requireOneFree(id);
			User user;
			try {
				user = this.db
					.sql("insert into users (id, organization_id, email, name, role, password_hash, last_login_at)"
							+ " values (?, ?, ?, ?, ?, ?, now()) returning " + UserRows.USER_COLUMNS)
					.params(userId, organization, opened.email(), fullName, opened.role().value(), hash)
					.query(UserRows::user)
					.single();
			}
			catch (DuplicateKeyException ex) {
				throw new ConflictException(
						Wording.of("problem.account-exists", opened.email(), opened.organizationName()));
			}
			this.db.sql("update invitations set accepted_at = now(), accepted_by = ?, token_hash = null where id = ?")
				.params(userId, id)
				.update();
			this.audit.record("invitation_accepted", "invitation", id, Map.of("email", user.email()));
			this.audit.record("user_created", "user", userId,
					Map.of("email", user.email(), "role", user.role().value(), "via", "invitation"));
			this.knownAddresses.accountCreated(user.email(), userId, organization);
			return this.accounts.startSession(user);
		}));
	}

	/** How long a sent link works, for the emails and pages that mention it. */
	public java.time.Duration linkLifetime() {
		return this.properties.invitationTtl();
	}

	private Sent send(UUID id, int sending) {
		if (this.mail.canSend()) {
			this.events.publishEvent(new InvitationToSend(this.tenants.requireOrganizationId(), id, sending));
			return new Sent(find(id), null);
		}
		String secret = LinkSecrets.create();
		issue(id, secret);
		return new Sent(find(id), secret);
	}

	private Instant issue(UUID id, String secret) {
		return this.db
			.sql("update invitations set token_hash = ?, expires_at = now() + ? where id = ?" + " returning expires_at")
			.params(LinkSecrets.digest(secret), Intervals.of(this.properties.invitationTtl()), id)
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

	private Invitation lockOpen(UUID id) {
		this.seats.lock();
		Invitation invitation = find(id);
		if (invitation.state().equals("accepted") || invitation.state().equals("revoked")) {
			throw new ConflictException(Wording.of("problem.invitation-" + invitation.state()));
		}
		return invitation;
	}

	private Optional<UUID> organizationOf(String secret) {
		if (!LinkSecrets.plausible(secret)) {
			return Optional.empty();
		}
		return this.db.sql("select assay_invitation_organization(?)")
			.param(LinkSecrets.digest(secret))
			.query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
			.single();
	}

	private static Invitation invitation(ResultSet rs, int row) throws SQLException {
		Instant expires = instant(rs.getTimestamp("expires_at"));
		String state = rs.getTimestamp("accepted_at") != null ? "accepted" : rs.getTimestamp("revoked_at") != null
				? "revoked" : expires != null && !expires.isAfter(Instant.now()) ? "expired" : "pending";
		return new Invitation(rs.getObject("id", UUID.class), rs.getString("email"),
				Role.of(rs.getString("role")).orElseThrow(), state, rs.getString("invited_by_name"),
				rs.getInt("sent_count"), instant(rs.getTimestamp("last_sent_at")), expires,
				rs.getTimestamp("created_at").toInstant());
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
