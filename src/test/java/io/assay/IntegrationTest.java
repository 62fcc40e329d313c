package io.assay;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that need the running service: the whole application on a random
 * port, on a real PostgreSQL (see {@link IntegrationTestBase}). Every such test class
 * shares one application, so each test creates its own organisations and never relies on
 * an empty database.
 */
public abstract class IntegrationTest extends IntegrationTestBase {

	/**
	 * Where the application under test keeps its files (documents, keys, the embedded
	 * database).
	 */
	protected static final Path DATA_DIRECTORY = temporaryDirectory();

	@DynamicPropertySource
	static void defaults(DynamicPropertyRegistry registry) {
		configure(registry, DATA_DIRECTORY);
	}

}
