package io.assay.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How often one client (its network address) may do what anyone can do without an
 * account: log in, sign up, open a shared report. Counted in PostgreSQL, in one statement
 * per request on the client's row, so a limit holds under concurrent requests and across
 * every copy of the service; past it, the request is refused with how long to wait.
 */
@Component
public class ClientLimits {

	/** What is limited, with its settings. */
	public enum Action {

		/** Failed logins: a successful one gives its count back. */
		LOGIN("login"),

		SIGNUP("signup"),

		SHARE_VIEW("share_view"),

		/**
		 * Requests for a password reset link, whether or not the address has an account.
		 */
		PASSWORD_RESET("password_reset");

		private final String key;

		Action(String key) {
			this.key = key;
		}

	}

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final RequestOrigin origin;

	private final ClientLimitProperties properties;

	ClientLimits(JdbcClient db, TransactionTemplate transactions, RequestOrigin origin,
			ClientLimitProperties properties) {
		this.db = db;
		this.transactions = transactions;
		this.origin = origin;
		this.properties = properties;
	}

	/**
	 * Counts one request of the current client, committed at once (before the work it
	 * guards, so that concurrent requests cannot all pass).
	 * @throws RateLimitedException when the client is past the limit of this window
	 */
	public void take(Action action) {
		ClientLimitProperties.Limit limit = this.properties.of(action);
		byte[] client = currentClient();
		Optional<Instant> overLimitSince = this.transactions.execute(tx -> this.db.sql("""
				insert into client_limits as l (action, client, window_start, hits) values (:action, :client, now(), 1)
				on conflict (action, client) do update set
				    hits = case when l.window_start <= now() - :window then 1 else l.hits + 1 end,
				    window_start = case when l.window_start <= now() - :window then now() else l.window_start end
				returning case when hits > :max then window_start end
				""")
			.param("action", action.key)
			.param("client", client)
			.param("window", Intervals.of(limit.window()))
			.param("max", limit.max())
			.query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(java.sql.Timestamp::toInstant))
			.single());
		if (overLimitSince.isPresent()) {
			Duration wait = Duration.between(Instant.now(), overLimitSince.get().plus(limit.window()));
			Duration retryAfter = wait.isNegative() ? Duration.ofSeconds(1) : wait;
			throw new RateLimitedException(
					Wording.of("problem.too-many." + action.key.replace('_', '-'), Intervals.wording(retryAfter)),
					retryAfter);
		}
	}

	/** Gives a request's count back (a login that succeeded). */
	public void giveBack(Action action) {
		this.transactions.executeWithoutResult(tx -> this.db
			.sql("update client_limits set hits = greatest(hits - 1, 0) where action = ? and client = ?")
			.params(action.key, currentClient())
			.update());
	}

	/** Forgets windows that ended a day ago or more. */
	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
	void forgetOldWindows() {
		this.transactions.executeWithoutResult(
				tx -> this.db.sql("delete from client_limits where window_start < now() - interval '1 day'").update());
	}

	private byte[] currentClient() {
		String address = this.origin.current().map(RequestOrigin.Origin::ipAddress).orElse(null);
		String key = address == null ? "unknown" : address.toLowerCase(Locale.ROOT);
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
