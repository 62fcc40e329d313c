package io.assay.web;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.assay.Api.SignedUp;
import io.assay.Api.StartedOnSample;
import io.assay.Eventually;
import io.assay.IntegrationTest;
import io.assay.TraceCollector;
import org.junit.jupiter.api.Test;

/**
 * Traces over OTLP, to the stand-in collector the tests configure: a request continues
 * its caller's trace, and each attempt at a run is a span of its own.
 */
class TracingIntegrationTest extends IntegrationTest {

	@Test
	void aRequestContinuesItsCallersTrace() {
		SignedUp admin = this.api.signUp("Traced body");
		String traceId = HexFormat.of().formatHex(randomBytes(16));
		String parentSpan = HexFormat.of().formatHex(randomBytes(8));
		this.api
			.send(this.api.request("/v1/workflows", admin.token())
				.header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
				.GET())
			.expect(200);

		// The server's span, in the caller's trace, names the route; the spans inside it
		// (security filters) may be exported before it.
		Eventually.until(Duration.ofSeconds(30), () -> TraceCollector.shared().exportsOf(traceId),
				exports -> exports.stream().anyMatch(export -> TraceCollector.holds(export, "/v1/workflows")));
	}

	@Test
	void eachAttemptAtARunIsASpan() throws java.io.IOException {
		SignedUp admin = this.api.signUp("Traced run body");
		SignedUp handler = this.api.member(admin, "project_handler");
		StartedOnSample started = this.api.startOnSampleReport(admin, handler);
		this.api.awaitCompleted(started.assessmentId(), handler.token());

		Eventually.until(Duration.ofSeconds(30), () -> TraceCollector.shared().exports(),
				exports -> exports.stream()
					.anyMatch(export -> TraceCollector.holds(export, "assessment job")
							&& TraceCollector.holds(export, started.assessmentId())));
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		ThreadLocalRandom.current().nextBytes(bytes);
		bytes[0] |= 1;
		return bytes;
	}

}
