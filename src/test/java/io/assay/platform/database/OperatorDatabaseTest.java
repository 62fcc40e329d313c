package io.assay.platform.database;

import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operator command's database when no copy of Assay runs on the embedded default: it
 * starts the server for the command, gives the directory back afterwards, and refuses a
 * schema this version has not migrated. (Beside a running copy:
 * OrganizationsCommandIntegrationTest.)
 */
class OperatorDatabaseTest {

	@TempDir
	Path temp;

	private MockEnvironment settings() {
		return new MockEnvironment().withProperty("assay.database.url", "")
			.withProperty("assay.database.embedded.directory", this.temp.resolve("postgres").toString())
			.withProperty("assay.database.embedded.password-file", this.temp.resolve("keys/pw").toString());
	}

	private DatabaseProperties.Embedded embedded() {
		return new DatabaseProperties.Embedded(this.temp.resolve("postgres"), 0, this.temp.resolve("keys/pw"));
	}

	@Test
	void withoutARunningCopyTheCommandStartsTheServerAndGivesTheDirectoryBack() throws Exception {
		try (DatabaseServer server = DatabaseServer
			.prepare(new DatabaseProperties(null, new DatabaseProperties.Credentials(null, null),
					new DatabaseProperties.Credentials(null, null), 2, java.time.Duration.ofSeconds(10), embedded(),
					new DatabaseProperties.Replica(null, java.time.Duration.ofSeconds(5))))) {
			JdbcClient.create(server.ownerDataSource())
				.sql("insert into organizations (id, name) values (gen_random_uuid(), 'Left behind body')")
				.update();
		}

		try (OperatorDatabase database = OperatorDatabase.open(settings())) {
			assertThat(database.description()).contains("started for this command");
			assertThat(database.owner().sql("select name from organizations").query(String.class).list())
				.containsExactly("Left behind body");
		}

		// The command stopped its server and let go of the directory: Assay starts on it.
		try (EmbeddedDatabase.Started started = EmbeddedDatabase.start(embedded())) {
			assertThat(started.postgres().getPort()).isPositive();
		}
	}

	@Test
	void anOlderSchemaOrNoDatabaseIsRefusedWithWhatToDo() throws Exception {
		assertThatThrownBy(() -> OperatorDatabase.open(settings())).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("There is no Assay database in")
			.hasMessageContaining("start Assay once");

		try (EmbeddedDatabase.Started started = EmbeddedDatabase.start(embedded())) {
			Flyway.configure()
				.dataSource("jdbc:postgresql://127.0.0.1:" + started.postgres().getPort() + "/postgres",
						EmbeddedDatabase.SUPERUSER, started.superuserPassword())
				.locations("classpath:db/migration")
				.target("30")
				.load()
				.migrate();
		}

		assertThatThrownBy(() -> OperatorDatabase.open(settings())).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("migration(s) 31, ")
			.hasMessageContaining("Start this version of Assay once");
		// Refused without keeping the directory.
		try (EmbeddedDatabase.Started started = EmbeddedDatabase.start(embedded())) {
			assertThat(started.postgres().getPort()).isPositive();
		}
	}

}
