package io.assay.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.platform.ClientLimits;
import io.assay.platform.GoneException;
import io.assay.platform.Intervals;
import io.assay.platform.TenantContext;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Forgot password": a link by email that works once, for a while, and sets a new
 * password. Asking gives the same answer whether or not the address has an account; an
 * address with accounts in several organisations gets a link for each.
 */
@Service
public class PasswordResets {

	private static final Wording GONE = Wording.of("problem.password-reset-gone");

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final Passwords passwords;

	private final AccessTokens tokens;

	private final AccountMail mail;

	private final ApplicationEventPublisher events;

	private final ClientLimits limits;

	private final IdentityProperties properties;

	private final LoginThrottle throttle;

	PasswordResets(JdbcClient db, TransactionTemplate transactions, TenantContext tenants, AuditTrail audit,
			Passwords passwords, AccessTokens tokens, AccountMail mail, ApplicationEventPublisher events,
			ClientLimits limits, IdentityProperties properties, LoginThrottle throttle) {
		this.throttle = throttle;
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
		this.audit = audit;
		this.passwords = passwords;
		this.tokens = tokens;
		this.mail = mail;
		this.events = events;
		this.limits = limits;
		this.properties = properties;
	}

	/** The email to write: who to, in which organisation, and the link's secret. */
	public record Letter(String to, String name, String organizationName, String linkSecret, Instant expiresAt,
			@Nullable String locale) {
	}

	/** Whether this server can email a link at all (else an administrator must help). */
	public boolean canSend() {
		return this.mail.canSend();
	}

	/** How long a link works once sent. */
	public java.time.Duration linkLifetime() {
		return this.properties.passwordResetTtl();
	}

	/**
	 * Asks for a reset link for every active account of the address. Nothing is told
	 * back: the caller answers the same whatever happened. An account gets at most one
	 * link every two minutes.
	 * @throws io.assay.platform.RateLimitedException when this client asked too often
	 */
	public void request(String email) {
		this.limits.take(ClientLimits.Action.PASSWORD_RESET);
		String address = email.strip().toLowerCase(Locale.ROOT);
		if (!this.mail.canSend() || address.isEmpty() || address.length() > 255 || address.indexOf('\0') >= 0) {
			return;
		}
		record Account(UUID userId, UUID organizationId) {
		}
		List<Account> accounts = this.db
			.sql("select user_id, organization_id from assay_login_account(?) where is_active")
			.param(address)
			.query((rs, n) -> new Account(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.list();
		for (Account account : accounts) {
			this.tenants.callAs(account.organizationId(), account.userId(), () -> {
				this.transactions.executeWithoutResult(tx -> {
					boolean recent = Boolean.TRUE.equals(this.db.sql("""
							select exists (select from password_resets
							                where user_id = ? and created_at > now() - interval '2 minutes')
							""").param(account.userId()).query(Boolean.class).single());
					if (recent) {
						return;
					}
					UUID id = this.db
						.sql("insert into password_resets (organization_id, user_id) values (?, ?) returning id")
						.params(account.organizationId(), account.userId())
						.query(UUID.class)
						.single();
					this.audit.record("password_reset_requested", "user", account.userId(), Map.of());
					this.events.publishEvent(new PasswordResetToSend(account.organizationId(), id));
				});
				return null;
			});
		}
	}

	/**
	 * Makes the link for a requested reset, for the email being written now; empty when
	 * it was used meanwhile or its account was deactivated. Runs bound to the reset's
	 * organisation.
	 */
	public Optional<Letter> letter(UUID resetId) {
		return this.transactions.execute(tx -> this.db.sql("""
				select u.email, u.name, o.name as organization_name, coalesce(u.locale, o.default_locale) as locale
				  from password_resets r join users u on u.id = r.user_id
				  join organizations o on o.id = r.organization_id
				 where r.id = ? and r.used_at is null and u.is_active
				   for update of r
				""").param(resetId).query((rs, n) -> {
			String secret = LinkSecrets.create();
			Instant expires = this.db
				.sql("update password_resets set token_hash = ?, expires_at = now() + ? where id = ?"
						+ " returning expires_at")
				.params(LinkSecrets.digest(secret), Intervals.of(this.properties.passwordResetTtl()), resetId)
				.query(Timestamp.class)
				.single()
				.toInstant();
			return new Letter(rs.getString("email"), rs.getString("name"), rs.getString("organization_name"), secret,
					expires, rs.getString("locale"));
		}).optional());
	}

	/** The account a link resets, as its page names it. */
	public record Opened(String email, String organizationName) {
	}

	/** The account a link resets, while the link works. */
	public Optional<Opened> opened(String secret) {
		return organizationOf(secret).map(organization -> this.tenants.callAs(organization, null,
				() -> this.transactions.execute(tx -> this.db.sql("""
						select u.email, o.name from password_resets r join users u on u.id = r.user_id
						  join organizations o on o.id = r.organization_id
						 where r.token_hash = ?
						""")
					.param(LinkSecrets.digest(secret))
					.query((rs, n) -> new Opened(rs.getString(1), rs.getString(2)))
					.single())));
	}

	/**
	 * Sets the new password, uses up the link (and any other open one of the account),
	 * and ends the account's sessions: whoever was signed in with the old password is
	 * signed out.
	 * @throws GoneException when the link does not work
	 * @throws io.assay.platform.InvalidInputException when the password is weak
	 */
	public void complete(String secret, String newPassword) {
		UUID organization = organizationOf(secret).orElseThrow(() -> new GoneException(GONE));
		String email = opened(secret).orElseThrow(() -> new GoneException(GONE)).email();
		Passwords.requireAcceptable("password", newPassword, email);
		String hash = this.passwords.hash(newPassword);
		this.tenants.callAs(organization, null, () -> {
			this.transactions.executeWithoutResult(tx -> {
				UUID userId = this.db.sql("""
						update password_resets set used_at = now(), token_hash = null
						 where token_hash = ? and used_at is null and expires_at > now()
						returning user_id
						""")
					.param(LinkSecrets.digest(secret))
					.query(UUID.class)
					.optional()
					.orElseThrow(() -> new GoneException(GONE));
				this.db
					.sql("update password_resets set used_at = now(), token_hash = null"
							+ " where user_id = ? and used_at is null")
					.param(userId)
					.update();
				this.db.sql("update users set password_hash = ?, updated_at = now() where id = ? and is_active")
					.params(hash, userId)
					.update();
				int ended = this.tokens.revokeSessions(userId, null);
				// Whoever locked the address with wrong guesses no longer knows the
				// password.
				this.throttle.reset(email.toLowerCase(Locale.ROOT));
				this.audit.record("password_reset", "user", userId, Map.of("sessions_ended", ended));
			});
			return null;
		});
	}

	private Optional<UUID> organizationOf(String secret) {
		if (!LinkSecrets.plausible(secret)) {
			return Optional.empty();
		}
		return this.db.sql("select assay_password_reset_organization(?)")
			.param(LinkSecrets.digest(secret))
			.query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
			.single();
	}

}
