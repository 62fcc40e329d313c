package io.assay.platform.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The application's connections when a hot standby is configured: every connection comes
 * from the primary's pool, except the one a {@link ReadReplica#MAY_TRAIL} read begins
 * with, which comes from the standby's while the standby keeps up.
 * <p>
 * Keeping up is measured, not assumed: a probe notes the primary's WAL position every
 * {@link #probeInterval} and asks the standby how far it has replayed; the standby's lag
 * is the age of the oldest noted position it has not replayed yet. While that is over the
 * allowed lag, while the standby cannot be reached, or if it turns out to be no standby
 * at all (it takes writes, or the application role bypasses row-level security there),
 * those reads go to the primary: a standby can make reads cheaper, never wrong or
 * impossible.
 */
final class ReplicaRouting extends AbstractDataSource implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ReplicaRouting.class);

	/** Set while a transaction the standby may serve takes its connection. */
	private static final ThreadLocal<Boolean> TRAILING_READ = ThreadLocal.withInitial(() -> false);

	private static final int VALIDATION_SECONDS = 1;

	private enum Standby {

		/** Not probed yet: the primary serves. */
		UNKNOWN("primary_unknown"),
		/** Replayed up to within the allowed lag. */
		KEEPING_UP("replica"),
		/** Reachable, but further behind than allowed. */
		LAGGING("primary_lagging"),
		/** Not reachable. */
		UNAVAILABLE("primary_unavailable"),
		/** Reachable, but not a standby the application may read from. */
		UNSUITABLE("primary_unsuitable");

		private final String outcome;

		Standby(String outcome) {
			this.outcome = outcome;
		}

	}

	private record Position(Instant at, long lsn) {
	}

	private final HikariDataSource primary;

	private final HikariDataSource replica;

	private final Duration maxLag;

	private final Duration probeInterval;

	private final java.util.Map<Standby, Counter> reads = new java.util.EnumMap<>(Standby.class);

	/** The primary's WAL positions the probe noted, oldest first. */
	private final Deque<Position> positions = new ArrayDeque<>();

	private final ScheduledExecutorService probe;

	private volatile Standby standby = Standby.UNKNOWN;

	/** Seconds the standby trails by, at the last probe; NaN while unknown. */
	private volatile double lagSeconds = Double.NaN;

	ReplicaRouting(HikariDataSource primary, HikariDataSource replica, Duration maxLag, MeterRegistry meters) {
		this.primary = primary;
		this.replica = replica;
		this.maxLag = maxLag;
		for (Standby state : Standby.values()) {
			this.reads.put(state,
					Counter.builder("assay.database.replica.reads")
						.description("Reads the read replica may serve, by where they went")
						.tag("outcome", state.outcome)
						.register(meters));
		}
		long fifth = Math.max(100, maxLag.toMillis() / 5);
		this.probeInterval = Duration.ofMillis(Math.min(1000, fifth));
		Gauge.builder("assay.database.replica.lag", this, routing -> routing.lagSeconds)
			.description("How far the read replica trails the primary, as of the last probe")
			.baseUnit("seconds")
			.register(meters);
		this.probe = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("database-replica-probe").factory());
		this.probe.scheduleWithFixedDelay(this::probeQuietly, 0, this.probeInterval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Begins a transaction the standby may serve: {@code begin} takes its connection. */
	void beginTrailingRead(Runnable begin) {
		TRAILING_READ.set(true);
		try {
			begin.run();
		}
		finally {
			TRAILING_READ.remove();
		}
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (TRAILING_READ.get()) {
			Standby now = this.standby;
			if (now == Standby.KEEPING_UP) {
				Connection connection = standbyConnection();
				if (connection != null) {
					read(now);
					return connection;
				}
				now = Standby.UNAVAILABLE;
			}
			read(now);
		}
		return this.primary.getConnection();
	}

	/**
	 * A pooled connection to the standby that still answers: a standby that stopped since
	 * its connection was last used leaves it in the pool, and the read would fail on it.
	 */
	private @Nullable Connection standbyConnection() {
		Connection connection = null;
		try {
			connection = this.replica.getConnection();
			if (connection.isValid(VALIDATION_SECONDS)) {
				return connection;
			}
			this.replica.evictConnection(connection);
			becomes(Standby.UNAVAILABLE, "its connection no longer answers");
		}
		catch (SQLException ex) {
			if (connection != null) {
				this.replica.evictConnection(connection);
			}
			becomes(Standby.UNAVAILABLE, ex.getMessage());
		}
		return null;
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLException("The application's pools log in as the application role only");
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		// The pool health, metrics and readiness look at is the primary's.
		return type.isInstance(this.primary) ? type.cast(this.primary) : super.unwrap(type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance(this.primary) || super.isWrapperFor(type);
	}

	private void read(Standby from) {
		this.reads.get(from).increment();
	}

	private void probeQuietly() {
		try {
			probe();
		}
		catch (RuntimeException ex) {
			log.warn("Could not probe the read replica", ex);
		}
	}

	private void probe() {
		Instant now = Instant.now();
		String primaryPosition;
		try {
			primaryPosition = single(this.primary, "select pg_current_wal_lsn()::text")[0];
		}
		catch (SQLException ex) {
			// Nothing to compare with; reads that reach the primary fail on their own.
			return;
		}
		note(new Position(now, lsn(primaryPosition)));
		String[] standbyState;
		try {
			standbyState = single(this.replica, """
					select pg_is_in_recovery()::text, pg_last_wal_replay_lsn()::text,
					       (rolsuper or rolbypassrls)::text
					  from pg_roles where rolname = current_user
					""");
		}
		catch (SQLException ex) {
			this.lagSeconds = Double.NaN;
			becomes(Standby.UNAVAILABLE, ex.getMessage());
			return;
		}
		if (!Boolean.parseBoolean(standbyState[0])) {
			this.lagSeconds = Double.NaN;
			becomes(Standby.UNSUITABLE, "it is not in recovery: a primary of its own, not a standby of this one");
			return;
		}
		if (Boolean.parseBoolean(standbyState[2])) {
			this.lagSeconds = Double.NaN;
			becomes(Standby.UNSUITABLE,
					"the application role is a superuser or BYPASSRLS there, so row-level security would not apply");
			return;
		}
		Duration lag = lag(standbyState[1] == null ? 0 : lsn(standbyState[1]), now);
		this.lagSeconds = lag.toMillis() / 1000.0;
		if (lag.compareTo(this.maxLag) <= 0) {
			becomes(Standby.KEEPING_UP, "trails by " + lag.toMillis() + " ms");
		}
		else {
			becomes(Standby.LAGGING, "trails by " + lag.toSeconds() + " s, more than the " + this.maxLag.toSeconds()
					+ " s allowed (ASSAY_DATABASE_REPLICA_MAX_LAG)");
		}
	}

	/** Keeps the positions the lag can still be measured against. */
	private synchronized void note(Position position) {
		this.positions.addLast(position);
		Instant horizon = position.at().minus(this.maxLag.multipliedBy(2)).minus(this.probeInterval);
		while (this.positions.size() > 1 && this.positions.peekFirst().at().isBefore(horizon)) {
			this.positions.removeFirst();
		}
	}

	/**
	 * The age of the oldest noted primary position past what the standby replayed: WAL
	 * the primary had written then has not reached the standby's reads since.
	 */
	private synchronized Duration lag(long replayed, Instant now) {
		for (Position position : this.positions) {
			if (Long.compareUnsigned(position.lsn(), replayed) > 0) {
				return Duration.between(position.at(), now);
			}
		}
		return Duration.ZERO;
	}

	private void becomes(Standby next, String why) {
		Standby previous = this.standby;
		this.standby = next;
		if (previous == next) {
			return;
		}
		switch (next) {
			case KEEPING_UP -> log.info("Lists and other reads that may trail go to the read replica: it {}", why);
			case LAGGING -> log.warn("Reads go to the primary while the read replica {}", why);
			case UNAVAILABLE -> log.warn("Reads go to the primary while the read replica cannot be reached: {}", why);
			case UNSUITABLE -> log.error("Reads go to the primary: ASSAY_DATABASE_REPLICA_URL is not usable, {}", why);
			case UNKNOWN -> {
			}
		}
	}

	private static String[] single(HikariDataSource pool, String sql) throws SQLException {
		try (Connection connection = pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery(sql)) {
			if (!row.next()) {
				throw new SQLException("No row from " + sql);
			}
			String[] values = new String[row.getMetaData().getColumnCount()];
			for (int i = 0; i < values.length; i++) {
				values[i] = row.getString(i + 1);
			}
			return values;
		}
	}

	/** A WAL position as PostgreSQL writes it ({@code 16/B374D848}) as one number. */
	static long lsn(String text) {
		int slash = text.indexOf('/');
		return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
	}

	@Override
	public void close() {
		this.probe.shutdownNow();
		this.replica.close();
		this.primary.close();
	}

}
