package io.assay.assessment;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.IntegrationTest;
import io.assay.document.SampleFiles;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's review to its end: comments, sign-off under the workflow's four-eyes policy,
 * reviews locked after it, and a reopen with a reason.
 */
class SignOffIntegrationTest extends IntegrationTest {

	private SignedUp admin;

	private SignedUp manager;

	private SignedUp owner;

	private SignedUp reviewer;

	private SignedUp bystander;

	private String workflowId;

	private String bucketId;

	@BeforeEach
	void organization() {
		this.admin = this.api.signUp("Signing body " + UUID.randomUUID());
		this.manager = this.api.member(this.admin, "process_manager");
		this.owner = this.api.member(this.admin, "project_handler");
		this.reviewer = this.api.member(this.admin, "project_handler");
		this.bystander = this.api.member(this.admin, "project_handler");
		JsonNode workflow = this.api
			.post("/v1/workflows", this.manager.token(), Map.of("name", "Class IIa", "buckets",
					List.of(Map.of("name", "Test reports", "required", true)), "criteria",
					List.of(Map.of("name", "Signed", "description", "Every document is signed and dated."), Map.of(
							"name", "Calibration", "description",
							"Every instrument used was calibrated and its calibration was valid on the test date."))))
			.expect(201)
			.json();
		this.workflowId = workflow.at("/id").asString();
		this.bucketId = workflow.at("/buckets/0/id").asString();
	}

	@Test
	void aReviewerSignsOffUnderFourEyesAndAReopenNeedsAReason() throws IOException {
		assertThat(this.api.get("/v1/workflows/" + this.workflowId + "/sign-off", this.owner.token())
			.expect(200)
			.json()
			.at("/policy")
			.asString()).isEqualTo("owner");
		this.api
			.put("/v1/workflows/" + this.workflowId + "/sign-off", this.owner.token(), Map.of("policy", "four_eyes"))
			.expect(403);
		this.api.put("/v1/workflows/" + this.workflowId + "/sign-off", this.manager.token(), Map.of("policy", "six"))
			.expect(422);
		this.api
			.put("/v1/workflows/" + this.workflowId + "/sign-off", this.manager.token(), Map.of("policy", "four_eyes"))
			.expect(200);
		String run = completedRun();
		List<JsonNode> results = results(run);
		assertThat(results).hasSize(2);

		// The offline checker decides nothing as passed: what the report mentions waits
		// for a person.
		List<JsonNode> open = results.stream().filter(result -> result.at("/needs_review").asBoolean()).toList();
		assertThat(open).isNotEmpty();

		JsonNode comment = this.api
			.post("/v1/assessments/" + run + "/results/" + results.get(0).at("/id").asString() + "/comments",
					this.reviewer.token(), Map.of("body", "Page 2 has no signature block."))
			.expect(201)
			.json();
		assertThat(comment.at("/author_name").asString()).isNotBlank();
		this.api
			.post("/v1/assessments/" + run + "/results/" + results.get(0).at("/id").asString() + "/comments",
					this.reviewer.token(), Map.of("body", "   "))
			.expect(422);

		// Decide all but one: the sign-off names the one left.
		JsonNode last = open.getLast();
		for (JsonNode result : results) {
			if (result != last) {
				decide(run, result);
			}
		}
		Response refused = this.api.post("/v1/assessments/" + run + "/sign-off", this.reviewer.token(),
				Map.of("statement", "Checked."));
		refused.expect(409);
		assertThat(refused.json().at("/detail").asString()).contains("1 criterion still needs")
			.contains(last.at("/criteria_name").asString());
		decide(run, last);

		Response byOwner = this.api.post("/v1/assessments/" + run + "/sign-off", this.owner.token(),
				Map.of("statement", "Checked."));
		byOwner.expect(403);
		assertThat(byOwner.json().at("/detail").asString()).contains("four eyes");
		this.api.post("/v1/assessments/" + run + "/sign-off", this.bystander.token(), Map.of("statement", "Checked."))
			.expect(403);
		this.api.post("/v1/assessments/" + run + "/sign-off", this.reviewer.token(), Map.of("statement", "\u0000"))
			.expect(400);
		this.api.post("/v1/assessments/" + run + "/sign-off", this.reviewer.token(), Map.of("statement", "  "))
			.expect(422);

		JsonNode signOff = this.api
			.post("/v1/assessments/" + run + "/sign-off", this.reviewer.token(),
					Map.of("statement", "I have checked every criterion against the documents."))
			.expect(201)
			.json();
		assertThat(signOff.at("/signed_by").asString()).isEqualTo(this.reviewer.userId().toString());
		assertThat(signOff.at("/results_sha256").asString()).hasSize(64);
		assertThat(signOff.at("/documents/0/file_name").asString()).isEqualTo("report.pdf");
		assertThat(signOff.at("/documents/0/sha256").asString()).hasSize(64);
		assertThat(this.api.get("/v1/assessments/" + run, this.owner.token()).json().at("/review_state").asString())
			.isEqualTo("signed_off");
		String submission = this.api.get("/v1/assessments/" + run, this.owner.token())
			.json()
			.at("/submission_id")
			.asString();
		assertThat(this.api.get("/v1/submissions/" + submission, this.owner.token())
			.json()
			.at("/submission/review_state")
			.asString()).isEqualTo("signed_off");
		this.api.post("/v1/assessments/" + run + "/sign-off", this.reviewer.token(), Map.of("statement", "Again."))
			.expect(409);
		try (PDDocument pdf = Loader
			.loadPDF(this.api.getBytes("/v1/assessments/" + run + "/report.pdf", this.owner.token()).body())) {
			String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
			assertThat(text).contains("Signed off")
				.contains("I have checked every criterion against the documents.")
				.contains(signOff.at("/results_sha256").asString());
		}

		Response locked = this.api.post("/v1/assessments/" + run + "/results/" + last.at("/id").asString() + "/review",
				this.owner.token(), Map.of("decision", "overrule", "pass", true, "comment", "Changed my mind."));
		locked.expect(409);
		assertThat(locked.json().at("/detail").asString()).contains("signed off").contains("reopen");

		this.api.post("/v1/assessments/" + run + "/reopen", this.owner.token(), Map.of()).expect(422);
		this.api.post("/v1/assessments/" + run + "/reopen", this.bystander.token(), Map.of("reason", "Curious."))
			.expect(403);
		JsonNode reopened = this.api
			.post("/v1/assessments/" + run + "/reopen", this.owner.token(),
					Map.of("reason", "The manufacturer sent a signed test report."))
			.expect(200)
			.json();
		assertThat(reopened.at("/review_state").asString()).isEqualTo("in_review");
		this.api.get("/v1/assessments/" + run + "/sign-off", this.owner.token()).expect(404);
		this.api.post("/v1/assessments/" + run + "/reopen", this.owner.token(), Map.of("reason", "Twice.")).expect(409);
		assertThat(this.database.asOwner()
			.sql("select metadata ->> 'reason' from audit_logs where action = 'run_reopened' and resource_id = ?")
			.param(UUID.fromString(run))
			.query(String.class)
			.single()).isEqualTo("The manufacturer sent a signed test report.");
		assertThat(this.database.asOwner()
			.sql("select count(*) from assessment_sign_offs where assessment_id = ? and reopen_reason is not null")
			.param(UUID.fromString(run))
			.query(Long.class)
			.single()).as("the ended sign-off stays on record").isEqualTo(1);
		this.api
			.post("/v1/assessments/" + run + "/results/" + last.at("/id").asString() + "/review", this.owner.token(),
					Map.of("decision", "overrule", "pass", true, "comment", "Signed copy received."))
			.expect(200);
	}

	@Test
	void underTheOwnerPolicyTheOwnerSignsAndAnotherOrganizationReachesNothing() throws IOException {
		String run = completedRun();
		results(run).forEach(result -> decide(run, result));
		SignedUp stranger = this.api.signUp("Stranger " + UUID.randomUUID());
		SignedUp strangeHandler = this.api.member(stranger, "project_handler");
		String result = results(run).getFirst().at("/id").asString();

		this.api.post("/v1/assessments/" + run + "/sign-off", strangeHandler.token(), Map.of("statement", "Mine."))
			.expect(404);
		this.api
			.post("/v1/assessments/" + run + "/results/" + result + "/comments", strangeHandler.token(),
					Map.of("body", "Hello"))
			.expect(404);
		this.api.get("/v1/assessments/" + run + "/results/" + result + "/comments", strangeHandler.token()).expect(404);
		this.api.post("/v1/assessments/" + run + "/sign-off", this.manager.token(), Map.of("statement", "Mine."))
			.expect(403);

		this.api.post("/v1/assessments/" + run + "/sign-off", this.owner.token(), Map.of("statement", "Checked."))
			.expect(201);

		this.api.post("/v1/assessments/" + run + "/reopen", strangeHandler.token(), Map.of("reason", "Mine."))
			.expect(404);
		this.api.get("/v1/assessments/" + run + "/sign-off", strangeHandler.token()).expect(404);
		this.api.post("/v1/assessments/" + run + "/reopen", this.manager.token(), Map.of("reason", "Audit sample."))
			.expect(200);
	}

	private void decide(String run, JsonNode result) {
		if (!result.at("/needs_review").asBoolean()) {
			this.api
				.post("/v1/assessments/" + run + "/results/" + result.at("/id").asString() + "/review",
						this.owner.token(), Map.of("decision", "confirm"))
				.expect(200);
			return;
		}
		this.api
			.post("/v1/assessments/" + run + "/results/" + result.at("/id").asString() + "/review", this.owner.token(),
					Map.of("decision", "overrule", "pass", false, "comment", "Not shown in the documents."))
			.expect(200);
	}

	private String completedRun() throws IOException {
		String submission = this.api
			.post("/v1/submissions", this.manager.token(),
					Map.of("workflow_id", this.workflowId, "reference", "NB-" + UUID.randomUUID(), "owner_id",
							this.owner.userId().toString(), "reviewer_id", this.reviewer.userId().toString()))
			.expect(201)
			.json()
			.at("/id")
			.asString();
		String document = this.api
			.upload(this.owner.token(), this.bucketId, "report.pdf", "application/pdf", SampleFiles.testReport())
			.expect(201)
			.json()
			.at("/id")
			.asString();
		String run = this.api
			.post("/v1/submissions/" + submission + "/runs", this.owner.token(),
					Map.of("documents", List.of(Map.of("bucket_id", this.bucketId, "document_id", document))))
			.expect(202)
			.json()
			.at("/id")
			.asString();
		Eventually.until(Duration.ofSeconds(60),
				() -> this.api.get("/v1/assessments/" + run, this.owner.token()).json(),
				json -> json.at("/status").asString().equals("completed"));
		return run;
	}

	private List<JsonNode> results(String run) {
		List<JsonNode> results = new ArrayList<>();
		this.api.get("/v1/assessments/" + run + "/results", this.owner.token())
			.expect(200)
			.json()
			.forEach(results::add);
		return results;
	}

}
