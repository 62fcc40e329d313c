package io.assay.identity;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.platform.ConflictException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A second factor for signing in: a TOTP authenticator app, with single-use recovery
 * codes for a lost phone. A person sets it up from their account; an administrator can
 * demand it of everyone in the organisation (who then set it up at their next sign-in)
 * and can clear it for someone who lost both phone and codes.
 */
@Service
public class TwoFactors {

	static final int RECOVERY_CODES = 10;

	private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final IdentitySecrets secrets;

	private final Passwords passwords;

	TwoFactors(JdbcClient db, TransactionTemplate transactions, TenantContext tenants, AuditTrail audit,
			IdentitySecrets secrets, Passwords passwords) {
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
		this.audit = audit;
		this.secrets = secrets;
		this.passwords = passwords;
	}

	/**
	 * Where a person's second factor stands.
	 *
	 * @param requiredByOrganization whether their organisation demands two factors (then
	 * it cannot be turned off)
	 */
	public record Status(boolean enabled, @Nullable Instant enabledAt, int recoveryCodesLeft,
			boolean requiredByOrganization) {
	}

	/** A secret proposed to an authenticator app, until a code from it confirms it. */
	public record Enrolment(String secret, String uri) {
	}

	public Status status(CurrentUser user) {
		return this.transactions.execute(tx -> this.db.sql("""
				select u.totp_enabled_at, o.require_two_factor,
				       (select count(*) from recovery_codes r where r.user_id = u.id and r.used_at is null) as left_over
				  from users u join organizations o on o.id = u.organization_id
				 where u.id = ?
				""").param(user.userId()).query((rs, n) -> {
			java.sql.Timestamp enabled = rs.getTimestamp("totp_enabled_at");
			return new Status(enabled != null, enabled == null ? null : enabled.toInstant(), rs.getInt("left_over"),
					rs.getBoolean("require_two_factor"));
		}).single());
	}

	/**
	 * Proposes a new secret to the person (replacing any earlier proposal); their second
	 * factor changes only when a code from it is confirmed.
	 * @throws ConflictException when two factors are already on
	 */
	public Enrolment startEnrolment(CurrentUser user) {
		if (status(user).enabled()) {
			throw new ConflictException(Wording.of("two-factor.already-on"));
		}
		byte[] secret = Totp.newSecret();
		this.transactions.executeWithoutResult(tx -> this.db.sql("update users set totp_secret = ? where id = ?")
			.params(this.secrets.encrypt(secret, boundTo(user.userId())), user.userId())
			.update());
		return enrolment(secret, user.email(), user.organizationName());
	}

	/**
	 * Turns two factors on with a code from the app the proposed secret went to; answers
	 * the recovery codes, shown this once.
	 * @throws InvalidInputException when the code is not right for the proposed secret
	 */
	public List<String> confirmEnrolment(CurrentUser user, String code) {
		return this.transactions.execute(tx -> {
			byte[] sealed = this.db
				.sql("select totp_secret from users where id = ? and totp_enabled_at is null for update")
				.param(user.userId())
				.query(byte[].class)
				.optional()
				.orElseThrow(() -> new ConflictException(Wording.of("two-factor.start-first")));
			OptionalLong step = Totp.accepted(this.secrets.decrypt(sealed, boundTo(user.userId())), code, Instant.now(),
					Long.MIN_VALUE);
			if (step.isEmpty()) {
				throw InvalidInputException.of("code", Wording.of("two-factor.wrong-code"));
			}
			return enable(user.userId(), step.getAsLong(), "account");
		});
	}

	/**
	 * Turns two factors off, with the person's password.
	 * @throws ConflictException when the organisation demands them
	 * @throws InvalidInputException when the password is wrong
	 */
	public void disable(CurrentUser user, String password) {
		if (status(user).requiredByOrganization()) {
			throw new ConflictException(Wording.of("two-factor.required"));
		}
		String hash = this.transactions.execute(tx -> this.db.sql("select password_hash from users where id = ?")
			.param(user.userId())
			.query(String.class)
			.optional()
			.orElse(null));
		if (password.length() > Passwords.MAX_LENGTH || !this.passwords.matches(password, hash)) {
			throw InvalidInputException.of("password", Wording.of("password.not-yours"));
		}
		this.transactions.executeWithoutResult(tx -> {
			clear(user.userId());
			this.audit.record("two_factor_disabled", "user", user.userId(), Map.of());
		});
	}

	/** New recovery codes, shown this once; the earlier ones stop working. */
	public List<String> renewRecoveryCodes(CurrentUser user) {
		return this.transactions.execute(tx -> {
			if (!status(user).enabled()) {
				throw new ConflictException(Wording.of("two-factor.turn-on-first"));
			}
			List<String> codes = newRecoveryCodes(user.userId());
			this.audit.record("recovery_codes_renewed", "user", user.userId(), Map.of());
			return codes;
		});
	}

	/**
	 * An administrator clears someone's second factor (a lost phone and lost codes); they
	 * set it up again at their next sign-in if the organisation demands it.
	 */
	public void clearFor(UUID userId) {
		this.transactions.executeWithoutResult(tx -> {
			String email = this.db.sql("select email from users where id = ?")
				.param(userId)
				.query(String.class)
				.optional()
				.orElseThrow(() -> new NotFoundException("User"));
			clear(userId);
			this.audit.record("two_factor_cleared", "user", userId, Map.of("email", email));
		});
	}

	// Sign-in: the challenge between a right password and the second factor.

	/** What a right password leads to when a second factor is due. */
	record Challenge(String token, boolean enrolment, @Nullable Enrolment proposed) {
	}

	/**
	 * The challenge due after a right password for this user, if any: their code, or
	 * (where the organisation demands two factors and they have none) setting one up.
	 * Runs in the caller's transaction, bound to the user's organisation.
	 */
	Optional<Challenge> challengeAfterPassword(User user, String organizationName) {
		record Due(boolean enabled, boolean required) {
		}
		Due due = this.db.sql("""
				select u.totp_enabled_at is not null, o.require_two_factor
				  from users u join organizations o on o.id = u.organization_id where u.id = ?
				""").param(user.id()).query((rs, n) -> new Due(rs.getBoolean(1), rs.getBoolean(2))).single();
		if (!due.enabled() && !due.required()) {
			return Optional.empty();
		}
		this.db.sql("delete from login_challenges where user_id = ? and expires_at <= now()").param(user.id()).update();
		String token = LinkSecrets.create();
		byte[] proposed = due.enabled() ? null : Totp.newSecret();
		this.db
			.sql("""
					insert into login_challenges (organization_id, user_id, token_hash, enrolment, proposed_secret, expires_at)
					values (?, ?, ?, ?, ?, now() + interval '5 minutes')
					""")
			.params(user.organizationId(), user.id(), LinkSecrets.digest(token), proposed != null,
					proposed == null ? null : this.secrets.encrypt(proposed, boundTo(user.id())))
			.update();
		return Optional.of(new Challenge(token, proposed != null,
				proposed == null ? null : enrolment(proposed, user.email(), organizationName)));
	}

	/** The organisation a challenge belongs to, while it lasts. */
	Optional<UUID> organizationOfChallenge(String token) {
		if (!LinkSecrets.plausible(token)) {
			return Optional.empty();
		}
		return this.db.sql("select assay_login_challenge_organization(?)")
			.param(LinkSecrets.digest(token))
			.query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
			.single();
	}

	/** A challenge being answered: whose, which try, and what it expects. */
	record Attempt(UUID challengeId, UUID userId, String email, int attempt, boolean enrolment) {
	}

	/**
	 * Counts a try at a challenge (committed before the code is checked, as failed
	 * passwords are), in its organisation's binding; empty when it expired or is unknown.
	 */
	Optional<Attempt> countAttempt(String token) {
		return this.transactions.execute(tx -> this.db.sql("""
				update login_challenges c set attempts = attempts + 1
				  from users u
				 where c.token_hash = ? and c.expires_at > now() and u.id = c.user_id and u.is_active
				returning c.id, c.user_id, u.email, c.attempts, c.enrolment
				""")
			.param(LinkSecrets.digest(token))
			.query((rs, n) -> new Attempt(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getInt(4), rs.getBoolean(5)))
			.optional());
	}

	/**
	 * Checks a code for a challenge, in the caller's transaction: a TOTP code (or, for an
	 * enrolment, a code of the proposed secret), or an unused recovery code. On success
	 * the challenge is used up and the answer says how the person proved themselves (with
	 * the recovery codes of a new enrolment).
	 */
	Optional<SecondFactor> verify(Attempt attempt, String code) {
		UUID user = attempt.userId();
		if (attempt.enrolment()) {
			byte[] sealed = this.db.sql("select proposed_secret from login_challenges where id = ?")
				.param(attempt.challengeId())
				.query(byte[].class)
				.single();
			byte[] secret = this.secrets.decrypt(sealed, boundTo(user));
			OptionalLong step = Totp.accepted(secret, code, Instant.now(), Long.MIN_VALUE);
			if (step.isEmpty()) {
				return Optional.empty();
			}
			this.db.sql("update users set totp_secret = ? where id = ?")
				.params(this.secrets.encrypt(secret, boundTo(user)), user)
				.update();
			List<String> codes = enable(user, step.getAsLong(), "sign-in");
			used(attempt);
			return Optional.of(new SecondFactor("totp_enrolled", codes));
		}
		record Stored(byte[] secret, long lastStep) {
		}
		Stored stored = this.db.sql(
				"select totp_secret, coalesce(totp_last_step, 0) from users where id = ? and totp_enabled_at is not null"
						+ " for update")
			.param(user)
			.query((rs, n) -> new Stored(rs.getBytes(1), rs.getLong(2)))
			.optional()
			.orElse(null);
		if (stored == null) {
			return Optional.empty();
		}
		OptionalLong step = Totp.accepted(this.secrets.decrypt(stored.secret(), boundTo(user)), code, Instant.now(),
				stored.lastStep());
		if (step.isPresent()) {
			this.db.sql("update users set totp_last_step = ? where id = ?").params(step.getAsLong(), user).update();
			used(attempt);
			return Optional.of(new SecondFactor("totp", List.of()));
		}
		String recovery = code.strip().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
		if (recovery.length() == 10 && this.db.sql("""
				update recovery_codes set used_at = now()
				 where user_id = ? and code_hash = ? and used_at is null
				""").params(user, LinkSecrets.digest(recovery)).update() == 1) {
			used(attempt);
			return Optional.of(new SecondFactor("recovery_code", List.of()));
		}
		return Optional.empty();
	}

	/**
	 * How a person proved themselves; {@code recoveryCodes} are those of a new enrolment,
	 * to be shown once.
	 */
	record SecondFactor(String kind, List<String> recoveryCodes) {
	}

	/** Ends a challenge that had too many tries. */
	void abandon(Attempt attempt) {
		this.transactions.executeWithoutResult(
				tx -> this.db.sql("delete from login_challenges where id = ?").param(attempt.challengeId()).update());
	}

	private void used(Attempt attempt) {
		this.db.sql("delete from login_challenges where id = ?").param(attempt.challengeId()).update();
	}

	private List<String> enable(UUID userId, long step, String via) {
		this.db.sql("update users set totp_enabled_at = now(), totp_last_step = ?, updated_at = now() where id = ?")
			.params(step, userId)
			.update();
		List<String> codes = newRecoveryCodes(userId);
		this.audit.record("two_factor_enabled", "user", userId, Map.of("via", via));
		return codes;
	}

	private List<String> newRecoveryCodes(UUID userId) {
		this.db.sql("delete from recovery_codes where user_id = ?").param(userId).update();
		UUID organization = this.tenants.requireOrganizationId();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			StringBuilder code = new StringBuilder();
			for (int c = 0; c < 10; c++) {
				code.append(RECOVERY_ALPHABET.charAt(this.random.nextInt(RECOVERY_ALPHABET.length())));
			}
			this.db.sql("insert into recovery_codes (organization_id, user_id, code_hash) values (?, ?, ?)")
				.params(organization, userId, LinkSecrets.digest(code.toString()))
				.update();
			codes.add(code.substring(0, 5) + "-" + code.substring(5));
		}
		return codes;
	}

	private void clear(UUID userId) {
		this.db
			.sql("update users set totp_secret = null, totp_enabled_at = null, totp_last_step = null,"
					+ " updated_at = now() where id = ?")
			.param(userId)
			.update();
		this.db.sql("delete from recovery_codes where user_id = ?").param(userId).update();
		this.db.sql("delete from login_challenges where user_id = ?").param(userId).update();
	}

	private static Enrolment enrolment(byte[] secret, String email, String organizationName) {
		return new Enrolment(Totp.base32(secret), Totp.uri(secret, email, "Assay (" + organizationName + ")"));
	}

	private static String boundTo(UUID userId) {
		return "totp:" + userId;
	}

}
