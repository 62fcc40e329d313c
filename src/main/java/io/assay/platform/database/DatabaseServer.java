package io.assay.platform.database;

import java.security.SecureRandom;
import java.util.Base64;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PostgreSQL server Assay works on, made ready: started (for the embedded default),
 * migrated as the owner role, and with the application's login role provisioned and
 * checked.
 */
final class DatabaseServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);

	private static final String DEFAULT_APP_ROLE = "assay_app";

	private final String url;

	private final String ownerUser;

	private final @Nullable String ownerPassword;

	private final String appUser;

	private final String appPassword;

	private final EmbeddedDatabase.@Nullable Started embedded;

	DatabaseServer(String url, String ownerUser, @Nullable String ownerPassword, String appUser, String appPassword,
			EmbeddedDatabase.@Nullable Started embedded) {
		this.url = url;
		this.ownerUser = ownerUser;
		this.ownerPassword = ownerPassword;
		this.appUser = appUser;
		this.appPassword = appPassword;
		this.embedded = embedded;
	}

	static DatabaseServer prepare(DatabaseProperties properties) {
		String appUser = properties.app().user() != null ? properties.app().user() : DEFAULT_APP_ROLE;
		if (properties.isEmbedded()) {
			EmbeddedDatabase.Started started = EmbeddedDatabase.startForTheApplication(properties.embedded());
			EmbeddedPostgres postgres = started.postgres();
			try {
				// Not postgres.getJdbcUrl(): it carries ?user=postgres, and a user in the
				// URL
				// wins over the pool's, which would connect the application as superuser.
				String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
				// The embedded server is this process's alone: a fresh password each
				// start
				// means none has to be stored anywhere.
				String appPassword = properties.app().password() != null ? properties.app().password()
						: randomPassword();
				String superuserPassword = started.superuserPassword();
				JdbcClient owner = migrate(url, EmbeddedDatabase.SUPERUSER, superuserPassword);
				ApplicationRole role = new ApplicationRole(owner);
				role.provision(appUser, appPassword);
				role.requireSubjectToRowLevelSecurity(appUser);
				return new DatabaseServer(url, EmbeddedDatabase.SUPERUSER, superuserPassword, appUser, appPassword,
						started);
			}
			catch (RuntimeException ex) {
				closeQuietly(started);
				throw ex;
			}
		}
		String url = properties.url();
		String ownerUser = properties.owner().user();
		String appPassword = properties.app().password();
		if (ownerUser == null || appPassword == null) {
			throw new IllegalStateException("ASSAY_DATABASE_URL is set, so Assay also needs ASSAY_DATABASE_OWNER_USER "
					+ "and ASSAY_DATABASE_OWNER_PASSWORD (the role that owns the tables and runs migrations) and "
					+ "ASSAY_DATABASE_APP_PASSWORD (the password of ASSAY_DATABASE_APP_USER, default "
					+ DEFAULT_APP_ROLE + ", the role Assay works as; created if the owner may create roles).");
		}
		JdbcClient owner = migrate(url, ownerUser, properties.owner().password());
		ApplicationRole role = new ApplicationRole(owner);
		role.provision(appUser, appPassword);
		role.requireSubjectToRowLevelSecurity(appUser);
		return new DatabaseServer(url, ownerUser, properties.owner().password(), appUser, appPassword, null);
	}

	private static JdbcClient migrate(String url, String user, @Nullable String password) {
		var result = Flyway.configure()
			.dataSource(url, user, password)
			.locations("classpath:db/migration")
			.load()
			.migrate();
		log.info("Database schema at version {} ({} migration(s) applied now)", result.targetSchemaVersion,
				result.migrationsExecuted);
		return JdbcClient.create(unpooled(url, user, password));
	}

	static PGSimpleDataSource unpooled(String url, String user, @Nullable String password) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url);
		dataSource.setUser(user);
		if (password != null) {
			dataSource.setPassword(password);
		}
		return dataSource;
	}

	/**
	 * Connections as the owner of the tables, which row-level security does not restrict:
	 * for migrations, and for tests that must see or tamper with every organisation's
	 * rows.
	 */
	DataSource ownerDataSource() {
		return unpooled(this.url, this.ownerUser, this.ownerPassword);
	}

	private static String randomPassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static void closeQuietly(EmbeddedDatabase.Started started) {
		try {
			started.close();
		}
		catch (Exception ex) {
			log.warn("Could not stop the embedded PostgreSQL", ex);
		}
	}

	String url() {
		return this.url;
	}

	String ownerUser() {
		return this.ownerUser;
	}

	@Nullable String ownerPassword() {
		return this.ownerPassword;
	}

	String appUser() {
		return this.appUser;
	}

	String appPassword() {
		return this.appPassword;
	}

	@Override
	public void close() throws Exception {
		if (this.embedded != null) {
			this.embedded.close();
		}
	}

}
