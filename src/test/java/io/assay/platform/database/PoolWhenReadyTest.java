package io.assay.platform.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pool made while the head start is still preparing the database: it exists at once,
 * its first connection waits for the server and then connects as the application's
 * unprivileged role; a server that could not be prepared fails that connection with the
 * reason.
 */
class PoolWhenReadyTest {

	@Test
	void theFirstConnectionWaitsForTheServerAndConnectsAsTheApplication(@TempDir Path temp) throws Exception {
		CompletableFuture<DatabaseServer> preparing = new CompletableFuture<>();
		try (PoolWhenReady pool = new PoolWhenReady(new ServerWhenReady(preparing), 2, Duration.ofSeconds(30))) {
			CompletableFuture<String> firstConnection = CompletableFuture.supplyAsync(() -> {
				try (Connection connection = pool.getConnection()) {
					return JdbcClient.create(new SingleConnectionDataSource(connection, true))
						.sql("select current_user || ' ' || rolbypassrls || ' ' || rolsuper from pg_roles"
								+ " where rolname = current_user")
						.query(String.class)
						.single();
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			assertThat(firstConnection).as("waiting for the server").isNotDone();

			try (DatabaseServer server = DatabaseServer
				.prepare(DatabaseHeadStartTest.settings(DatabaseHeadStartTest.environment(temp)))) {
				preparing.complete(server);
				assertThat(firstConnection.get(2, TimeUnit.MINUTES)).isEqualTo(server.appUser() + " false false");
			}
		}
	}

	@Test
	void aPoolThatWouldConnectAsASuperuserRefusesToAndSaysWhatToChange(@TempDir Path temp) throws Exception {
		try (DatabaseServer prepared = DatabaseServer
			.prepare(DatabaseHeadStartTest.settings(DatabaseHeadStartTest.environment(temp)))) {
			String owner = prepared.ownerUser();
			String password = prepared.ownerPassword();
			assertThat(password).isNotNull();
			// The application's settings naming the superuser, which row-level security
			// does not restrict.
			DatabaseServer asSuperuser = new DatabaseServer(prepared.url(), owner, password, owner, password, null);
			try (PoolWhenReady pool = new PoolWhenReady(ServerWhenReady.ready(asSuperuser), 2,
					Duration.ofSeconds(30))) {
				assertThatThrownBy(pool::getConnection).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("log in as '" + owner + "', a superuser or BYPASSRLS role")
					.hasMessageContaining("ASSAY_DATABASE_APP_USER");
				assertThatThrownBy(pool::getConnection).as("refused again, for the same reason")
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("a superuser or BYPASSRLS role");
			}
		}
	}

	@Test
	void aServerThatCouldNotBePreparedFailsTheFirstConnectionWithTheReason() {
		CompletableFuture<DatabaseServer> preparing = new CompletableFuture<>();
		preparing.completeExceptionally(new IllegalStateException("migration 53 failed"));
		try (PoolWhenReady pool = new PoolWhenReady(new ServerWhenReady(preparing), 2, Duration.ofSeconds(30))) {
			assertThatThrownBy(pool::getConnection).isInstanceOf(IllegalStateException.class)
				.hasMessage("migration 53 failed");
		}
	}

}
