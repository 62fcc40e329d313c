package io.assay.assessment;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import io.assay.document.SampleFiles;
import io.assay.platform.TenantContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs that ended longer ago than their organisation's time have their results, comments
 * and raw answers moved to the archive: every reader sees them as before, the run's
 * counts stay, and reviewing or commenting puts them back (with the run they were carried
 * over from); an organisation that never archives, and runs still recent, are left alone.
 */
class ResultsArchiveIntegrationTest extends IntegrationTest {

	private static final String SETTINGS = "/v1/organizations/me/settings";

	@Autowired
	private ResultsArchive archive;

	@Autowired
	private TenantContext tenants;

	@Autowired
	private JdbcClient db;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void archivedResultsReadAsBeforeAndComeBackWhenChanged() throws Exception {
		SignedUp admin = this.api.signUp("Archiving body " + UUID.randomUUID());
		SignedUp handler = this.api.member(admin, "project_handler");
		TwoRuns runs = twoRuns(admin, handler);
		String first = runs.first();
		String reviewed = results(first, handler).get(0).at("/id").asString();
		this.api
			.post("/v1/assessments/" + first + "/results/" + reviewed + "/review", handler.token(),
					Map.of("decision", "overrule", "pass", true, "comment", "Table 5 is the summary."))
			.expect(200);
		this.api
			.post("/v1/assessments/" + first + "/results/" + reviewed + "/comments", handler.token(),
					Map.of("body", "Checked against the lab's original."))
			.expect(201);
		String second = runs.rerun().get();
		assertThat(results(second, handler)).extracting(result -> result.at("/carried_over").asBoolean())
			.containsExactly(true, false);

		// Another organisation with runs just as old that never archives, and one whose
		// runs are recent.
		SignedUp keeper = this.api.signUp("Keeping body " + UUID.randomUUID());
		this.api.patch(SETTINGS, keeper.token(), Map.of("results_archive_after_days", 0)).expect(200);
		SignedUp keeperHandler = this.api.member(keeper, "project_handler");
		String kept = this.api.startOnSampleReport(keeper, keeperHandler).assessmentId();
		this.api.awaitCompleted(kept, keeperHandler.token());
		SignedUp recent = this.api.signUp("Recent body " + UUID.randomUUID());
		SignedUp recentHandler = this.api.member(recent, "project_handler");
		String fresh = this.api.startOnSampleReport(recent, recentHandler).assessmentId();
		this.api.awaitCompleted(fresh, recentHandler.token());

		JsonNode runBefore = this.api.get("/v1/assessments/" + second, handler.token()).expect(200).json();
		String firstResults = this.api.get("/v1/assessments/" + first + "/results", handler.token()).expect(200).body();
		String secondResults = this.api.get("/v1/assessments/" + second + "/results", handler.token())
			.expect(200)
			.body();
		String thread = this.api.get("/v1/assessments/" + first + "/results/" + reviewed + "/comments", handler.token())
			.expect(200)
			.body();
		String analytics = this.api.get("/v1/workflows/" + runs.workflowId() + "/criteria-analytics", admin.token())
			.expect(200)
			.body();
		String diff = this.api.get("/v1/assessments/" + second + "/diff", handler.token()).expect(200).body();
		age(admin, 731);
		age(keeper, 3650);

		assertThat(this.archive.archiveDue()).as("both runs, the re-run first").isEqualTo(2);

		assertThat(hot(admin, "assessment_results")).isZero();
		assertThat(hot(admin, "result_comments")).isZero();
		assertThat(hot(admin, "assessment_result_answers")).isZero();
		assertThat(hot(admin, "assessment_result_archives")).isEqualTo(2);
		assertThat(hot(keeper, "assessment_results")).as("an organisation that never archives").isEqualTo(1);
		assertThat(hot(recent, "assessment_results")).as("a recent run").isEqualTo(1);
		assertThat(hot(keeper, "assessment_result_archives") + hot(recent, "assessment_result_archives")).isZero();
		JsonNode runAfter = this.api.get("/v1/assessments/" + second, handler.token()).expect(200).json();
		assertThat(runAfter.at("/results_archived_at").isString()).isTrue();
		assertThat(runAfter.at("/summary")).as("the counts stay").isEqualTo(runBefore.at("/summary"));
		assertThat(this.api.get("/v1/assessments/" + first + "/results", handler.token()).expect(200).body())
			.isEqualTo(firstResults);
		assertThat(this.api.get("/v1/assessments/" + second + "/results", handler.token()).expect(200).body())
			.isEqualTo(secondResults);
		assertThat(this.api.get("/v1/assessments/" + first + "/results/" + reviewed + "/comments", handler.token())
			.expect(200)
			.body()).isEqualTo(thread);
		assertThat(this.api.get("/v1/workflows/" + runs.workflowId() + "/criteria-analytics", admin.token())
			.expect(200)
			.body()).isEqualTo(analytics);
		assertThat(this.api.get("/v1/assessments/" + second + "/diff", handler.token()).expect(200).body())
			.isEqualTo(diff);
		Api browser = this.api.browserSession().signInWithForm(handler);
		assertThat(browser.get("/assessments/" + first, null).expect(200).body()).contains("id=\"archived\"",
				"Results archived on", "Technical", "Checked against the lab&#39;s original.");
		assertThat(this.api.getBytes("/v1/assessments/" + first + "/report.pdf", handler.token()).statusCode())
			.isEqualTo(200);
		// Nobody else reads them.
		this.api.get("/v1/assessments/" + first + "/results", keeper.token()).expect(404);
		assertThat(archivesSeenBy(admin)).isEqualTo(2);
		assertThat(archivesSeenBy(keeper)).as("row-level security").isZero();
		assertThat(this.archive.archiveDue()).as("nothing is archived twice").isZero();

		// A review of the re-run puts its results back, and the first run's, which they
		// were carried over from.
		String secondReviewed = results(second, handler).get(1).at("/id").asString();
		this.api
			.post("/v1/assessments/" + second + "/results/" + secondReviewed + "/review", handler.token(),
					Map.of("decision", "overrule", "pass", false, "comment", "The summary is not signed."))
			.expect(200);
		assertThat(hot(admin, "assessment_result_archives")).isZero();
		assertThat(hot(admin, "assessment_results")).isEqualTo(4);
		assertThat(hot(admin, "result_comments")).isEqualTo(1);
		assertThat(hot(admin, "assessment_result_answers")).isEqualTo(4);
		assertThat(this.api.get("/v1/assessments/" + first + "/results", handler.token()).expect(200).body())
			.isEqualTo(firstResults);
		assertThat(results(second, handler)).extracting(result -> result.at("/carried_over").asBoolean())
			.containsExactly(true, false);
		assertThat(this.api.get("/v1/assessments/" + second, handler.token())
			.expect(200)
			.json()
			.at("/results_archived_at")
			.isNull()).isTrue();
		assertThat(this.archive.archiveDue()).as("put back, they wait the organisation's time again").isZero();

		// A comment on an archived run puts it back too.
		this.database.asOwner()
			.sql("update assessments set results_restored_at = now() - interval '800 days' where organization_id = ?")
			.param(admin.organizationId())
			.update();
		assertThat(this.archive.archiveDue()).isEqualTo(2);
		this.api
			.post("/v1/assessments/" + first + "/results/" + reviewed + "/comments", handler.token(),
					Map.of("body", "Seen again."))
			.expect(201);
		assertThat(hot(admin, "result_comments")).isEqualTo(2);
		assertThat(hot(admin, "assessment_result_archives")).as("the re-run stays archived").isEqualTo(1);
	}

	@Test
	void aRunStaysWhileARerunOfItIsUnderWay() throws Exception {
		SignedUp admin = this.api.signUp("Archiving re-run body " + UUID.randomUUID());
		SignedUp handler = this.api.member(admin, "project_handler");
		TwoRuns runs = twoRuns(admin, handler);
		String first = runs.first();
		String second = runs.rerun().get();
		// The re-run as it is before it carries anything over: running, no results.
		this.database.asOwner()
			.sql("delete from assessment_results where assessment_id = ?")
			.param(UUID.fromString(second))
			.update();
		this.database.asOwner()
			.sql("update assessments set status = 'running' where id = ?")
			.param(UUID.fromString(second))
			.update();
		age(admin, 800);

		assertThat(this.archive.archiveDue()).as("the run a re-run is about to carry over from").isZero();

		this.database.asOwner()
			.sql("update assessments set status = 'cancelled' where id = ?")
			.param(UUID.fromString(second))
			.update();
		assertThat(this.archive.archiveDue()).isEqualTo(2);
		assertThat(hot(admin, "assessment_results")).isZero();
	}

	private record TwoRuns(String workflowId, String first, java.util.function.Supplier<String> rerun) {
	}

	/**
	 * A workflow of two buckets with a criterion on each, a run on a document in each,
	 * and a re-run with a document added to the second bucket: the first criterion's
	 * result is carried over, the second's judged again.
	 */
	private TwoRuns twoRuns(SignedUp admin, SignedUp handler) throws Exception {
		JsonNode workflow = this.api
			.post("/v1/workflows", admin.token(), Map.of("name", "Two buckets " + UUID.randomUUID(), "buckets",
					List.of(Map.of("name", "Technical documentation"), Map.of("name", "Test reports")), "criteria",
					List.of(Map.of("name", "Technical", "description", "The technical documentation names the device.",
							"applies_to_bucket_indexes", List.of(0)),
							Map.of("name", "Tests", "description", "The test report has a pass/fail summary.",
									"applies_to_bucket_indexes", List.of(1)))))
			.expect(201)
			.json();
		List<String> buckets = List.of(workflow.at("/buckets/0/id").asString(),
				workflow.at("/buckets/1/id").asString());
		String description = upload(handler, buckets.get(0), "description.pdf", "The device is the CS-300 monitor.");
		String report = upload(handler, buckets.get(1), "report.pdf", "Summary: all tests passed.");
		String first = this.api
			.post("/v1/assessments", handler.token(),
					Map.of("workflow_id", workflow.at("/id").asString(), "documents",
							List.of(Map.of("bucket_id", buckets.get(0), "document_id", description),
									Map.of("bucket_id", buckets.get(1), "document_id", report))))
			.expect(202)
			.json()
			.at("/id")
			.asString();
		this.api.awaitCompleted(first, handler.token());
		String annex = upload(handler, buckets.get(1), "annex.pdf", "Annex: the raw measurements.");
		return new TwoRuns(workflow.at("/id").asString(), first, () -> {
			String second = this.api
				.post("/v1/assessments/" + first + "/rerun", handler.token(),
						Map.of("add", List.of(Map.of("bucket_id", buckets.get(1), "document_id", annex))))
				.expect(202)
				.json()
				.at("/id")
				.asString();
			this.api.awaitCompleted(second, handler.token());
			return second;
		});
	}

	private String upload(SignedUp handler, String bucket, String name, String line) throws Exception {
		return this.api
			.upload(handler.token(), bucket, name, "application/pdf",
					SampleFiles.pdf(List.of(new SampleFiles.PageText("1 " + name, List.of(line)))))
			.expect(201)
			.json()
			.at("/id")
			.asString();
	}

	@Test
	void theTimeIsSetWithinItsLimitsByAdministratorsOnly() {
		SignedUp admin = this.api.signUp("Archive limits body");
		SignedUp handler = this.api.member(admin, "project_handler");
		assertThat(this.api.get(SETTINGS, admin.token()).expect(200).json().at("/results_archive_after_days").asInt())
			.as("two years by default")
			.isEqualTo(730);
		for (Object wrong : List.of(89, 36_501, -1, Integer.MIN_VALUE)) {
			JsonNode refused = this.api.patch(SETTINGS, admin.token(), Map.of("results_archive_after_days", wrong))
				.expect(422)
				.json();
			assertThat(refused.at("/errors/0/field").asString()).isEqualTo("results_archive_after_days");
			assertThat(refused.at("/errors/0/message").asString()).contains("90", "36500");
		}
		this.api.patch(SETTINGS, admin.token(), Map.of("results_archive_after_days", "two years")).expect(400);
		this.api.patch(SETTINGS, handler.token(), Map.of("results_archive_after_days", 365)).expect(403);
		assertThat(this.api.patch(SETTINGS, admin.token(), Map.of("results_archive_after_days", 0))
			.expect(200)
			.json()
			.at("/results_archive_after_days")
			.isNull()).as("0: never").isTrue();
		Api page = this.api.acceptingLanguage("de").browserSession().signInWithForm(admin);
		Map<String, String> form = new java.util.HashMap<>(Map.of("name", "Archive limits body", "default_language", "",
				"document_retention_days", "", "results_archive_after_days", "365"));
		page.form("/settings", page.get("/settings", null).expect(200), form).expect(302);
		assertThat(page.get("/settings", null).expect(200).body()).contains("id=\"results_archive_after_days\"",
				"value=\"365\"", "Ergebnisse eines Laufs archivieren nach (Tagen)");
		form.put("results_archive_after_days", "zwei Jahre");
		assertThat(page.form("/settings", page.get("/settings", null), form).expect(422).body()).contains("Archiv:",
				"36500");
		form.put("results_archive_after_days", "3\u000065");
		page.form("/settings", page.get("/settings", null), form).expect(400);
		form.put("results_archive_after_days", "");
		page.form("/settings", page.get("/settings", null), form).expect(302);
		assertThat(this.api.get(SETTINGS, admin.token()).expect(200).json().at("/results_archive_after_days").isNull())
			.as("an empty field never archives")
			.isTrue();
	}

	private List<JsonNode> results(String run, SignedUp reader) {
		List<JsonNode> results = new java.util.ArrayList<>();
		this.api.get("/v1/assessments/" + run + "/results", reader.token()).expect(200).json().forEach(results::add);
		results.sort(java.util.Comparator.comparing(result -> result.at("/criteria_name").asString()));
		return results;
	}

	/** Moves the organisation's runs this many days into the past. */
	private void age(SignedUp organization, int days) {
		this.database.asOwner()
			.sql("update assessments set completed_at = completed_at - make_interval(days => ?),"
					+ " created_at = created_at - make_interval(days => ?) where organization_id = ?")
			.params(days, days, organization.organizationId())
			.update();
	}

	private long archivesSeenBy(SignedUp organization) {
		return this.tenants.callAs(organization.organizationId(), null, () -> this.transactions
			.execute(tx -> this.db.sql("select count(*) from assessment_result_archives").query(Long.class).single()));
	}

	private long hot(SignedUp organization, String table) {
		return this.database.asOwner()
			.sql("select count(*) from " + table + " where organization_id = ?")
			.param(organization.organizationId())
			.query(Long.class)
			.single();
	}

}
