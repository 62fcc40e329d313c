package io.assay.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.IntegrationTestBase;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code ASSAY_DATABASE_REPLICA_URL} naming a real streaming-replication standby of
 * the primary, lists are served by the standby while it keeps up, by the primary while
 * its replay is paused past the allowed lag, and by the primary again when the standby is
 * stopped: answers stay right throughout, only their source changes.
 */
class ReadReplicaIntegrationTest extends IntegrationTestBase {

	private static final Path DATA = temporaryDirectory();

	private static final String APP_PASSWORD = "replica-test-app-password";

	/** Both servers stop with the test run, as the application that uses them does. */
	private static final EmbeddedPostgres PRIMARY;

	private static final Path STANDBY_DIRECTORY = DATA.resolve("standby");

	private static final EmbeddedPostgres STANDBY;

	static {
		try {
			PRIMARY = EmbeddedPostgres.builder()
				.setDataDirectory(DATA.resolve("primary"))
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("wal_level", "replica")
				.setServerConfig("max_wal_senders", "4")
				.start();
			STANDBY = startStandby();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		configure(registry, DATA);
		registry.add("assay.database.url", () -> url(PRIMARY.getPort()));
		registry.add("assay.database.owner.user", () -> "postgres");
		registry.add("assay.database.owner.password", () -> "unused-with-trust");
		registry.add("assay.database.app.user", () -> "assay_app");
		registry.add("assay.database.app.password", () -> APP_PASSWORD);
		registry.add("assay.database.replica.url", () -> url(STANDBY.getPort()));
		registry.add("assay.database.replica.max-lag", () -> "1s");
	}

	@Test
	void listsComeFromTheStandbyWhileItKeepsUpAndFromThePrimaryOtherwise() throws Exception {
		SignedUp admin = this.api.signUp("Replicated body");
		this.api.oneBucketWorkflow(admin.token(), "Read from the standby");

		// Served by the standby once the probe has seen it keep up, and right: the
		// workflow created on the primary is in the list.
		Eventually.until(Duration.ofSeconds(60), () -> {
			double before = reads("replica");
			boolean listed = workflowNames(admin).contains("Read from the standby");
			return listed && reads("replica") > before;
		}, Boolean::booleanValue);
		assertThat(standbySessions()).as("the application's sessions on the standby").isPositive();
		assertThat(this.api.send(this.api.request("/actuator/prometheus", METRICS_TOKEN).GET()).expect(200).body())
			.contains("assay_database_replica_reads_total{", "assay_database_replica_lag_seconds{",
					"pool=\"assay-replica\"");
		// Row-level security holds there as on the primary.
		SignedUp stranger = this.api.signUp("Other replicated body");
		assertThat(workflowNames(stranger)).doesNotContain("Read from the standby");

		// Replay paused: the standby falls behind; past the allowed lag the primary
		// answers, and the list shows what was created since.
		onStandby("select pg_wal_replay_pause()");
		this.api.oneBucketWorkflow(admin.token(), "Written while the standby stood still");
		Eventually.until(Duration.ofSeconds(60), () -> {
			double before = reads("primary_lagging");
			boolean listed = workflowNames(admin).contains("Written while the standby stood still");
			return listed && reads("primary_lagging") > before;
		}, Boolean::booleanValue);

		// Replaying again, it catches up and serves again.
		onStandby("select pg_wal_replay_resume()");
		Eventually.until(Duration.ofSeconds(60), () -> {
			double before = reads("replica");
			boolean listed = workflowNames(admin).contains("Written while the standby stood still");
			return listed && reads("replica") > before;
		}, Boolean::booleanValue);

		// Stopped: every list still answers, from the primary.
		STANDBY.close();
		this.api.oneBucketWorkflow(admin.token(), "Written with the standby gone");
		Eventually.until(Duration.ofSeconds(60), () -> {
			double before = reads("primary_unavailable");
			boolean listed = workflowNames(admin).contains("Written with the standby gone");
			return listed && reads("primary_unavailable") > before;
		}, Boolean::booleanValue);
		for (String list : List.of("/v1/assessments", "/v1/submissions", "/v1/audit-logs", "/v1/audit-logs?cursor=",
				"/v1/billing/usage")) {
			this.api.get(list, admin.token()).expect(200);
		}
	}

	@Test
	void aReplicaUrlThatNamesNoStandbyIsNeverReadFrom() throws Exception {
		MeterRegistry meters = new SimpleMeterRegistry();
		try (ReplicaRouting routing = new ReplicaRouting(appPool(PRIMARY.getPort()), appPool(PRIMARY.getPort()),
				Duration.ofSeconds(1), meters)) {
			Eventually.until(Duration.ofSeconds(60), () -> {
				routing.beginTrailingRead(() -> {
					try (Connection connection = routing.getConnection()) {
						assertThat(connection.getClientInfo("ApplicationName")).isEqualTo("assay");
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
				});
				return meters.get("assay.database.replica.reads")
					.tag("outcome", "primary_unsuitable")
					.counter()
					.count();
			}, count -> count > 0);
			assertThat(meters.get("assay.database.replica.reads").tag("outcome", "replica").counter().count()).isZero();
		}
	}

	private static HikariDataSource appPool(int port) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url(port));
		pool.setUsername("assay_app");
		pool.setPassword(APP_PASSWORD);
		pool.setMaximumPoolSize(2);
		pool.addDataSourceProperty("ApplicationName", "assay");
		return pool;
	}

	private Set<String> workflowNames(SignedUp admin) {
		JsonNode page = this.api.get("/v1/workflows", admin.token()).expect(200).json();
		return page.at("/items")
			.valueStream()
			.map(item -> item.at("/name").asString())
			.collect(java.util.stream.Collectors.toSet());
	}

	private double reads(String outcome) {
		return this.context.getBean(MeterRegistry.class)
			.get("assay.database.replica.reads")
			.tag("outcome", outcome)
			.counter()
			.count();
	}

	private static long standbySessions() throws SQLException {
		try (Connection connection = DriverManager.getConnection(url(STANDBY.getPort()), "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet count = statement
					.executeQuery("select count(*) from pg_stat_activity where application_name = 'assay-replica'")) {
			count.next();
			return count.getLong(1);
		}
	}

	private static void onStandby(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url(STANDBY.getPort()), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String url(int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
	}

	/**
	 * A standby made the way {@code pg_basebackup} makes one (which the embedded binaries
	 * lack): the primary's files copied between the start and the stop of a backup, the
	 * backup's label, a replication slot that keeps the WAL until the standby streams it,
	 * and {@code standby.signal}.
	 */
	private static EmbeddedPostgres startStandby() throws IOException {
		try (Connection connection = DriverManager.getConnection(url(PRIMARY.getPort()), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("select pg_create_physical_replication_slot('assay_standby', true)");
			statement.execute("select pg_backup_start('assay standby', true)");
			copyFiles(DATA.resolve("primary"), STANDBY_DIRECTORY);
			try (ResultSet stop = statement.executeQuery("select labelfile from pg_backup_stop(false)")) {
				stop.next();
				Files.writeString(STANDBY_DIRECTORY.resolve("backup_label"), stop.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IOException("Could not back the primary up for a standby", ex);
		}
		Files.setPosixFilePermissions(STANDBY_DIRECTORY,
				java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
		Files.createFile(STANDBY_DIRECTORY.resolve("standby.signal"));
		Files.writeString(
				STANDBY_DIRECTORY.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=127.0.0.1 port="
						+ PRIMARY.getPort() + " user=postgres'\n" + "primary_slot_name = 'assay_standby'\n",
				StandardOpenOption.APPEND);
		return EmbeddedPostgres.builder()
			.setDataDirectory(STANDBY_DIRECTORY)
			.setCleanDataDirectory(false)
			.setPort(freePort())
			.setPGStartupWait(Duration.ofSeconds(60))
			.start();
	}

	/** The data directory without what belongs to the running server alone. */
	private static void copyFiles(Path from, Path to) throws IOException {
		Set<String> skipped = Set.of("postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map");
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path relative = from.relativize(file);
				Path target = to.resolve(relative);
				boolean inside = relative.getNameCount() > 1;
				if (inside && (relative.startsWith("pg_replslot") || relative.startsWith("pg_stat_tmp"))) {
					continue;
				}
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else if (!(inside && relative.startsWith("pg_wal")) && !skipped.contains(relative.toString())) {
					try {
						Files.copy(file, target);
					}
					catch (java.nio.file.NoSuchFileException gone) {
						// Removed by the running server while copying (a temporary file).
					}
				}
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
