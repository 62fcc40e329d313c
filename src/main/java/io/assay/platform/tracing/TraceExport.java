package io.assay.platform.tracing;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where traces go: to the OpenTelemetry collector at {@code ASSAY_OTLP_TRACES_ENDPOINT}
 * (OTLP over HTTP, protobuf), or nowhere when it is not set. Spring Boot makes spans of
 * every request and observation; this says only whether they leave the process. Boot's
 * own exporter property is not used because an empty value (the unset variable) counts as
 * set there and stops the start.
 */
@Configuration(proxyBeanMethods = false)
class TraceExport {

	@Bean
	SpanExporter otlpTraces(@Value("${assay.tracing.otlp-endpoint:}") String endpoint) {
		if (endpoint.isBlank()) {
			return SpanExporter.composite();
		}
		try {
			return OtlpHttpSpanExporter.builder().setEndpoint(endpoint.strip()).build();
		}
		catch (IllegalArgumentException ex) {
			// Said in the operator's terms: the setting to fix, not the builder's method.
			throw new IllegalStateException("ASSAY_OTLP_TRACES_ENDPOINT must be an http:// or https:// address, such"
					+ " as http://collector:4318/v1/traces; it is " + endpoint.strip(), ex);
		}
	}

}
