package io.assay.platform.database;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A copy of Assay killed with {@code kill -9} leaves its embedded PostgreSQL running; the
 * next start stops it and starts at the first attempt, with everything committed before
 * the kill still there.
 */
class EmbeddedDatabaseCrashTest {

	@TempDir
	Path temp;

	@Test
	void aStartAfterKillNineStopsTheServerLeftRunningAndStartsAtOnce() throws Exception {
		Path directory = this.temp.resolve("postgres");
		Path passwordFile = this.temp.resolve("keys/postgres.password");
		Files.createDirectories(passwordFile.getParent());
		Process copy = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
				System.getProperty("java.class.path"), RunUntilKilled.class.getName(), directory.toString(),
				passwordFile.toString())
			.redirectErrorStream(true)
			.start();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(copy.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			do {
				line = output.readLine();
			}
			while (line != null && !line.equals(RunUntilKilled.READY));
			assertThat(line).as("the first copy started its database").isEqualTo(RunUntilKilled.READY);
		}
		// While the first copy lives, a second one started on its directory refuses
		// rather than taking the first one's server for one left behind.
		long firstServer = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).getFirst().strip());
		assertThatThrownBy(() -> EmbeddedDatabase.start(new DatabaseProperties.Embedded(directory, 0, passwordFile)))
			.isInstanceOf(EmbeddedDatabase.EmbeddedDatabaseUnavailableException.class)
			.hasMessageStartingWith("Another copy of Assay is running on the embedded PostgreSQL in " + directory)
			.hasMessageContaining("ASSAY_DATA_DIR");
		assertThat(ProcessHandle.of(firstServer).filter(ProcessHandle::isAlive)).as("the first copy's server")
			.isPresent();

		copy.destroyForcibly().waitFor();
		long leftRunning = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).getFirst().strip());
		assertThat(ProcessHandle.of(leftRunning)).as("the killed copy's server still runs").isPresent();

		try (EmbeddedDatabase.Started started = EmbeddedDatabase
			.start(new DatabaseProperties.Embedded(directory, 0, passwordFile))) {
			EmbeddedPostgres postgres = started.postgres();
			assertThat(ProcessHandle.of(leftRunning).filter(ProcessHandle::isAlive)).isEmpty();
			String password = Files.readString(passwordFile).strip();
			try (Connection connection = DriverManager.getConnection(
					"jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", password)) {
				List<String> notes = JdbcClient.create(new SingleConnectionDataSource(connection, true))
					.sql("select note from survivors")
					.query(String.class)
					.list();
				assertThat(notes).containsExactly("committed before the kill");
			}
		}
	}

	@Test
	void aLockFileOfAProcessThatIsNotItsServerIsStale() throws Exception {
		Path directory = Files.createDirectories(this.temp.resolve("postgres"));
		Files.writeString(directory.resolve("postmaster.pid"),
				ProcessHandle.current().pid() + "\n" + directory + "\n1700000000\n5432\n");

		EmbeddedDatabase.stopServerLeftRunning(directory);

		assertThat(directory.resolve("postmaster.pid")).doesNotExist();
		assertThat(ProcessHandle.current().isAlive()).isTrue();
	}

	/**
	 * The first copy: starts the embedded server, commits a row, and waits to be killed.
	 */
	public static final class RunUntilKilled {

		static final String READY = "embedded database ready";

		public static void main(String[] args) throws Exception {
			DatabaseProperties.Embedded settings = new DatabaseProperties.Embedded(Path.of(args[0]), 0,
					Path.of(args[1]));
			EmbeddedDatabase.Started started = EmbeddedDatabase.start(settings);
			try (Connection connection = DriverManager.getConnection(
					"jdbc:postgresql://127.0.0.1:" + started.postgres().getPort() + "/postgres", "postgres",
					started.superuserPassword()); Statement statement = connection.createStatement()) {
				statement.execute("create table survivors (note text)");
				statement.execute("insert into survivors values ('committed before the kill')");
			}
			System.out.println(READY);
			System.out.flush();
			// Waits for the kill; should the test itself die first, its end of the pipe
			// closes and this copy ends instead of lingering.
			System.in.read();
		}

	}

}
