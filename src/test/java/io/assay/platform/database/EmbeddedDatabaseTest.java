package io.assay.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import io.assay.Eventually;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTest {

	@Test
	void whenTheEmbeddedServerCannotStartTheMessageSaysHowToUseAServerInstead(@TempDir Path temp) throws IOException {
		Path notADirectory = Files.writeString(temp.resolve("postgres"), "a file where the data directory should be");

		assertThatThrownBy(() -> EmbeddedDatabase.start(settings(notADirectory, temp)))
			.isInstanceOf(EmbeddedDatabase.EmbeddedDatabaseUnavailableException.class)
			.hasMessageStartingWith("The embedded PostgreSQL could not start in " + notADirectory)
			.hasMessageContaining("ASSAY_DATABASE_URL=jdbc:postgresql://")
			.hasMessageContaining("ASSAY_DATABASE_OWNER_USER")
			.hasMessageContaining("ASSAY_DATABASE_APP_PASSWORD");
	}

	@Test
	void theEmbeddedServerAsksEveryoneForAPasswordAndWritesDurably(@TempDir Path temp) throws Exception {
		DatabaseProperties.Embedded settings = settings(temp.resolve("postgres"), temp);

		try (EmbeddedDatabase.Started started = EmbeddedDatabase.start(settings)) {
			EmbeddedPostgres postgres = started.postgres();
			String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
			assertRefusedWithoutPassword(url, "postgres");
			assertRefusedWithoutPassword(url, "assay_app");
			assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "a guess").close())
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("password authentication failed");

			String password = Files.readString(settings.passwordFile()).strip();
			assertThat(password).hasSizeGreaterThanOrEqualTo(40);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.passwordFile())))
				.isEqualTo("rw-------");
			try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
				JdbcClient db = JdbcClient.create(new SingleConnectionDataSource(connection, true));
				assertThat(setting(db, "fsync")).isEqualTo("on");
				assertThat(setting(db, "synchronous_commit")).isEqualTo("on");
				assertThat(setting(db, "full_page_writes")).isEqualTo("on");
				assertThat(setting(db, "listen_addresses")).isEqualTo("127.0.0.1");
				assertThat(setting(db, "unix_socket_directories")).isEmpty();
				db.sql("do $$ begin raise log 'the embedded server keeps a log'; end $$").update();
				Path log = settings.directory()
					.resolve(db.sql("select pg_current_logfile()").query(String.class).single());
				assertThat(log.getParent()).isEqualTo(settings.directory().resolve("log"));
				Eventually.until(java.time.Duration.ofSeconds(30), () -> {
					try {
						return Files.readString(log);
					}
					catch (IOException ex) {
						return "";
					}
				}, text -> text.contains("the embedded server keeps a log"));
				List<String> methods = db.sql("select distinct auth_method from pg_hba_file_rules")
					.query(String.class)
					.list();
				assertThat(methods).containsExactly("scram-sha-256");
				assertThat(db.sql("select rolpassword like 'SCRAM-SHA-256$%' from pg_authid where rolname = 'postgres'")
					.query(Boolean.class)
					.single()).isTrue();
			}
		}

		// The next start reads the same password; the server still refuses without it.
		try (EmbeddedDatabase.Started again = EmbeddedDatabase.start(settings)) {
			assertRefusedWithoutPassword("jdbc:postgresql://127.0.0.1:" + again.postgres().getPort() + "/postgres",
					"postgres");
		}
	}

	@Test
	void aDataDirectoryOfAnOlderVersionWithTrustGetsAPasswordAtItsNextStart(@TempDir Path temp) throws Exception {
		Path directory = temp.resolve("postgres");
		// What earlier versions of Assay left: zonky's defaults, trust for everyone.
		try (EmbeddedPostgres old = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			.start()) {
			DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + old.getPort() + "/postgres", "postgres", "")
				.close();
		}
		DatabaseProperties.Embedded settings = settings(directory, temp);

		try (EmbeddedDatabase.Started started = EmbeddedDatabase.start(settings)) {
			EmbeddedPostgres postgres = started.postgres();
			String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
			assertRefusedWithoutPassword(url, "postgres");
			String password = Files.readString(settings.passwordFile()).strip();
			try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
				assertThat(connection.isValid(5)).isTrue();
			}
		}
		assertThat(Files.readString(directory.resolve("pg_hba.conf"))).doesNotContain("trust");
	}

	private static DatabaseProperties.Embedded settings(Path directory, Path temp) {
		return new DatabaseProperties.Embedded(directory, 0, temp.resolve("keys/postgres.password"));
	}

	private static void assertRefusedWithoutPassword(String url, String user) {
		assertThatThrownBy(() -> DriverManager.getConnection(url, user, "").close()).isInstanceOf(SQLException.class)
			.hasMessageContaining("password");
	}

	private static String setting(JdbcClient db, String name) {
		return db.sql("select current_setting(?)").param(name).query(String.class).single();
	}

}
