package io.assay.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

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

	/** How long the address must still wait, if it is locked. */
	Optional<Duration> lockedFor(String email) {
		return this.db.sql("select locked_until from login_throttle where email_digest = ? and locked_until > now()")
			.param(key(email))
			.query(java.sql.Timestamp.class)
			.optional()
			.map(until -> Duration.between(Instant.now(), until.toInstant()));
	}

	/** Counts a failure; runs in the caller's transaction. */
	void recordFailure(String email) {
		this.db.sql("""
				insert into login_throttle as t (email_digest, failures, first_failure)
				values (:key, 1, now())
				on conflict (email_digest) do update set
				    failures = case when t.first_failure < now() - :window then 1 else t.failures + 1 end,
				    first_failure = case when t.first_failure < now() - :window then now() else t.first_failure end,
				    locked_until = case
				        when t.first_failure >= now() - :window and t.failures + 1 >= :max then now() + :lock
				        else null end
				""")
			.param("key", key(email))
			.param("window", interval(this.properties.loginFailureWindow()))
			.param("max", this.properties.loginMaxFailures())
			.param("lock", interval(this.properties.loginLockDuration()))
			.update();
	}

	/** Forgets the failures after a successful login. */
	void reset(String email) {
		this.db.sql("delete from login_throttle where email_digest = ?").param(key(email)).update();
	}

	private static byte[] key(String email) {
		return AccessTokens.digest(email.trim().toLowerCase(Locale.ROOT));
	}

	private static org.postgresql.util.PGInterval interval(Duration duration) {
		try {
			return new org.postgresql.util.PGInterval(duration.toSeconds() + " seconds");
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
