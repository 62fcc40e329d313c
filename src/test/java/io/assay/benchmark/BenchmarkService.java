package io.assay.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import io.assay.Api;
import io.assay.Assay;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service, run in the benchmark's JVM on its embedded PostgreSQL in a fresh
 * data directory, on a free port, quiet but for warnings.
 */
final class BenchmarkService implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final Api api;

	private BenchmarkService(ConfigurableApplicationContext context) {
		this.context = context;
		this.api = new Api("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * @param settings more settings, as {@code --name=value}
	 */
	static BenchmarkService start(String... settings) throws IOException {
		return start(Files.createTempDirectory("assay-benchmark-"), settings);
	}

	/**
	 * @param data the data directory, kept: a later run may start on it again
	 * @param settings more settings, as {@code --name=value}
	 */
	static BenchmarkService start(java.nio.file.Path data, String... settings) {
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=0", "--assay.data-dir=" + data, "--logging.level.root=WARN"));
		arguments.addAll(List.of(settings));
		return new BenchmarkService(SpringApplication.run(Assay.class, arguments.toArray(String[]::new)));
	}

	Api api() {
		return this.api;
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
