package io.assay.platform.database;

import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An embedded database migrated up to an old version, holding rows as that version wrote
 * them, to see what the later migrations make of them.
 */
final class OldSchema implements AutoCloseable {

	private final EmbeddedDatabase.Started started;

	private final PGSimpleDataSource source = new PGSimpleDataSource();

	private OldSchema(EmbeddedDatabase.Started started) {
		this.started = started;
		this.source.setUrl("jdbc:postgresql://127.0.0.1:" + started.postgres().getPort() + "/postgres");
		this.source.setUser(EmbeddedDatabase.SUPERUSER);
		this.source.setPassword(started.superuserPassword());
	}

	/**
	 * A new database in {@code directory}, migrated up to and including {@code version}.
	 */
	static OldSchema at(Path directory, String version) throws Exception {
		DatabaseProperties.Embedded settings = new DatabaseProperties.Embedded(directory.resolve("postgres"), 0,
				directory.resolve("keys/postgres.password"));
		OldSchema schema = new OldSchema(EmbeddedDatabase.start(settings));
		try {
			Flyway.configure()
				.dataSource(schema.source)
				.locations("classpath:db/migration")
				.target(version)
				.load()
				.migrate();
			return schema;
		}
		catch (RuntimeException ex) {
			schema.close();
			throw ex;
		}
	}

	/** The database as its superuser, outside row-level security. */
	JdbcClient db() {
		return JdbcClient.create(this.source);
	}

	/** Runs every later migration. */
	void migrateToLatest() {
		Flyway.configure().dataSource(this.source).locations("classpath:db/migration").load().migrate();
	}

	@Override
	public void close() throws Exception {
		this.started.close();
	}

}
