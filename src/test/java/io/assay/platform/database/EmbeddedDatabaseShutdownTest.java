package io.assay.platform.database;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.assay.CopyOfAssay;
import io.assay.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy of Assay on its embedded PostgreSQL, told to stop (SIGTERM, as a container
 * runtime or systemd does), stops its database last: after the web server, the job
 * scheduler and the connection pool are done with it, so that a request or a job still
 * running when the signal came finishes on a live database. The server used to be stopped
 * by a JVM shutdown hook of its own, alongside Spring's shutdown instead of after it.
 */
class EmbeddedDatabaseShutdownTest {

	@TempDir
	Path data;

	@Test
	void aCopyToldToStopStopsItsDatabaseAfterThePoolIsClosed() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = Files.createDirectories(Path.of("target", "shutdown-test")).resolve("assay.log");
		ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), "io.assay.Assay")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("ASSAY_PORT", Integer.toString(port));
		builder.environment().put("ASSAY_DATA_DIR", this.data.toString());
		builder.environment().remove("ASSAY_DATABASE_URL");
		Process assay = builder.start();
		try {
			CopyOfAssay.awaitAnswer(assay, log, URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"),
					Duration.ofSeconds(180));
			long postmaster = Long.parseLong(
					Files.readAllLines(this.data.resolve("postgres").resolve("postmaster.pid")).getFirst().strip());

			assay.destroy();
			assertThat(assay.waitFor(3, TimeUnit.MINUTES)).as("Assay stopped").isTrue();

			List<String> lines = Files.readAllLines(log);
			int poolClosed = indexOf(lines, "HikariDataSource", "Shutdown completed");
			int databaseStopped = indexOf(lines, "EmbeddedPostgres", "shut down postmaster");
			assertThat(poolClosed).as("the pool closed; log: %s", log.toAbsolutePath()).isNotNegative();
			assertThat(databaseStopped).as("the database stopped after the pool closed; log: %s", log.toAbsolutePath())
				.isGreaterThan(poolClosed);
			assertThat(lines).as("no connection was cut by the database stopping")
				.noneMatch(line -> line.contains("terminating connection due to administrator command"));
			// Stopped by then; gone from the process table once its parent has reaped it.
			Eventually.until(Duration.ofSeconds(60), () -> ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive),
					Optional::isEmpty);
		}
		finally {
			assay.destroyForcibly().waitFor();
		}
	}

	private static int indexOf(List<String> lines, String logger, String message) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(logger) && lines.get(i).contains(message)) {
				return i;
			}
		}
		return -1;
	}

}
