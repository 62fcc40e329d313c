package io.assay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.assay.platform.database.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the tests that need the running service share: the whole application on a random
 * port, on a real PostgreSQL. That is an embedded PostgreSQL 17 in a fresh directory,
 * unless {@code ASSAY_TEST_DATABASE_URL} names a server (CI runs the schema and isolation
 * tests once more against PostgreSQL 15 that way). Test classes with the same settings
 * share one application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTestBase {

	/** What a Prometheus scraper presents at {@code /actuator/prometheus} in tests. */
	protected static final String METRICS_TOKEN = "test-metrics-token-0123456789abcdef";

	@LocalServerPort
	private int port;

	@Autowired
	protected ApplicationContext context;

	protected Api api;

	protected TestDatabase database;

	/**
	 * The settings of the application under test: its files under {@code dataDirectory},
	 * and the database (embedded there, or the one {@code ASSAY_TEST_DATABASE_URL}
	 * names).
	 */
	protected static void configure(DynamicPropertyRegistry registry, Path dataDirectory) {
		Path embedded = dataDirectory.resolve("postgres");
		registry.add("assay.data-dir", dataDirectory::toString);
		// Never a real model provider from a test, whatever keys the environment holds.
		registry.add("assay.evaluation.judge", () -> "offline");
		// Every test signs up and logs in from loopback: one client, far past a person's
		// limits. ClientLimitsIntegrationTest checks the limits with their real size.
		registry.add("assay.limits.signup.max", () -> "1000000");
		registry.add("assay.limits.login.max", () -> "1000000");
		registry.add("assay.limits.share-view.max", () -> "1000000");
		registry.add("assay.metrics.token", () -> METRICS_TOKEN);
		// Retries in tests follow the same path, without the production waits.
		registry.add("assay.jobs.retry-backoff", () -> "200ms");
		registry.add("assay.jobs.polling-interval", () -> "200ms");
		registry.add("assay.progress.heartbeat", () -> "500ms");
		// Traces go to a stand-in collector, soon after they end.
		registry.add("assay.tracing.otlp-endpoint", TraceCollector.shared()::tracesUrl);
		registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "200ms");
		String url = System.getenv("ASSAY_TEST_DATABASE_URL");
		if (url == null || url.isBlank()) {
			registry.add("assay.database.url", () -> "");
			registry.add("assay.database.embedded.directory", embedded::toString);
		}
		else {
			registry.add("assay.database.url", () -> url);
			registry.add("assay.database.owner.user", () -> System.getenv("ASSAY_TEST_DATABASE_OWNER_USER"));
			registry.add("assay.database.owner.password", () -> System.getenv("ASSAY_TEST_DATABASE_OWNER_PASSWORD"));
			registry.add("assay.database.app.user", () -> System.getenv("ASSAY_TEST_DATABASE_APP_USER"));
			registry.add("assay.database.app.password", () -> System.getenv("ASSAY_TEST_DATABASE_APP_PASSWORD"));
		}
	}

	@BeforeEach
	void connect() {
		this.api = new Api("http://localhost:" + this.port);
		this.database = new TestDatabase(this.context.getBean("databaseServer"));
	}

	protected static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("assay-test-data-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
