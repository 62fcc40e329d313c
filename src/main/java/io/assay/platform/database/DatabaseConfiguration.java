package io.assay.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.assay.platform.TenantContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The application's connections: a pool of the unprivileged application role, on a server
 * that {@link DatabaseServer} has started (if embedded) and migrated beforehand.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	private static final Duration REPLICA_WAIT = Duration.ofSeconds(2);

	@Bean(destroyMethod = "close")
	ServerWhenReady databaseServerWhenReady(DatabaseProperties properties,
			ObjectProvider<DatabaseHeadStart> headStart) {
		DatabaseHeadStart started = headStart.getIfAvailable();
		ServerWhenReady ahead = started == null ? null : started.take(properties);
		return ahead != null ? ahead : ServerWhenReady.ready(DatabaseServer.prepare(properties));
	}

	// Made only when asked for (tests that reach the database as its owner), so that
	// making it never waits for the head start; stopped by ServerWhenReady, after the
	// pool that uses it, not on its own.
	@Bean(destroyMethod = "")
	@Lazy
	DatabaseServer databaseServer(ServerWhenReady server) {
		return server.await();
	}

	/**
	 * The primary's pool, or, with a read replica configured, both pools behind
	 * {@link ReplicaRouting}. The primary's pool is made at once and set up at its first
	 * connection ({@link PoolWhenReady}), so that while the head start is still preparing
	 * the server the beans that only hold the pool are made meanwhile;
	 * {@link #databaseBeforeStart} makes sure the application starts only on a database
	 * that is ready and checked.
	 */
	@Bean(destroyMethod = "close")
	DataSource dataSource(ServerWhenReady server, DatabaseProperties properties, MeterRegistry meters) {
		PoolWhenReady primary = new PoolWhenReady(server, properties.poolSize(), properties.connectionTimeout());
		DatabaseProperties.Replica replica = properties.replica();
		if (!replica.isConfigured()) {
			return primary;
		}
		if (properties.isEmbedded()) {
			primary.close();
			throw new IllegalStateException("ASSAY_DATABASE_REPLICA_URL is set, but the embedded database has no "
					+ "standby: set ASSAY_DATABASE_URL to the primary the replica follows.");
		}
		// A standby that is away must not hold a read up for long: the read goes to the
		// primary instead.
		Duration wait = properties.connectionTimeout().compareTo(REPLICA_WAIT) < 0 ? properties.connectionTimeout()
				: REPLICA_WAIT;
		HikariDataSource standby = pool("assay-replica", replica.url(), server.await(), properties.poolSize(), wait);
		// Start without it if it is away now; the probe finds it once it is back.
		standby.setInitializationFailTimeout(-1);
		standby.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
		return new ReplicaRouting(primary, standby, replica.maxLag(), meters);
	}

	private static HikariDataSource pool(String name, String url, DatabaseServer server, int size,
			Duration connectionTimeout) {
		HikariDataSource pool = new HikariDataSource();
		settle(pool, name, size, connectionTimeout);
		connectTo(pool, url, server);
		return pool;
	}

	static void settle(HikariDataSource pool, String name, int size, Duration connectionTimeout) {
		pool.setPoolName(name);
		pool.setMaximumPoolSize(size);
		pool.setConnectionTimeout(connectionTimeout.toMillis());
		// Which pool a session belongs to, in pg_stat_activity.
		pool.addDataSourceProperty("ApplicationName", name);
	}

	static void connectTo(HikariDataSource pool, String url, DatabaseServer server) {
		pool.setJdbcUrl(url);
		pool.setUsername(server.appUser());
		pool.setPassword(server.appPassword());
	}

	/**
	 * The application starts serving only on a database that is ready and checked: the
	 * pool's first connection, made when every bean is, waits for the server if the head
	 * start is still preparing it.
	 */
	@Bean
	SmartInitializingSingleton databaseBeforeStart(DataSource dataSource) {
		return () -> {
			try (Connection connection = dataSource.getConnection()) {
				// Only to have made it.
			}
			catch (SQLException ex) {
				throw new IllegalStateException("The database is not reachable: " + ex.getMessage(), ex);
			}
		};
	}

	/**
	 * Checks who the pool really connects as, not who it was told to: a user named in the
	 * URL, or a superuser's connection, would silently switch off row-level security.
	 */
	static void requireUnprivilegedSession(JdbcClient pool) {
		Boolean privileged = pool.sql("select rolsuper or rolbypassrls from pg_roles where rolname = current_user")
			.query(Boolean.class)
			.single();
		if (Boolean.TRUE.equals(privileged)) {
			String user = pool.sql("select current_user").query(String.class).single();
			throw new IllegalStateException("The application's connections log in as '" + user
					+ "', a superuser or BYPASSRLS role, so row-level security would not isolate organisations. "
					+ "Remove any user from ASSAY_DATABASE_URL and set ASSAY_DATABASE_APP_USER instead.");
		}
	}

	@Bean
	PlatformTransactionManager transactionManager(DataSource dataSource, TenantContext tenants) {
		return new TenantTransactionManager(dataSource, tenants,
				dataSource instanceof ReplicaRouting routing ? routing : null);
	}

}
