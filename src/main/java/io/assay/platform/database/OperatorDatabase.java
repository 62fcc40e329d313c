package io.assay.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.assay.platform.CommandEnvironment;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assay's database for an operator command run beside the service ({@code java -jar
 * assay.jar organizations ...}): connections as the owner of the tables, across every
 * organisation, on the server the service's settings name.
 * <p>
 * For the embedded default it connects to the server of the copy of Assay that is running
 * on the data directory, if one is; otherwise it starts the embedded server for the
 * command's duration, holding the directory as Assay itself would. It never migrates: a
 * schema this version of Assay has not brought up to date is refused.
 */
public final class OperatorDatabase implements AutoCloseable {

	private final DataSource source;

	private final JdbcClient owner;

	private final String description;

	private final EmbeddedDatabase.@Nullable Started started;

	private OperatorDatabase(DataSource owner, String description, EmbeddedDatabase.@Nullable Started started) {
		this.source = owner;
		this.owner = JdbcClient.create(owner);
		this.description = description;
		this.started = started;
	}

	/**
	 * Connects with the settings Assay would start with.
	 * @param environment the service's settings; see {@link CommandEnvironment}
	 * @throws IllegalStateException with what to do, when the database cannot be reached
	 * or its schema is not this version's
	 */
	public static OperatorDatabase open(Environment environment) {
		DatabaseProperties properties = Binder.get(environment)
			.bindOrCreate("assay.database", Bindable.of(DatabaseProperties.class));
		OperatorDatabase database = properties.isEmbedded() ? embedded(properties.embedded()) : external(properties);
		try {
			database.requireCurrentSchema();
			return database;
		}
		catch (RuntimeException ex) {
			database.close();
			throw ex;
		}
	}

	private static OperatorDatabase external(DatabaseProperties properties) {
		if (properties.owner().user() == null) {
			throw new IllegalStateException("ASSAY_DATABASE_URL is set: the command also needs "
					+ "ASSAY_DATABASE_OWNER_USER and ASSAY_DATABASE_OWNER_PASSWORD, as Assay does");
		}
		String url = properties.url();
		return new OperatorDatabase(source(url, properties.owner().user(), properties.owner().password()),
				"the PostgreSQL server at " + url, null);
	}

	private static OperatorDatabase embedded(DatabaseProperties.Embedded settings) {
		if (!Files.exists(settings.directory().resolve("postgresql.conf"))) {
			throw new IllegalStateException(
					"There is no Assay database in " + settings.directory().toAbsolutePath().normalize()
							+ " yet: start Assay once, or run the command with the settings (ASSAY_DATA_DIR, "
							+ "ASSAY_DATABASE_URL) Assay runs with");
		}
		try {
			var claim = EmbeddedDatabase.Claim.take(settings.directory());
			if (claim.isPresent()) {
				EmbeddedDatabase.Started started = EmbeddedDatabase.start(settings, claim.get());
				return new OperatorDatabase(
						source("jdbc:postgresql://127.0.0.1:" + started.postgres().getPort() + "/postgres",
								EmbeddedDatabase.SUPERUSER, started.superuserPassword()),
						"the embedded PostgreSQL in " + settings.directory().toAbsolutePath().normalize()
								+ ", started for this command",
						started);
			}
			int port = EmbeddedDatabase.portOfRunningServer(settings.directory())
				.orElseThrow(() -> new IllegalStateException("A copy of Assay holds the embedded database in "
						+ settings.directory().toAbsolutePath().normalize()
						+ " but its server is not running yet; try again once Assay has started"));
			String password = Files.readString(settings.passwordFile()).strip();
			return new OperatorDatabase(
					source("jdbc:postgresql://127.0.0.1:" + port + "/postgres", EmbeddedDatabase.SUPERUSER, password),
					"the embedded PostgreSQL of the copy of Assay running on "
							+ settings.directory().toAbsolutePath().normalize(),
					null);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not reach the embedded database in "
					+ settings.directory().toAbsolutePath().normalize() + ": " + ex.getMessage(), ex);
		}
		catch (EmbeddedDatabase.EmbeddedDatabaseUnavailableException ex) {
			// Its message says what to do; the command prints it like its other refusals.
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private static DataSource source(String url, String user, @Nullable String password) {
		PGSimpleDataSource source = DatabaseServer.unpooled(url, user, password);
		// Named, so that an administrator looking at the server's sessions sees what it
		// is.
		source.setApplicationName("assay operator command");
		return source;
	}

	private void requireCurrentSchema() {
		MigrationInfo[] pending = Flyway.configure()
			.dataSource(this.source)
			.locations("classpath:db/migration")
			.load()
			.info()
			.pending();
		if (pending.length > 0) {
			throw new IllegalStateException("The database schema is not this version of Assay's: migration(s) "
					+ Arrays.stream(pending)
						.map(migration -> String.valueOf(migration.getVersion()))
						.collect(Collectors.joining(", "))
					+ " have not run. Start this version of Assay once, then run the command again.");
		}
	}

	/** Connections as the tables' owner: row-level security does not restrict them. */
	public JdbcClient owner() {
		return this.owner;
	}

	/**
	 * Runs the work in one transaction on the owner's connections: committed when it
	 * returns, rolled back when it throws.
	 */
	public <T> T inTransaction(Function<JdbcClient, T> work) {
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(this.source));
		T result = transactions.execute(status -> work.apply(this.owner));
		return Objects.requireNonNull(result, "the work in a transaction answers something");
	}

	/** Where the command works, for its output. */
	public String description() {
		return this.description;
	}

	@Override
	public void close() {
		if (this.started != null) {
			try {
				this.started.close();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not stop the embedded PostgreSQL: " + ex.getMessage(), ex);
			}
		}
	}

}
