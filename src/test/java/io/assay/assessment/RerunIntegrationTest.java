package io.assay.assessment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.IntegrationTest;
import io.assay.document.SampleFiles;
import io.assay.document.SampleFiles.PageText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Re-runs that match how a manufacturer's files change: one document added, removed or
 * replaced at a time, and exactly the criteria whose documents did not change carried
 * over; the previous run's reviews shown beside the new verdicts.
 */
class RerunIntegrationTest extends IntegrationTest {

	private SignedUp admin;

	private SignedUp handler;

	private JsonNode workflow;

	@BeforeEach
	void workflowWithTwoBuckets() {
		this.admin = this.api.signUp("Re-running body " + UUID.randomUUID());
		this.handler = this.api.member(this.admin, "project_handler");
		this.workflow = this.api
			.post("/v1/workflows", this.admin.token(), Map.of("name", "Two buckets", "buckets",
					List.of(Map.of("name", "Technical documentation", "required", true),
							Map.of("name", "Test reports", "required", true)),
					"criteria",
					List.of(Map.of("name", "Technical", "description", "The technical documentation names the device.",
							"applies_to_bucket_indexes", List.of(0)),
							Map.of("name", "Tests", "description", "The test report has a pass/fail summary.",
									"applies_to_bucket_indexes", List.of(1)),
							Map.of("name", "Everywhere", "description", "Every document is signed and dated."))))
			.expect(201)
			.json();
	}

	@Test
	void eachDocumentChangeAsksAgainExactlyTheCriteriaThatReadIt() {
		String a1 = upload(0, "description.pdf", "The device is the CS-300 ECG monitor.");
		String a2 = upload(0, "labels.pdf", "Label artwork of the CS-300, signed and dated.");
		String b1 = upload(1, "report.pdf", "Summary: all tests passed.");
		String first = this.api
			.post("/v1/assessments", this.handler.token(),
					Map.of("workflow_id", this.workflow.at("/id").asString(), "documents",
							List.of(choice(0, a1), choice(0, a2), choice(1, b1))))
			.expect(202)
			.json()
			.at("/id")
			.asString();
		finished(first);

		String removed = rerun(first, Map.of("remove", List.of(a2)));
		assertThat(carriedOver(removed)).containsExactly("Tests");
		assertThat(documents(removed)).containsExactlyInAnyOrder(a1, b1);

		String b2 = upload(1, "report-rev-b.pdf", "Summary: all tests passed; signed 2026-11-30.");
		String replaced = rerun(removed,
				Map.of("replace_document", List.of(Map.of("document_id", b1, "with_document_id", b2))));
		assertThat(carriedOver(replaced)).containsExactly("Technical");
		assertThat(documents(replaced)).containsExactlyInAnyOrder(a1, b2);

		String a3 = upload(0, "risk-summary.pdf", "The CS-300 risk summary.");
		String added = rerun(replaced, Map.of("add", List.of(choice(0, a3))));
		assertThat(carriedOver(added)).containsExactly("Tests");
		assertThat(documents(added)).containsExactlyInAnyOrder(a1, a3, b2);
		for (String run : List.of(first, removed, replaced, added)) {
			assertThat(this.database.asOwner().sql("""
					select count(*) from assessment_results r
					  join assessment_result_answers a on a.result_id = r.id and a.answer ->> 'judge' = r.judge
					 where r.assessment_id = ?
					""").param(UUID.fromString(run)).query(Long.class).single())
				.as("results of %s with the judge's raw answer kept, carried over or asked", run)
				.isEqualTo(3);
		}

		Response unknown = this.api.post("/v1/assessments/" + added + "/rerun", this.handler.token(),
				Map.of("remove", List.of(UUID.randomUUID().toString())));
		unknown.expect(422);
		assertThat(unknown.json().at("/errors/0/field").asString()).isEqualTo("remove[0]");
		assertThat(unknown.json().at("/errors/0/message").asString()).isEqualTo("is not a document of run 4");

		Response emptied = this.api.post("/v1/assessments/" + added + "/rerun", this.handler.token(),
				Map.of("remove", List.of(b2)));
		emptied.expect(422);
		assertThat(emptied.json().at("/errors/0/message").asString()).contains("Test reports");
		Map<String, Object> confirmed = new HashMap<>();
		confirmed.put("remove", List.of(b2));
		confirmed.put("allow_missing_buckets", true);
		String withoutReports = rerun(added, confirmed);
		JsonNode run = this.api.get("/v1/assessments/" + withoutReports, this.handler.token()).json();
		assertThat(run.at("/missing_bucket_ids/0").asString()).isEqualTo(bucket(1));
		assertThat(run.at("/run_number").asInt()).isEqualTo(5);
	}

	@Test
	void theDiffShowsThePreviousReviewBesideTheNewVerdict() {
		String a1 = upload(0, "description.pdf", "The device is the CS-300 ECG monitor.");
		String b1 = upload(1, "report.pdf", "Summary: all tests passed.");
		String first = this.api
			.post("/v1/assessments", this.handler.token(), Map.of("workflow_id", this.workflow.at("/id").asString(),
					"documents", List.of(choice(0, a1), choice(1, b1))))
			.expect(202)
			.json()
			.at("/id")
			.asString();
		finished(first);
		String tests = result(first, "Tests").at("/id").asString();
		this.api
			.post("/v1/assessments/" + first + "/results/" + tests + "/review", this.handler.token(),
					Map.of("decision", "overrule", "pass", true, "comment", "Table 5 is the summary."))
			.expect(200);

		String b2 = upload(1, "report-rev-b.pdf", "Summary: two tests failed.");
		String second = rerun(first,
				Map.of("replace_document", List.of(Map.of("document_id", b1, "with_document_id", b2))));

		JsonNode diff = this.api.get("/v1/assessments/" + second + "/diff", this.handler.token()).expect(200).json();
		JsonNode change = null;
		for (JsonNode candidate : diff.at("/changed")) {
			if (candidate.at("/criteria_name").asString().equals("Tests")) {
				change = candidate;
			}
		}
		assertThat(change).as("the reviewed criterion, asked again, is listed").isNotNull();
		assertThat(change.at("/previous_review/decision").asString()).isEqualTo("overrule");
		assertThat(change.at("/previous_review/pass").asBoolean()).isTrue();
		assertThat(change.at("/previous_review/comment").asString()).isEqualTo("Table 5 is the summary.");
		assertThat(change.at("/previous_review/reviewed_by/id").asString()).isEqualTo(this.handler.userId().toString());
	}

	private String rerun(String from, Map<String, Object> changes) {
		String id = this.api.post("/v1/assessments/" + from + "/rerun", this.handler.token(), changes)
			.expect(202)
			.json()
			.at("/id")
			.asString();
		finished(id);
		return id;
	}

	private void finished(String id) {
		Eventually.until(Duration.ofSeconds(60),
				() -> this.api.get("/v1/assessments/" + id, this.handler.token()).expect(200).json(),
				json -> json.at("/run_status").asString().equals("completed")
						|| json.at("/run_status").asString().equals("incomplete"));
	}

	private Set<String> carriedOver(String run) {
		Set<String> names = new TreeSet<>();
		this.api.get("/v1/assessments/" + run + "/results", this.handler.token()).json().forEach(result -> {
			if (result.at("/carried_over").asBoolean()) {
				names.add(result.at("/criteria_name").asString());
			}
		});
		return names;
	}

	private Set<String> documents(String run) {
		Set<String> ids = new TreeSet<>();
		this.database.asOwner()
			.sql("select document_id from assessment_documents where assessment_id = ?")
			.param(UUID.fromString(run))
			.query(UUID.class)
			.list()
			.forEach(id -> ids.add(id.toString()));
		return ids;
	}

	private JsonNode result(String run, String name) {
		for (JsonNode result : this.api.get("/v1/assessments/" + run + "/results", this.handler.token()).json()) {
			if (result.at("/criteria_name").asString().equals(name)) {
				return result;
			}
		}
		throw new AssertionError("No result for " + name);
	}

	private String upload(int bucket, String name, String line) {
		try {
			return this.api
				.upload(this.handler.token(), bucket(bucket), name, "application/pdf",
						SampleFiles.pdf(List.of(new PageText("1 " + name, List.of(line)))))
				.expect(201)
				.json()
				.at("/id")
				.asString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Map<String, String> choice(int bucket, String document) {
		return Map.of("bucket_id", bucket(bucket), "document_id", document);
	}

	private String bucket(int index) {
		return this.workflow.at("/buckets/" + index + "/id").asString();
	}

}
