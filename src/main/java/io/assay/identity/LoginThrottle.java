package io.assay.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.assay.platform.Intervals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@code loginMaxFailures} failed logins for one
 * email address within the window, that address is locked for a while, whether or not it
 * has an account (so the lock itself tells nothing). Kept in the database so it holds
 * across every copy of the service.
 */
@Component
class LoginThrottle {

	private final JdbcClient db;

	private final IdentityProperties properties;

	LoginThrottle(JdbcClient db, IdentityProperties properties) {
		this.db = db;
		this.properties = properties;
	}

	/**
	 * Counts a login attempt before its password is checked, and says how long the
	 * address must wait if this attempt is past the limit. Counting first, in one
	 * statement on the address's row, is what makes the limit hold when many guesses
	 * arrive at once: each takes the row in turn, and only the first {@code max} of a
	 * window get their password checked. A successful login then clears the count. Runs
	 * in the caller's transaction, which must commit before the password is checked.
	 */
	Optional<Duration> admit(String email) {
		return this.db.sql("""
				insert into login_throttle as t (email_digest, failures, first_failure)
				values (:key, 1, now())
				on conflict (email_digest) do update set
				    failures = case when t.first_failure < now() - :window then 1 else t.failures + 1 end,
				    first_failure = case when t.first_failure < now() - :window then now() else t.first_failure end,
				    locked_until = case
				        when t.locked_until > now() then t.locked_until
				        when t.first_failure >= now() - :window and t.failures + 1 > :max then now() + :lock
				        else null end
				returning locked_until
				""")
			.param("key", key(email))
			.param("window", Intervals.of(this.properties.loginFailureWindow()))
			.param("max", this.properties.loginMaxFailures())
			.param("lock", Intervals.of(this.properties.loginLockDuration()))
			.query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1)))
			.single()
			.filter(until -> until.toInstant().isAfter(Instant.now()))
			.map(until -> Duration.between(Instant.now(), until.toInstant()));
	}

	/** Forgets the failures after a successful login. */
	void reset(String email) {
		this.db.sql("delete from login_throttle where email_digest = ?").param(key(email)).update();
	}

	private static byte[] key(String email) {
		return AccessTokens.digest(email.trim().toLowerCase(Locale.ROOT));
	}

}
