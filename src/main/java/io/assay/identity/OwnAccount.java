package io.assay.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.platform.InvalidInputException;
import io.assay.platform.Intervals;
import io.assay.platform.NotFoundException;
import io.assay.platform.RateLimitedException;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a signed-in person does with their own account: their password, their sessions,
 * the language they read Assay in.
 */
@Service
public class OwnAccount {

	/** The languages Assay is written in. */
	public static final List<String> LANGUAGES = List.of("en", "de");

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final AuditTrail audit;

	private final Passwords passwords;

	private final AccessTokens tokens;

	private final LoginThrottle throttle;

	OwnAccount(JdbcClient db, TransactionTemplate transactions, AuditTrail audit, Passwords passwords,
			AccessTokens tokens, LoginThrottle throttle) {
		this.db = db;
		this.transactions = transactions;
		this.audit = audit;
		this.passwords = passwords;
		this.tokens = tokens;
		this.throttle = throttle;
	}

	/**
	 * A signed-in session of the person.
	 *
	 * @param current whether it is the session this request came with
	 */
	public record Session(UUID id, Instant createdAt, @Nullable Instant lastUsedAt, @Nullable Instant expiresAt,
			@Nullable String userAgent, @Nullable String ipAddress, boolean current) {
	}

	/**
	 * Changes the person's password; their other sessions end (whoever knew the old
	 * password is signed out), this one stays. Wrong current passwords count towards the
	 * same lock as failed logins.
	 * @throws InvalidInputException when the current password is wrong or the new one is
	 * weak
	 */
	public void changePassword(CurrentUser user, String currentPassword, String newPassword) {
		String address = user.email().trim().toLowerCase(Locale.ROOT);
		Optional<Duration> locked = this.transactions.execute(tx -> this.throttle.admit(address));
		if (locked.isPresent()) {
			throw new RateLimitedException(
					Wording.of("problem.too-many.wrong-passwords", Intervals.wording(locked.get())), locked.get());
		}
		String hash = this.transactions.execute(tx -> this.db.sql("select password_hash from users where id = ?")
			.param(user.userId())
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("User")));
		if (currentPassword.length() > Passwords.MAX_LENGTH || !this.passwords.matches(currentPassword, hash)) {
			throw InvalidInputException.of("current_password", Wording.of("password.not-current"));
		}
		Passwords.requireAcceptable("new_password", newPassword, user.email());
		String newHash = this.passwords.hash(newPassword);
		this.transactions.executeWithoutResult(tx -> {
			this.throttle.reset(address);
			this.db.sql("update users set password_hash = ?, updated_at = now() where id = ?")
				.params(newHash, user.userId())
				.update();
			int ended = this.tokens.revokeSessions(user.userId(), user.tokenId());
			this.audit.record("password_changed", "user", user.userId(), Map.of("other_sessions_ended", ended));
		});
	}

	/** The person's live sessions, the newest first. */
	public List<Session> sessions(CurrentUser user) {
		return this.transactions.execute(tx -> this.db.sql("""
				select id, created_at, last_used_at, expires_at, user_agent, host(ip_address) as ip_address
				  from access_tokens
				 where user_id = ? and kind = 'session' and expires_at > now()
				 order by created_at desc, id
				""")
			.param(user.userId())
			.query((rs, n) -> new Session(rs.getObject("id", UUID.class), rs.getTimestamp("created_at").toInstant(),
					instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("expires_at")),
					rs.getString("user_agent"), rs.getString("ip_address"),
					rs.getObject("id", UUID.class).equals(user.tokenId())))
			.list());
	}

	/** Ends one of the person's sessions (their current one too, if they ask). */
	public void endSession(CurrentUser user, UUID sessionId) {
		this.transactions.executeWithoutResult(tx -> {
			if (!this.tokens.revoke(sessionId, user.userId(), AccessTokens.SESSION)) {
				throw new NotFoundException("Session");
			}
			this.audit.record("session_ended", "user", user.userId(), Map.of("session_id", sessionId.toString()));
		});
	}

	/** Ends every session of the person but the one this request came with. */
	public int endOtherSessions(CurrentUser user) {
		return this.transactions.execute(tx -> {
			int ended = this.tokens.revokeSessions(user.userId(), user.tokenId());
			this.audit.record("other_sessions_ended", "user", user.userId(), Map.of("sessions", ended));
			return ended;
		});
	}

	/**
	 * Sets the language the person reads Assay in; null follows the organisation's
	 * default (else the browser's).
	 */
	public void changeLanguage(CurrentUser user, @Nullable String language) {
		if (language != null && !LANGUAGES.contains(language)) {
			throw InvalidInputException.of("language", Wording.of("field.one-of", String.join(", ", LANGUAGES)));
		}
		this.transactions.executeWithoutResult(tx -> {
			this.db.sql("update users set locale = ?, updated_at = now() where id = ?")
				.params(language, user.userId())
				.update();
			this.audit.record("language_changed", "user", user.userId(),
					Map.of("language", language == null ? "organisation default" : language));
		});
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
