package io.assay.assessment;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.IntegrationTest;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting assessments and running them on the durable job queue, over HTTP. */
class AssessmentsIntegrationTest extends IntegrationTest {

	private SignedUp admin;

	private SignedUp handler;

	private JsonNode workflow;

	private String report;

	private String description;

	@BeforeEach
	void organizationWithDocuments() throws IOException {
		this.admin = this.api.signUp("Assessing body");
		this.handler = this.api.member(this.admin, "project_handler");
		this.workflow = this.api.post("/v1/workflows", this.admin.token(), Map.of("name", "Class IIa", "buckets",
				List.of(Map.of("name", "Technical documentation", "required", true),
						Map.of("name", "Test reports", "required", true), Map.of("name", "Other", "required", false)),
				"criteria",
				List.of(Map.of("name", "Signed", "description", "Every document is signed."),
						Map.of("name", "Test summary", "description", "The test report has a pass/fail summary.",
								"applies_to_bucket_indexes", List.of(1)))))
			.expect(201)
			.json();
		this.description = this.api
			.upload(this.handler.token(), bucket(0), "description.docx", "application/octet-stream", SampleFiles.docx())
			.expect(201)
			.json()
			.at("/id")
			.asString();
		this.report = this.api
			.upload(this.handler.token(), bucket(1), "report.pdf", "application/pdf", SampleFiles.testReport())
			.expect(201)
			.json()
			.at("/id")
			.asString();
	}

	@Test
	void anAssessmentRunsToCompletionWithOneResultPerCriterion() {
		JsonNode started = start(choice(0, this.description), choice(1, this.report)).expect(202).json();
		String id = started.at("/id").asString();
		assertThat(started.at("/status").asString()).isIn("pending", "processing", "completed");
		assertThat(started.at("/workflow_version").asInt()).isEqualTo(1);
		assertThat(started.at("/progress/total").asInt()).isEqualTo(2);

		JsonNode done = waitUntilFinished(id);

		assertThat(done.at("/status").asString()).isEqualTo("completed");
		assertThat(done.at("/progress/done").asInt()).isEqualTo(2);
		assertThat(done.at("/started_at").isNull()).isFalse();
		assertThat(done.at("/completed_at").isNull()).isFalse();
		assertThat(done.at("/duration_ms").asInt()).isGreaterThanOrEqualTo(0);
		assertThat(done.at("/error_message").isNull()).isTrue();
		assertThat(done.at("/summary/total").asInt()).isEqualTo(2);
		assertThat(done.at("/summary/passed").asInt()).as("the offline checker never passes").isZero();
		JsonNode results = this.api.get("/v1/assessments/" + id + "/results", this.handler.token()).expect(200).json();
		assertThat(results.size()).as("one result per criterion").isEqualTo(2);
		assertThat(results.findValuesAsString("judge")).containsOnly("offline");
		assertThat(results.findValuesAsString("confidence")).doesNotContain("high");
		assertThat(results.findValuesAsString("criteria_name")).containsExactlyInAnyOrder("Signed", "Test summary");
		assertThat(this.database.asOwner()
			.sql("select count(*) from scheduled_tasks where task_instance = ?")
			.param(id)
			.query(Long.class)
			.single()).isZero();
		JsonNode trail = this.api.get("/v1/audit-logs?resource_id=" + id + "&sort=seq", this.admin.token())
			.expect(200)
			.json()
			.at("/items");
		assertThat(trail.findValuesAsString("action")).containsExactly("assessment_started", "assessment_completed");
		assertThat(
				this.api.get("/v1/assessments?workflow_id=" + this.workflow.at("/id").asString(), this.handler.token())
					.expect(200)
					.json()
					.at("/items/0/id")
					.asString())
			.isEqualTo(id);
	}

	@Test
	void aMissingRequiredBucketIsNamedAndNothingIsStarted() {
		JsonNode problem = start(choice(0, this.description)).expect(422).json();

		assertThat(problem.at("/errors/0/field").asString()).isEqualTo("buckets[1]");
		assertThat(problem.at("/errors/0/message").asString())
			.isEqualTo("the required bucket \u201cTest reports\u201d has no document");
		assertNothingStarted();
	}

	@Test
	void documentsMustBelongToTheBucketTheyAreGivenFor() throws IOException {
		SignedUp other = this.api.signUp("Other assessing body");
		String otherWorkflowBucket = this.api
			.post("/v1/workflows", this.admin.token(),
					Map.of("name", "Another", "buckets", List.of(Map.of("name", "X")), "criteria",
							List.of(Map.of("name", "C", "description", "D"))))
			.expect(201)
			.json()
			.at("/buckets/0/id")
			.asString();

		JsonNode problem = start(choice(0, this.report), choice(1, this.description),
				Map.of("bucket_id", otherWorkflowBucket, "document_id", this.report),
				Map.of("bucket_id", bucket(2), "document_id", UUID.randomUUID().toString()))
			.expect(422)
			.json();

		assertThat(problem.at("/errors").findValuesAsString("field")).containsExactly("documents[0].document_id",
				"documents[1].document_id", "documents[2].bucket_id", "documents[3].document_id", "buckets[0]",
				"buckets[1]");
		assertThat(problem.at("/errors/0/message").asString()).contains("report.pdf was uploaded for another bucket");
		assertNothingStarted();
		this.api
			.post("/v1/assessments", other.token(),
					Map.of("workflow_id", this.workflow.at("/id").asString(), "documents", List.of()))
			.expect(404);
	}

	@Test
	void aPendingAssessmentCanBeCancelledAndNeverRuns() {
		Scheduler scheduler = this.context.getBean(Scheduler.class);
		scheduler.pause();
		String id;
		try {
			id = start(choice(0, this.description), choice(1, this.report)).expect(202).json().at("/id").asString();
			JsonNode cancelled = this.api.delete("/v1/assessments/" + id, this.handler.token()).expect(200).json();
			assertThat(cancelled.at("/status").asString()).isEqualTo("failed");
			assertThat(cancelled.at("/error_message").asString()).isEqualTo("cancelled");
		}
		finally {
			scheduler.resume();
		}
		assertThat(this.database.asOwner()
			.sql("select count(*) from scheduled_tasks where task_instance = ?")
			.param(id)
			.query(Long.class)
			.single()).isZero();
		JsonNode after = this.api.get("/v1/assessments/" + id, this.handler.token()).expect(200).json();
		assertThat(after.at("/started_at").isNull()).isTrue();
		this.api.delete("/v1/assessments/" + id, this.handler.token()).expect(409);
	}

	@Test
	void progressStreamsAsServerSentEventsUntilTheEnd() throws Exception {
		Scheduler scheduler = this.context.getBean(Scheduler.class);
		scheduler.pause();
		CompletableFuture<HttpResponse<Stream<String>>> stream;
		try {
			String id = start(choice(0, this.description), choice(1, this.report)).expect(202)
				.json()
				.at("/id")
				.asString();
			stream = this.api.httpClient()
				.sendAsync(this.api.request("/v1/assessments/" + id + "/events", this.handler.token()).GET().build(),
						HttpResponse.BodyHandlers.ofLines());
			HttpResponse<Stream<String>> response = stream.get(10, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
			scheduler.resume();
			List<String> lines = new ArrayList<>();
			try (Stream<String> body = response.body()) {
				body.takeWhile(line -> !line.startsWith("event:end")).forEach(lines::add);
			}
			assertThat(lines).contains("event:progress");
			assertThat(lines).anyMatch(line -> line.startsWith("data:") && line.contains("\"status\":\"pending\""));
		}
		finally {
			scheduler.resume();
		}
	}

	@Test
	void aJobThatKeepsFailingEndsAsFailedWithTheReason() throws IOException {
		String digest = this.database.asOwner()
			.sql("select encode(sha256, 'hex') from documents where id = ?::uuid")
			.param(this.report)
			.query(String.class)
			.single();
		this.database.asOwner()
			.sql("delete from parsed_documents where encode(sha256, 'hex') = ?")
			.param(digest)
			.update();
		Path stored = DATA_DIRECTORY.resolve("documents")
			.resolve(this.admin.organizationId().toString())
			.resolve(digest);
		byte[] bytes = Files.readAllBytes(stored);
		bytes[bytes.length / 2] ^= 0x55;
		Files.write(stored, bytes);

		String id = start(choice(0, this.description), choice(1, this.report)).expect(202).json().at("/id").asString();

		JsonNode failed = waitUntilFinished(id);
		assertThat(failed.at("/status").asString()).isEqualTo("failed");
		assertThat(failed.at("/error_message").asString()).startsWith("Could not read report.pdf: ")
			.contains("integrity check");
		assertThat(this.api.acceptingLanguage("de")
			.browserSession()
			.signInWithForm(this.admin)
			.get("/assessments/" + id, null)
			.expect(200)
			.body()).as("the reason in the reader's language").contains("report.pdf konnte nicht gelesen werden: ");
		JsonNode trail = this.api.get("/v1/audit-logs?action=assessment_failed&resource_id=" + id, this.admin.token())
			.expect(200)
			.json();
		assertThat(trail.at("/total").asLong()).isEqualTo(1);
	}

	@Test
	void aDocumentAnAssessmentUsedCannotBeDeleted() {
		String id = start(choice(0, this.description), choice(1, this.report)).expect(202).json().at("/id").asString();
		waitUntilFinished(id);

		JsonNode problem = this.api.delete("/v1/documents/" + this.report, this.handler.token()).expect(409).json();

		assertThat(problem.at("/detail").asString()).contains("report.pdf is part of an assessment");
	}

	@Test
	void anotherOrganizationSeesNoneOfIt() {
		String id = start(choice(0, this.description), choice(1, this.report)).expect(202).json().at("/id").asString();
		SignedUp other = this.api.signUp("Curious assessing body");

		this.api.get("/v1/assessments/" + id, other.token()).expect(404);
		this.api.delete("/v1/assessments/" + id, other.token()).expect(404);
		this.api.get("/v1/assessments/" + id + "/events", other.token()).expect(404);
		assertThat(this.api.get("/v1/assessments", other.token()).expect(200).json().at("/total").asLong()).isZero();
		waitUntilFinished(id);
	}

	@Test
	void aProcessManagerDoesNotStartAssessments() {
		SignedUp manager = this.api.member(this.admin, "process_manager");

		this.api
			.post("/v1/assessments", manager.token(), Map.of("workflow_id", this.workflow.at("/id").asString(),
					"documents", List.of(choice(0, this.description), choice(1, this.report))))
			.expect(403);
	}

	private JsonNode waitUntilFinished(String id) {
		return Eventually.until(Duration.ofSeconds(30),
				() -> this.api.get("/v1/assessments/" + id, this.handler.token()).expect(200).json(),
				json -> List.of("completed", "failed").contains(json.at("/status").asString()));
	}

	@SafeVarargs
	private io.assay.Api.Response start(Map<String, String>... documents) {
		return this.api.post("/v1/assessments", this.handler.token(),
				Map.of("workflow_id", this.workflow.at("/id").asString(), "documents", List.of(documents)));
	}

	private Map<String, String> choice(int bucket, String document) {
		return Map.of("bucket_id", bucket(bucket), "document_id", document);
	}

	private String bucket(int index) {
		return this.workflow.at("/buckets/" + index + "/id").asString();
	}

	private void assertNothingStarted() {
		assertThat(this.database.asOwner()
			.sql("select count(*) from assessments where organization_id = ?")
			.param(this.admin.organizationId())
			.query(Long.class)
			.single()).isZero();
	}

}
