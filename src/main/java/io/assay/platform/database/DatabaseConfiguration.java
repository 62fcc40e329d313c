package io.assay.platform.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.assay.platform.TenantContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The application's connections: a pool of the unprivileged application role, on a server
 * that {@link DatabaseServer} has started (if embedded) and migrated beforehand.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean(destroyMethod = "close")
	DatabaseServer databaseServer(DatabaseProperties properties) {
		return DatabaseServer.prepare(properties);
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DatabaseServer server, DatabaseProperties properties) {
		HikariDataSource pool = new HikariDataSource();
		pool.setPoolName("assay");
		pool.setJdbcUrl(server.url());
		pool.setUsername(server.appUser());
		pool.setPassword(server.appPassword());
		pool.setMaximumPoolSize(properties.poolSize());
		pool.setConnectionTimeout(properties.connectionTimeout().toMillis());
		try {
			requireUnprivilegedSession(JdbcClient.create(pool));
		}
		catch (RuntimeException ex) {
			pool.close();
			throw ex;
		}
		return pool;
	}

	/**
	 * Checks who the pool really connects as, not who it was told to: a user named in the
	 * URL, or a superuser's connection, would silently switch off row-level security.
	 */
	private static void requireUnprivilegedSession(JdbcClient pool) {
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
		return new TenantTransactionManager(dataSource, tenants);
	}

}
