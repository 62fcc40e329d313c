package io.assay.platform.database;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Assay's data lives: a PostgreSQL server given by {@code url}, or, when none is
 * given, an embedded PostgreSQL whose files live under {@code embedded.directory}.
 *
 * @param url JDBC URL of the server ({@code ASSAY_DATABASE_URL}); blank for the embedded
 * default
 * @param owner the role that owns the tables and runs the migrations
 * @param app the login role the application works as; it owns nothing and is subject to
 * row-level security
 * @param poolSize connections in the application's pool
 * @param connectionTimeout how long a request waits for a connection before it fails:
 * while the database is away, requests and readiness answer within it
 * @param embedded settings of the embedded default
 * @param replica a hot standby of the server that lists and other reads which may trail
 * the primary can be served from
 */
@ConfigurationProperties("assay.database")
record DatabaseProperties(@Nullable String url, @DefaultValue Credentials owner, @DefaultValue Credentials app,
		@DefaultValue("10") int poolSize, @DefaultValue("10s") Duration connectionTimeout,
		@DefaultValue Embedded embedded, @DefaultValue Replica replica) {

	boolean isEmbedded() {
		return this.url == null || this.url.isBlank();
	}

	/**
	 * A role and its password; blank values (an unset environment variable) count as
	 * absent.
	 */
	record Credentials(@Nullable String user, @Nullable String password) {

		Credentials {
			user = user == null || user.isBlank() ? null : user.trim();
			password = password == null || password.isEmpty() ? null : password;
		}

	}

	/**
	 * @param url JDBC URL of a streaming-replication standby of the server
	 * ({@code ASSAY_DATABASE_REPLICA_URL}); blank for none. Its roles are the primary's,
	 * so the application role logs in there as it does on the primary.
	 * @param maxLag how far the standby may trail the primary and still serve reads
	 */
	record Replica(@Nullable String url, @DefaultValue("5s") Duration maxLag) {

		Replica {
			url = url == null || url.isBlank() ? null : url.trim();
		}

		boolean isConfigured() {
			return this.url != null;
		}

	}

	/**
	 * @param directory data directory of the embedded server
	 * @param port port to listen on (loopback only); 0 picks a free one
	 * @param passwordFile where the superuser's password, generated at the first start,
	 * is kept (readable by the operating-system user only)
	 */
	record Embedded(@DefaultValue("./data/postgres") Path directory, @DefaultValue("0") int port,
			@DefaultValue("./data/keys/postgres.password") Path passwordFile) {
	}

}
