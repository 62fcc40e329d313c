package io.assay.assessment;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.IntegrationTest;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Submissions over HTTP: creating, finding, listing, assigning, and their runs. */
class SubmissionsIntegrationTest extends IntegrationTest {

	private SignedUp admin;

	private SignedUp manager;

	private SignedUp handler;

	private SignedUp otherHandler;

	private String workflowId;

	private String bucketId;

	@BeforeEach
	void organization() {
		this.admin = this.api.signUp("Notified Body " + UUID.randomUUID());
		this.manager = this.api.member(this.admin, "process_manager");
		this.handler = this.api.member(this.admin, "project_handler");
		this.otherHandler = this.api.member(this.admin, "project_handler");
		this.bucketId = this.api.oneBucketWorkflow(this.manager.token(), "Class IIa");
		this.workflowId = this.api.get("/v1/workflows", this.manager.token())
			.expect(200)
			.json()
			.at("/items/0/id")
			.asString();
	}

	@Test
	void aProcessManagerCreatesASubmissionAndAssignsIt() {
		JsonNode created = this.api.post("/v1/submissions", this.manager.token(),
				Map.of("workflow_id", this.workflowId, "reference", "  NB-2026-0042 ", "manufacturer",
						"CardioSense GmbH", "product", "CS-300 ECG monitor", "device_class", "IIa", "owner_id",
						this.handler.userId().toString(), "reviewer_id", this.otherHandler.userId().toString(),
						"due_date", "2026-12-24"))
			.expect(201)
			.json();

		assertThat(created.at("/reference").asString()).isEqualTo("NB-2026-0042");
		assertThat(created.at("/owner/id").asString()).isEqualTo(this.handler.userId().toString());
		assertThat(created.at("/owner/name").asString()).isNotBlank();
		assertThat(created.at("/reviewer/id").asString()).isEqualTo(this.otherHandler.userId().toString());
		assertThat(created.at("/due_date").asString()).isEqualTo("2026-12-24");
		assertThat(created.at("/review_state").asString()).isEqualTo("not_started");
		assertThat(created.at("/latest_run").isNull()).isTrue();
		assertThat(created.at("/run_count").asInt()).isZero();
		assertThat(auditActions(created.at("/id").asString())).contains("submission_created");
	}

	@Test
	void aReferenceIsUniqueInTheOrganizationRegardlessOfCase() {
		createSubmission("NB-7", this.handler);

		Response taken = this.api.post("/v1/submissions", this.handler.token(),
				Map.of("workflow_id", this.workflowId, "reference", "nb-7"));

		taken.expect(409);
		assertThat(taken.json().at("/detail").asString()).contains("nb-7").contains("already used");
		// Another organisation may use the same reference.
		SignedUp elsewhere = this.api.signUp("Another body " + UUID.randomUUID());
		String theirBucket = this.api.oneBucketWorkflow(elsewhere.token(), "Theirs");
		String theirWorkflow = this.api.get("/v1/workflows", elsewhere.token()).json().at("/items/0/id").asString();
		this.api.post("/v1/submissions", elsewhere.token(), Map.of("workflow_id", theirWorkflow, "reference", "NB-7"))
			.expect(201);
		assertThat(theirBucket).isNotEqualTo(this.bucketId);
	}

	@Test
	void badFieldsAreNamedOneByOne() {
		Map<String, Object> body = new HashMap<>();
		body.put("reference", "NB-" + "1".repeat(100));
		body.put("manufacturer", "x".repeat(301));
		body.put("owner_id", this.manager.userId().toString());
		Response refused = this.api.post("/v1/submissions", this.handler.token(), body);

		refused.expect(422);
		List<String> fields = new ArrayList<>();
		refused.json().at("/errors").forEach(error -> fields.add(error.at("/field").asString()));
		assertThat(fields).contains("reference", "manufacturer", "workflow_id");

		Response notAHandler = this.api.post("/v1/submissions", this.handler.token(), Map.of("workflow_id",
				this.workflowId, "reference", "NB-8", "owner_id", this.manager.userId().toString()));
		notAHandler.expect(422);
		assertThat(notAHandler.json().at("/errors/0/field").asString()).isEqualTo("owner_id");
		assertThat(notAHandler.json().at("/errors/0/message").asString()).contains("not a project handler");

		this.api.post("/v1/submissions", this.handler.token(), List.of("not", "an", "object")).expect(400);
		Response nul = this.api.post("/v1/submissions", this.handler.token(),
				Map.of("workflow_id", this.workflowId, "reference", "NB\u0000-1"));
		nul.expect(400);
		assertThat(nul.json().at("/detail").asString()).contains("reference").contains("U+0000");
	}

	@Test
	void theOwnerOrAProcessManagerMayReassignNobodyElse() {
		String id = createSubmission("NB-10", this.handler);
		assertThat(this.api.get("/v1/submissions/" + id, this.handler.token())
			.json()
			.at("/submission/owner/id")
			.asString()).as("the creator owns it when it handles projects").isEqualTo(this.handler.userId().toString());

		this.api.patch("/v1/submissions/" + id, this.otherHandler.token(), Map.of("due_date", "2027-01-31"))
			.expect(403);

		JsonNode byOwner = this.api
			.patch("/v1/submissions/" + id, this.handler.token(),
					Map.of("reviewer_id", this.otherHandler.userId().toString(), "due_date", "2027-01-31"))
			.expect(200)
			.json();
		assertThat(byOwner.at("/reviewer/id").asString()).isEqualTo(this.otherHandler.userId().toString());
		assertThat(byOwner.at("/due_date").asString()).isEqualTo("2027-01-31");

		Map<String, Object> clear = new HashMap<>();
		clear.put("due_date", null);
		clear.put("owner_id", this.otherHandler.userId().toString());
		JsonNode byManager = this.api.patch("/v1/submissions/" + id, this.manager.token(), clear).expect(200).json();
		assertThat(byManager.at("/owner/id").asString()).isEqualTo(this.otherHandler.userId().toString());
		assertThat(byManager.at("/due_date").isNull()).isTrue();
		assertThat(byManager.at("/reviewer/id").asString()).as("untouched")
			.isEqualTo(this.otherHandler.userId().toString());
		assertThat(auditActions(id)).contains("submission_updated");

		this.api.patch("/v1/submissions/" + id, this.manager.token(), Map.of("due_date", 20270131)).expect(422);
		this.api.patch("/v1/submissions/" + id, this.manager.token(), Map.of("reference", "")).expect(422);
	}

	@Test
	void runsOfASubmissionAreNumberedAndItsListRowFollowsTheLatest() throws Exception {
		String id = createSubmission("NB-20", this.handler);
		String document = upload();

		JsonNode first = this.api
			.post("/v1/submissions/" + id + "/runs", this.handler.token(),
					Map.of("documents", List.of(Map.of("bucket_id", this.bucketId, "document_id", document))))
			.expect(202)
			.json();
		assertThat(first.at("/submission_id").asString()).isEqualTo(id);
		assertThat(first.at("/run_number").asInt()).isEqualTo(1);
		waitUntilFinished(first.at("/id").asString());

		Response unchanged = this.api.post("/v1/assessments/" + first.at("/id").asString() + "/rerun",
				this.handler.token(), Map.of());
		unchanged.expect(409);
		assertThat(unchanged.json().at("/detail").asString()).contains("Nothing changed since run 1");
		String fixed = this.api
			.upload(this.handler.token(), this.bucketId, "report-v2.pdf", "application/pdf",
					SampleFiles.pdf(List.of(new SampleFiles.PageText("1 Test report",
							List.of("Signed and dated by the test engineer, 2026-11-30.")))))
			.expect(201)
			.json()
			.at("/id")
			.asString();
		JsonNode second = this.api
			.post("/v1/assessments/" + first.at("/id").asString() + "/rerun", this.handler.token(),
					Map.of("replace", List.of(Map.of("bucket_id", this.bucketId, "document_id", fixed))))
			.expect(202)
			.json();
		assertThat(second.at("/submission_id").asString()).isEqualTo(id);
		assertThat(second.at("/run_number").asInt()).isEqualTo(2);
		waitUntilFinished(second.at("/id").asString());

		JsonNode found = this.api.get("/v1/submissions/" + id, this.handler.token()).expect(200).json();
		assertThat(found.at("/runs").size()).isEqualTo(2);
		assertThat(found.at("/runs/0/run_number").asInt()).isEqualTo(1);
		assertThat(found.at("/runs/1/id").asString()).isEqualTo(second.at("/id").asString());
		assertThat(found.at("/submission/run_count").asInt()).isEqualTo(2);
		assertThat(found.at("/submission/latest_run/assessment_id").asString()).isEqualTo(second.at("/id").asString());
		assertThat(found.at("/submission/latest_run/status").asString()).isEqualTo("completed");
		// The offline checker decides nothing as passed: the run waits for a person.
		assertThat(found.at("/submission/latest_run/outcome").asString()).isIn("failed", "undecided");

		JsonNode completed = this.api.get("/v1/submissions?status=completed&q=NB-20", this.handler.token())
			.expect(200)
			.json();
		assertThat(ids(completed)).containsExactly(id);
	}

	@Test
	void anAssessmentStartedWithoutASubmissionGetsOneOfItsOwn() {
		String document = upload();

		JsonNode started = this.api.post("/v1/assessments", this.handler.token(), Map.of("workflow_id", this.workflowId,
				"documents", List.of(Map.of("bucket_id", this.bucketId, "document_id", document))))
			.expect(202)
			.json();

		JsonNode submission = this.api
			.get("/v1/submissions/" + started.at("/submission_id").asString(), this.handler.token())
			.expect(200)
			.json()
			.at("/submission");
		assertThat(submission.at("/reference").asString()).startsWith("A-");
		assertThat(submission.at("/product").asString()).isEqualTo("Class IIa");
		assertThat(submission.at("/owner/id").asString()).isEqualTo(this.handler.userId().toString());

		// A refused start leaves no submission behind.
		int before = this.api.get("/v1/submissions?limit=100", this.handler.token()).json().at("/items").size();
		this.api
			.post("/v1/assessments", this.handler.token(),
					Map.of("workflow_id", this.workflowId, "documents",
							List.of(Map.of("bucket_id", this.bucketId, "document_id", UUID.randomUUID().toString()))))
			.expect(422);
		assertThat(this.api.get("/v1/submissions?limit=100", this.handler.token()).json().at("/items").size())
			.isEqualTo(before);
	}

	@Test
	void theListSearchesFiltersAndPagesByCursor() {
		for (int i = 1; i <= 25; i++) {
			Map<String, Object> body = new HashMap<>();
			body.put("workflow_id", this.workflowId);
			body.put("reference", "NB-%03d".formatted(i));
			body.put("manufacturer", i % 2 == 0 ? "CardioSense GmbH" : "Orthoflex AB");
			body.put("product", i % 2 == 0 ? "CS-300 ECG monitor" : "Knee brace");
			body.put("owner_id", (i % 5 == 0 ? this.otherHandler : this.handler).userId().toString());
			this.api.post("/v1/submissions", this.manager.token(), body).expect(201);
		}

		List<String> walked = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = this.api
				.get("/v1/submissions?sort=reference&limit=10" + (cursor == null ? "" : "&cursor=" + cursor),
						this.handler.token())
				.expect(200)
				.json();
			page.at("/items").forEach(item -> walked.add(item.at("/reference").asString()));
			cursor = page.at("/next_cursor").isNull() ? null : page.at("/next_cursor").asString();
			pages++;
		}
		while (cursor != null && pages < 10);
		assertThat(pages).isEqualTo(3);
		assertThat(walked).hasSize(25).isSorted().doesNotHaveDuplicates();

		List<String> newestFirst = new ArrayList<>();
		this.api.get("/v1/submissions?limit=100", this.handler.token())
			.json()
			.at("/items")
			.forEach(item -> newestFirst.add(item.at("/reference").asString()));
		assertThat(newestFirst.getFirst()).isEqualTo("NB-025");

		assertThat(references("/v1/submissions?q=cardio%20cs-3&limit=100")).hasSize(12).allMatch(ref -> {
			int n = Integer.parseInt(ref.substring(3));
			return n % 2 == 0;
		});
		assertThat(references("/v1/submissions?q=orthoflex&assignee=" + this.otherHandler.userId() + "&limit=100"))
			.containsExactlyInAnyOrder("NB-005", "NB-015", "NB-025");
		assertThat(references("/v1/submissions?q=NB-007")).containsExactly("NB-007");
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		assertThat(references("/v1/submissions?created_from=" + today + "&created_to=" + today + "&limit=100"))
			.hasSize(25);
		assertThat(references("/v1/submissions?review_state=signed_off")).isEmpty();

		this.api.get("/v1/submissions?cursor=not-a-cursor", this.handler.token()).expect(422);
		String referenceCursor = this.api.get("/v1/submissions?sort=reference&limit=1", this.handler.token())
			.json()
			.at("/next_cursor")
			.asString();
		this.api.get("/v1/submissions?sort=-created_at&cursor=" + referenceCursor, this.handler.token()).expect(422);
		this.api.get("/v1/submissions?limit=0", this.handler.token()).expect(422);
		this.api.get("/v1/submissions?limit=2147483647", this.handler.token()).expect(422);
		this.api.get("/v1/submissions?status=sleeping", this.handler.token()).expect(422);
		this.api.get("/v1/submissions?created_from=yesterday", this.handler.token()).expect(422);
		this.api.get("/v1/submissions?q=%22%27%3A%26", this.handler.token()).expect(422);
	}

	@Test
	void myWorkListsWhatWaitsForMeOverdueFirst() {
		String later = createSubmission("NB-30", this.handler);
		String overdue = createSubmission("NB-31", this.handler);
		String notMine = createSubmission("NB-32", this.otherHandler);
		this.api.patch("/v1/submissions/" + later, this.manager.token(), Map.of("due_date", "2099-01-01")).expect(200);
		this.api.patch("/v1/submissions/" + overdue, this.manager.token(), Map.of("due_date", "2020-01-01"))
			.expect(200);

		JsonNode work = this.api.get("/v1/submissions/my-work", this.handler.token()).expect(200).json();

		List<String> ids = new ArrayList<>();
		work.forEach(item -> ids.add(item.at("/id").asString()));
		assertThat(ids).containsExactly(overdue, later).doesNotContain(notMine);
		assertThat(work.at("/0/overdue").asBoolean()).isTrue();
		assertThat(work.at("/1/overdue").asBoolean()).isFalse();
	}

	@Test
	void anotherOrganizationSeesNoneOfItAndChangesNothing() {
		String id = createSubmission("NB-40", this.handler);
		SignedUp stranger = this.api.signUp("Stranger body " + UUID.randomUUID());
		SignedUp strangeHandler = this.api.member(stranger, "project_handler");

		this.api.get("/v1/submissions/" + id, strangeHandler.token()).expect(404);
		this.api.patch("/v1/submissions/" + id, stranger.token(), Map.of("due_date", "2027-01-01")).expect(404);
		this.api.post("/v1/submissions/" + id + "/runs", strangeHandler.token(), Map.of("documents", List.of()))
			.expect(404);
		assertThat(this.api.get("/v1/submissions?q=NB-40", strangeHandler.token()).json().at("/items").size()).isZero();
		this.api.post("/v1/submissions", stranger.token(), Map.of("workflow_id", this.workflowId, "reference", "X-1"))
			.expect(404);
		this.api
			.patch("/v1/submissions/" + id, this.manager.token(),
					Map.of("owner_id", strangeHandler.userId().toString()))
			.expect(422);
	}

	@Test
	void concurrentStartsAtTheTierLimitPassExactlyUpToIt() throws Exception {
		String id = createSubmission("NB-50", this.handler);
		// The trial tier allows 25 a month: 22 already used leaves room for 3.
		this.database.asOwner().sql("""
				insert into usage_months (organization_id, month, assessments)
				values (?, date_trunc('month', now() at time zone 'UTC')::date, 22)
				""").param(this.admin.organizationId()).update();
		String document = upload();

		List<CompletableFuture<Integer>> starts = IntStream.range(0, 8)
			.mapToObj(
					i -> CompletableFuture.supplyAsync(() -> this.api
						.post("/v1/assessments", this.handler.token(),
								Map.of("workflow_id", this.workflowId, "documents",
										List.of(Map.of("bucket_id", this.bucketId, "document_id", document))))
						.status()))
			.toList();
		List<Integer> statuses = starts.stream().map(CompletableFuture::join).toList();

		assertThat(statuses).filteredOn(status -> status == 202).hasSize(3);
		assertThat(statuses).filteredOn(status -> status == 409).hasSize(5);
	}

	@Test
	void anEnterpriseOrganizationHasNoMonthlyLimit() {
		this.database.asOwner()
			.sql("update organizations set subscription_tier = 'enterprise' where id = ?")
			.param(this.admin.organizationId())
			.update();
		this.database.asOwner().sql("""
				insert into usage_months (organization_id, month, assessments)
				values (?, date_trunc('month', now() at time zone 'UTC')::date, 100000)
				""").param(this.admin.organizationId()).update();
		String document = upload();

		this.api.post("/v1/assessments", this.handler.token(), Map.of("workflow_id", this.workflowId, "documents",
				List.of(Map.of("bucket_id", this.bucketId, "document_id", document))))
			.expect(202);

		assertThat(this.api.get("/v1/organizations/me", this.admin.token())
			.expect(200)
			.json()
			.at("/usage/assessments")
			.asLong()).isEqualTo(100001);
	}

	private String createSubmission(String reference, SignedUp by) {
		return this.api
			.post("/v1/submissions", by.token(), Map.of("workflow_id", this.workflowId, "reference", reference))
			.expect(201)
			.json()
			.at("/id")
			.asString();
	}

	private String upload() {
		byte[] report;
		try {
			report = SampleFiles.testReport();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return this.api.upload(this.handler.token(), this.bucketId, "report.pdf", "application/pdf", report)
			.expect(201)
			.json()
			.at("/id")
			.asString();
	}

	private void waitUntilFinished(String assessment) {
		Eventually.until(Duration.ofSeconds(60),
				() -> this.api.get("/v1/assessments/" + assessment, this.handler.token()).expect(200).json(),
				json -> List.of("completed", "failed").contains(json.at("/status").asString()));
	}

	private List<String> references(String path) {
		List<String> references = new ArrayList<>();
		this.api.get(path, this.handler.token())
			.expect(200)
			.json()
			.at("/items")
			.forEach(item -> references.add(item.at("/reference").asString()));
		return references;
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.at("/items").forEach(item -> ids.add(item.at("/id").asString()));
		return ids;
	}

	private Set<String> auditActions(String resource) {
		return new HashSet<>(this.database.asOwner()
			.sql("select action from audit_logs where resource_id = ?")
			.param(UUID.fromString(resource))
			.query(String.class)
			.list());
	}

}
