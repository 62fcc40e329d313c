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
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that need the running service: the whole application on a random
 * port, on a real PostgreSQL. That is an embedded PostgreSQL 17 in a fresh directory,
 * unless {@code ASSAY_TEST_DATABASE_URL} names a server (CI runs the schema and isolation
 * tests once more against PostgreSQL 15 that way). Every test class shares one
 * application, so each test creates its own organisations and never relies on an empty
 * database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

	/**
	 * Where the application under test keeps its files (documents, keys, the embedded
	 * database).
	 */
	protected static final Path DATA_DIRECTORY = temporaryDirectory();

	private static final Path EMBEDDED_DIRECTORY = DATA_DIRECTORY.resolve("postgres");

	@LocalServerPort
	private int port;

	@Autowired
	protected ApplicationContext context;

	protected Api api;

	protected TestDatabase database;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("assay.data-dir", DATA_DIRECTORY::toString);
		// Retries in tests follow the same path, without the production waits.
		registry.add("assay.jobs.retry-backoff", () -> "200ms");
		registry.add("assay.jobs.polling-interval", () -> "200ms");
		String url = System.getenv("ASSAY_TEST_DATABASE_URL");
		if (url == null || url.isBlank()) {
			registry.add("assay.database.url", () -> "");
			registry.add("assay.database.embedded.directory", EMBEDDED_DIRECTORY::toString);
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

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("assay-test-data-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
