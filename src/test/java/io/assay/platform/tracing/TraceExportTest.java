package io.assay.platform.tracing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TraceExportTest {

	@Test
	void anAddressThatIsNotHttpStopsTheStartNamingTheSetting() {
		assertThatIllegalStateException().isThrownBy(() -> new TraceExport().otlpTraces("collector:4318"))
			.withMessageContaining("ASSAY_OTLP_TRACES_ENDPOINT must be an http:// or https:// address")
			.withMessageContaining("collector:4318");
	}

	@Test
	void noAddressSendsNothing() throws Exception {
		try (var exporter = new TraceExport().otlpTraces("  ")) {
			assertThat(exporter.getClass().getSimpleName()).doesNotContain("Otlp");
		}
	}

}
