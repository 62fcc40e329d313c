package io.assay.web;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.assay.Api.SignedUp;
import io.assay.Api.StartedOnSample;
import io.assay.Eventually;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/prometheus}: Assay's own figures, moved by a real assessment, for a
 * scraper with the metrics token and for no one else.
 */
class MetricsIntegrationTest extends IntegrationTest {

	private String scrape() {
		return this.api.send(this.api.request("/actuator/prometheus", METRICS_TOKEN).GET()).expect(200).body();
	}

	/**
	 * The sum of every series of {@code name} whose labels hold all of {@code labels}.
	 */
	private static double value(String scraped, String name, String... labels) {
		double sum = 0;
		Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scraped);
		while (line.find()) {
			boolean all = true;
			for (String label : labels) {
				all &= line.group(1).contains(label);
			}
			if (all) {
				sum += Double.parseDouble(line.group(2));
			}
		}
		return sum;
	}

	@Test
	void anAssessmentMovesTheCounters() throws IOException {
		String before = scrape();
		SignedUp admin = this.api.signUp("Measured body");
		SignedUp handler = this.api.member(admin, "project_handler");
		StartedOnSample started = this.api.startOnSampleReport(admin, handler);
		this.api.awaitCompleted(started.assessmentId(), handler.token());
		double endedBefore = value(before, "assay_assessments_ended_total", "outcome=\"completed\"");
		// Counted once the end is committed, a moment after the status can be read.
		String after = Eventually.until(Duration.ofSeconds(30), this::scrape,
				scraped -> value(scraped, "assay_assessments_ended_total", "outcome=\"completed\"") > endedBefore);

		assertThat(value(after, "assay_assessments_ended_total", "outcome=\"completed\"")).isEqualTo(endedBefore + 1);
		assertThat(value(after, "assay_assessment_duration_seconds_count", "outcome=\"completed\""))
			.isGreaterThan(value(before, "assay_assessment_duration_seconds_count", "outcome=\"completed\""));
		assertThat(value(after, "assay_criteria_judged_total", "judge=\"offline\""))
			.isGreaterThan(value(before, "assay_criteria_judged_total", "judge=\"offline\""));
		assertThat(value(after, "assay_judge_calls_seconds_count", "outcome=\"answered\""))
			.isGreaterThan(value(before, "assay_judge_calls_seconds_count", "outcome=\"answered\""));
		assertThat(value(after, "assay_uploads_total", "outcome=\"stored\""))
			.isGreaterThan(value(before, "assay_uploads_total", "outcome=\"stored\""));
		assertThat(value(after, "assay_document_parse_seconds_count", "kind=\"pdf\"", "outcome=\"read\""))
			.isGreaterThan(value(before, "assay_document_parse_seconds_count", "kind=\"pdf\"", "outcome=\"read\""));
		assertThat(after).containsPattern("(?m)^assay_jobs_waiting\\{[^}]*\\} \\d")
			.containsPattern("(?m)^assay_jobs_oldest_waiting_seconds\\{[^}]*\\} \\d")
			.contains("application=\"assay\"");
	}

	/**
	 * The Grafana dashboard in {@code deploy/grafana} shows only series that Assay
	 * serves: every metric its queries name is in a scrape after an assessment, except
	 * those that exist only once a hosted provider has reported usage, waited or failed,
	 * and the read replica's, which exist only with one.
	 */
	@Test
	void theDashboardAsksForSeriesAssayServes() throws IOException {
		SignedUp admin = this.api.signUp("Dashboard body");
		SignedUp handler = this.api.member(admin, "project_handler");
		StartedOnSample started = this.api.startOnSampleReport(admin, handler);
		this.api.awaitCompleted(started.assessmentId(), handler.token());
		String scraped = Eventually.until(Duration.ofSeconds(30), this::scrape,
				page -> page.contains("assay_assessment_duration_seconds_bucket"));
		java.util.Set<String> served = new java.util.HashSet<>();
		Matcher sample = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(scraped);
		while (sample.find()) {
			served.add(sample.group(1));
		}
		tools.jackson.databind.JsonNode dashboard = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("deploy/grafana/assay.json")));
		java.util.Set<String> asked = new java.util.TreeSet<>();
		for (tools.jackson.databind.JsonNode panel : dashboard.path("panels")) {
			for (tools.jackson.databind.JsonNode target : panel.path("targets")) {
				Matcher metric = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{")
					.matcher(target.path("expr").asString());
				while (metric.find()) {
					asked.add(metric.group(1));
				}
			}
		}
		// Besides: the read replica's series, served where one is configured
		// (ReadReplicaIntegrationTest scrapes them).
		java.util.Set<String> onlyOnceUsed = java.util.Set.of("assay_jobs_retries_total",
				"assay_judge_limit_waits_seconds_sum", "assay_judge_limit_waits_seconds_count",
				"assay_judge_tokens_total", "assay_judge_cost_millicents_total", "assay_database_replica_reads_total",
				"assay_database_replica_lag_seconds");
		assertThat(asked).as("the dashboard's metrics").hasSizeGreaterThan(15);
		assertThat(asked).allSatisfy(
				metric -> assertThat(served.contains(metric) || onlyOnceUsed.contains(metric)).as(metric + " is served")
					.isTrue());
	}

	@Test
	void onlyAScraperWithTheMetricsTokenReadsThem() {
		SignedUp admin = this.api.signUp("Curious body");
		this.api.get("/actuator/prometheus", null).expect(401);
		// Signed in is not enough: the figures are the operator's, not an organisation's.
		this.api.get("/actuator/prometheus", admin.token()).expect(403);
		this.api.get("/actuator/prometheus", METRICS_TOKEN.substring(1)).expect(401);
		this.api.get("/actuator/prometheus", METRICS_TOKEN + "x").expect(401);
		assertThat(scrape()).contains("assay_jobs_waiting");
	}

}
