package io.assay.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL of the default set-up, keeping its files between runs,
 * and explains what to do instead when it cannot start.
 */
final class EmbeddedDatabase {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	private EmbeddedDatabase() {
	}

	static EmbeddedPostgres start(DatabaseProperties.Embedded settings) {
		try {
			Files.createDirectories(settings.directory());
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(settings.directory())
				.setCleanDataDirectory(false)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("listen_addresses", "127.0.0.1");
			if (settings.port() > 0) {
				builder.setPort(settings.port());
			}
			EmbeddedPostgres postgres = builder.start();
			log.info("Embedded PostgreSQL is running on 127.0.0.1:{} with its data in {}", postgres.getPort(),
					settings.directory().toAbsolutePath().normalize());
			return postgres;
		}
		catch (IOException | RuntimeException ex) {
			throw new EmbeddedDatabaseUnavailableException(explain(settings, ex), ex);
		}
	}

	private static String explain(DatabaseProperties.Embedded settings, Exception ex) {
		String cause = rootMessage(ex);
		String reason;
		// initdb: "cannot be run as root"; postgres: "root execution ... is not
		// permitted".
		if (cause.contains("root")) {
			reason = "PostgreSQL refuses to run as the operating-system user root, and Assay is running as root.";
		}
		else {
			reason = "The embedded PostgreSQL could not start in " + settings.directory().toAbsolutePath().normalize()
					+ ": " + cause;
		}
		return reason + System.lineSeparator()
				+ "Either run Assay as an ordinary user, or point it at a PostgreSQL 15+ server:"
				+ System.lineSeparator() + "  ASSAY_DATABASE_URL=jdbc:postgresql://HOST:5432/DATABASE"
				+ System.lineSeparator()
				+ "  ASSAY_DATABASE_OWNER_USER=... ASSAY_DATABASE_OWNER_PASSWORD=...   (owns the tables, runs migrations)"
				+ System.lineSeparator()
				+ "  ASSAY_DATABASE_APP_USER=assay_app ASSAY_DATABASE_APP_PASSWORD=...   (the role Assay works as)"
				+ System.lineSeparator() + "(underlying error: " + cause + ")";
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return String.valueOf(cause.getMessage());
	}

	/** The embedded database could not start; the message says what to do instead. */
	static final class EmbeddedDatabaseUnavailableException extends RuntimeException {

		EmbeddedDatabaseUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
