package io.assay.assessment;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.IntegrationTest;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project handler confirms or overrules verdicts; the AI's answer stays, the verdict
 * shown and the summary follow the reviewer, and every review is audited.
 */
class ReviewsIntegrationTest extends IntegrationTest {

	private SignedUp admin;

	private SignedUp handler;

	private String assessment;

	private String workflow;

	@BeforeEach
	void completedAssessment() throws IOException {
		this.admin = this.api.signUp("Reviewing body");
		this.handler = this.api.member(this.admin, "project_handler");
		JsonNode workflow = this.api.post("/v1/workflows", this.admin.token(), Map.of("name", "Review", "buckets",
				List.of(Map.of("name", "Test reports")), "criteria",
				List.of(Map.of("name", "Leakage current", "description", "Leakage current was tested and passed."),
						Map.of("name", "Biocompatibility", "description",
								"A biological evaluation to ISO 10993-1 is documented."))))
			.expect(201)
			.json();
		this.workflow = workflow.at("/id").asString();
		String bucket = workflow.at("/buckets/0/id").asString();
		String report = this.api
			.upload(this.handler.token(), bucket, "report.pdf", "application/pdf", SampleFiles.testReport())
			.expect(201)
			.json()
			.at("/id")
			.asString();
		this.assessment = this.api
			.post("/v1/assessments", this.handler.token(),
					Map.of("workflow_id", workflow.at("/id").asString(), "documents",
							List.of(Map.of("bucket_id", bucket, "document_id", report))))
			.expect(202)
			.json()
			.at("/id")
			.asString();
		Eventually.until(Duration.ofSeconds(30), () -> summary().at("/status").asString(), "completed"::equals);
	}

	@Test
	void overrulingAnUndecidedResultSetsTheVerdictAndKeepsTheAiAnswer() {
		JsonNode undecided = result("Leakage current");
		assertThat(undecided.at("/pass").isNull()).as("the offline checker leaves it to a person").isTrue();
		assertThat(summary().at("/summary/needs_review").asInt()).isEqualTo(1);
		String path = "/v1/assessments/" + this.assessment + "/results/" + undecided.at("/id").asString() + "/review";

		assertThat(this.api.post(path, this.handler.token(), Map.of("decision", "confirm")).expect(422).body())
			.contains("nothing to confirm");
		assertThat(this.api.post(path, this.handler.token(), Map.of("decision", "overrule", "pass", true))
			.expect(422)
			.body()).contains("comment");
		assertThat(this.api.post(path, this.handler.token(), Map.of("decision", "overrule", "comment", "Seen it"))
			.expect(422)
			.body()).contains("pass");
		this.api.post(path, this.handler.token(), Map.of("decision", "maybe", "comment", "x")).expect(422);

		JsonNode reviewed = this.api
			.post(path, this.handler.token(),
					Map.of("decision", "overrule", "pass", true, "comment", "Table 5 on page 3 shows 8.7.3 passed."))
			.expect(200)
			.json();

		assertThat(reviewed.at("/pass").asBoolean()).isTrue();
		assertThat(reviewed.at("/ai_pass").isNull()).as("the AI's answer is kept").isTrue();
		assertThat(reviewed.at("/confidence").asString()).isEqualTo("low");
		assertThat(reviewed.at("/needs_review").asBoolean()).isFalse();
		assertThat(reviewed.at("/review/decision").asString()).isEqualTo("overrule");
		assertThat(reviewed.at("/review/comment").asString()).contains("8.7.3");
		assertThat(reviewed.at("/review/reviewed_by/id").asString()).isEqualTo(this.handler.userId().toString());
		assertThat(reviewed.at("/review/reviewed_at").isNull()).isFalse();
		JsonNode counts = summary().at("/summary");
		assertThat(counts.at("/passed").asInt()).isEqualTo(1);
		assertThat(counts.at("/needs_review").asInt()).isZero();
		JsonNode audit = this.api
			.get("/v1/audit-logs?action=result_reviewed&resource_id=" + this.assessment, this.admin.token())
			.expect(200)
			.json()
			.at("/items/0");
		assertThat(audit.at("/user_id").asString()).isEqualTo(this.handler.userId().toString());
		assertThat(audit.at("/metadata/decision").asString()).isEqualTo("overrule");
		assertThat(audit.at("/metadata/pass").asBoolean()).isTrue();
		assertThat(
				this.api.get("/v1/assessments/" + this.assessment + "/results?needs_review=true", this.handler.token())
					.expect(200)
					.json()
					.findValuesAsString("criteria_name"))
			.doesNotContain("Leakage current");
	}

	@Test
	void overrulingADecidedResultTurnsItRoundAndConfirmingKeepsIt() {
		JsonNode failed = result("Biocompatibility");
		assertThat(failed.at("/pass").asBoolean(true)).as("nothing in the report mentions it").isFalse();
		String path = "/v1/assessments/" + this.assessment + "/results/" + failed.at("/id").asString() + "/review";

		JsonNode confirmed = this.api.post(path, this.handler.token(), Map.of("decision", "confirm"))
			.expect(200)
			.json();
		assertThat(confirmed.at("/pass").asBoolean(true)).isFalse();
		assertThat(confirmed.at("/review/decision").asString()).isEqualTo("confirm");

		JsonNode overruled = this.api
			.post(path, this.handler.token(),
					Map.of("decision", "overrule", "comment", "The biological evaluation is in another file."))
			.expect(200)
			.json();
		assertThat(overruled.at("/pass").asBoolean()).isTrue();
		assertThat(overruled.at("/ai_pass").asBoolean(true)).isFalse();
		assertThat(summary().at("/summary/failed").asInt()).isZero();
	}

	@Test
	void onlyProjectHandlersOfTheOrganizationReview() {
		String path = "/v1/assessments/" + this.assessment + "/results/"
				+ result("Biocompatibility").at("/id").asString() + "/review";
		SignedUp manager = this.api.member(this.admin, "process_manager");
		this.api.post(path, manager.token(), Map.of("decision", "confirm")).expect(403);
		SignedUp stranger = this.api.signUp("Another body");
		this.api.post(path, stranger.token(), Map.of("decision", "confirm")).expect(404);
		this.api
			.post("/v1/assessments/" + this.assessment + "/results/" + java.util.UUID.randomUUID() + "/review",
					this.handler.token(), Map.of("decision", "confirm"))
			.expect(404);
		assertThat(result("Biocompatibility").at("/review").isNull()).isTrue();
	}

	@Test
	void criteriaAnalyticsShowWhatFailsAndWhatReviewersOverrule() {
		String leakage = result("Leakage current").at("/id").asString();
		this.api
			.post("/v1/assessments/" + this.assessment + "/results/" + leakage + "/review", this.handler.token(),
					Map.of("decision", "overrule", "pass", true, "comment", "Passed on page 3."))
			.expect(200);
		String path = "/v1/workflows/" + this.workflow + "/criteria-analytics?last=10";

		JsonNode analytics = this.api.get(path, this.admin.token()).expect(200).json();

		assertThat(analytics.at("/assessments").asInt()).isEqualTo(1);
		assertThat(analytics.at("/criteria/0/criteria_name").asString()).as("the overruled one first")
			.isEqualTo("Leakage current");
		assertThat(analytics.at("/criteria/0/overruled").asInt()).isEqualTo(1);
		assertThat(analytics.at("/criteria/0/average_confidence").asDouble()).isZero();
		assertThat(analytics.at("/criteria/1/criteria_name").asString()).isEqualTo("Biocompatibility");
		assertThat(analytics.at("/criteria/1/failed").asInt()).isEqualTo(1);
		assertThat(analytics.at("/criteria/1/average_confidence").asDouble()).isEqualTo(0.5);
		this.api.get(path, this.handler.token()).expect(403);
		this.api.get(path, this.api.signUp("Curious body").token()).expect(404);
		String page = this.api
			.send(this.api.request("/workflows/" + this.workflow + "/analytics", this.admin.token())
				.header("Accept", "text/html")
				.GET())
			.expect(200)
			.body();
		assertThat(page).contains("Criteria analytics").contains("Leakage current").contains("Often overruled");
		this.api.get("/v1/workflows/" + this.workflow + "/criteria-analytics?last=0", this.admin.token()).expect(422);
	}

	@Test
	void theViewerIsToldWhereTheEvidenceIsAndNobodyElseIs() {
		JsonNode leakage = result("Leakage current");
		String path = "/v1/assessments/" + this.assessment + "/results/" + leakage.at("/id").asString() + "/evidence/";
		JsonNode located = this.api.get(path + "0", this.handler.token()).expect(200).json();
		assertThat(located.at("/file_name").asString()).isEqualTo("report.pdf");
		assertThat(located.at("/page").asInt()).isEqualTo(leakage.at("/evidence_items/0/page").asInt());
		assertThat(located.at("/page_count").asInt()).isEqualTo(3);
		assertThat(located.at("/verified").asBoolean()).isTrue();
		assertThat(located.at("/page_width").asDouble()).isPositive();
		assertThat(located.at("/boxes/0/text").asString()).isEqualTo(leakage.at("/evidence_items/0/quote").asString());
		assertThat(located.at("/boxes/0/width").asDouble()).isPositive();
		this.api.get(path + "1", this.handler.token()).expect(404);
		this.api.get(path + "0", this.api.signUp("Prying body").token()).expect(404);
	}

	private JsonNode summary() {
		return this.api.get("/v1/assessments/" + this.assessment, this.handler.token()).expect(200).json();
	}

	private JsonNode result(String criterion) {
		for (JsonNode result : this.api.get("/v1/assessments/" + this.assessment + "/results", this.handler.token())
			.expect(200)
			.json()) {
			if (result.at("/criteria_name").asString().equals(criterion)) {
				return result;
			}
		}
		throw new AssertionError("No result for " + criterion);
	}

}
