package io.assay.platform.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.assay.Api;
import io.assay.Eventually;
import io.assay.IntegrationTestBase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load balancer asks {@code /actuator/health/readiness} whether to send a copy work:
 * ready while its database answers, not ready once the database is stopped, while the
 * process itself stays alive ({@code /actuator/health/liveness}). Its own application and
 * embedded database, which the test stops.
 */
class ReadinessIntegrationTest extends IntegrationTestBase {

	private static final Path DATA = temporaryDirectory();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		configure(registry, DATA);
	}

	@Test
	void aCopyWhoseDatabaseIsStoppedIsNotReadyButAlive() throws Exception {
		String url = System.getenv("ASSAY_TEST_DATABASE_URL");
		Assumptions.assumeTrue(url == null || url.isBlank(), "stops the embedded database, which this run has not");
		assertThat(this.api.get("/actuator/health/readiness", null).expect(200).json().at("/status").asString())
			.isEqualTo("UP");

		// Stopped as an operator would: a fast shutdown (SIGINT), which does not wait for
		// the application's connections to close.
		long postmaster = Long
			.parseLong(Files.readAllLines(DATA.resolve("postgres").resolve("postmaster.pid")).getFirst().strip());
		ProcessHandle server = ProcessHandle.of(postmaster).orElseThrow();
		assertThat(new ProcessBuilder("kill", "-INT", Long.toString(postmaster)).start().waitFor()).isZero();
		server.onExit().get(2, TimeUnit.MINUTES);

		Api.Response notReady = Eventually.until(Duration.ofSeconds(120),
				() -> this.api.get("/actuator/health/readiness", null), response -> response.status() == 503);
		assertThat(notReady.json().at("/status").asString()).isEqualTo("DOWN");
		assertThat(this.api.get("/actuator/health/liveness", null).expect(200).json().at("/status").asString())
			.isEqualTo("UP");
	}

}
