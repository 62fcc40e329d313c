package io.assay.document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.Api.SignedUp;
import io.assay.Api.StartedOnSample;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organisation that keeps documents' content for a number of days: past it, the
 * retention sweep removes a document's file, layout and read text, keeps its row, the
 * verdicts and quotes resting on it and the audit trail, leaves a document in a run under
 * way and every other organisation's documents alone; reading the content then answers
 * 410 with what happened, a new run on it is refused, and uploading the same bytes again
 * brings it back.
 */
class DocumentRetentionIntegrationTest extends IntegrationTest {

	@Test
	void retentionIsSetWithinItsLimitsByAdministratorsOnly() {
		SignedUp admin = this.api.signUp("Retention limits body");
		SignedUp handler = this.api.member(admin, "project_handler");
		String settings = "/v1/organizations/me/settings";
		assertThat(this.api.get(settings, admin.token()).expect(200).json().at("/document_retention_days").isNull())
			.as("kept for ever by default")
			.isTrue();
		for (Object wrong : List.of(29, 36_501, -1, Integer.MAX_VALUE)) {
			JsonNode refused = this.api.patch(settings, admin.token(), Map.of("document_retention_days", wrong))
				.expect(422)
				.json();
			assertThat(refused.at("/errors/0/field").asString()).isEqualTo("document_retention_days");
			assertThat(refused.at("/errors/0/message").asString()).contains("30", "36500");
		}
		this.api.patch(settings, admin.token(), Map.of("document_retention_days", "a year")).expect(400);
		this.api.patch(settings, admin.token(), Map.of("document_retention_days", List.of(30))).expect(400);
		this.api.patch(settings, handler.token(), Map.of("document_retention_days", 30)).expect(403);

		assertThat(this.api.patch(settings, admin.token(), Map.of("document_retention_days", 365))
			.expect(200)
			.json()
			.at("/document_retention_days")
			.asInt()).isEqualTo(365);
		// Left out, it stays; 0 keeps content for ever again.
		assertThat(this.api.patch(settings, admin.token(), Map.of("name", "Retention limits body"))
			.expect(200)
			.json()
			.at("/document_retention_days")
			.asInt()).isEqualTo(365);
		assertThat(this.api.patch(settings, admin.token(), Map.of("document_retention_days", 0))
			.expect(200)
			.json()
			.at("/document_retention_days")
			.isNull()).isTrue();
		// The settings page: its field, a refusal that names it, in German too.
		io.assay.Api page = this.api.browserSession().signInWithForm(admin);
		Map<String, String> form = new java.util.HashMap<>(
				Map.of("name", "Retention limits body", "default_language", "", "document_retention_days", "90"));
		assertThat(page.form("/settings", page.get("/settings", null).expect(200), form).expect(302).header("Location"))
			.endsWith("/settings?done=saved");
		assertThat(page.get("/settings", null).expect(200).body()).contains("id=\"document_retention_days\"",
				"value=\"90\"");
		form.put("document_retention_days", "a year");
		assertThat(page.form("/settings", page.get("/settings", null), form).expect(422).body()).contains("Retention:",
				"36500");
		form.put("document_retention_days", "9\u00000");
		page.form("/settings", page.get("/settings", null), form).expect(400);
		form.put("document_retention_days", "");
		page.form("/settings", page.get("/settings", null), form).expect(302);
		assertThat(this.api.get(settings, admin.token()).expect(200).json().at("/document_retention_days").isNull())
			.as("an empty field keeps content for ever")
			.isTrue();
		assertThat(this.database.asOwner()
			.sql("select count(*) from audit_logs where organization_id = ? and action = 'organization_settings_changed'"
					+ " and metadata -> 'changes' -> 'document_retention_days' is not null")
			.param(admin.organizationId())
			.query(Long.class)
			.single()).isEqualTo(4);
	}

	@Test
	void contentPastRetentionIsRemovedAndWhatRestsOnItStays() throws Exception {
		SignedUp admin = this.api.signUp("Retention body");
		SignedUp handler = this.api.member(admin, "project_handler");
		byte[] reportBytes = SampleFiles.testReport();
		StartedOnSample started = this.api.startOnOneDocument(admin, handler,
				List.of(Map.of("name", "Leakage current", "description",
						"The report gives the leakage current test result (clause 8.7.3).")),
				"report.pdf", reportBytes);
		this.api.awaitCompleted(started.assessmentId(), handler.token());
		String report = started.documentId();
		String bucket = started.bucketId();
		String word = this.api
			.upload(handler.token(), bucket, "plan.docx",
					"application/vnd.openxmlformats-officedocument.wordprocessingml.document", SampleFiles.docx())
			.expect(201)
			.json()
			.at("/id")
			.asString();
		String inRun = this.api
			.upload(handler.token(), bucket, "annex.pdf", "application/pdf", SampleFiles.heavyPages(2))
			.expect(201)
			.json()
			.at("/id")
			.asString();
		String recent = this.api
			.upload(handler.token(), bucket, "recent.pdf", "application/pdf", SampleFiles.heavyPages(3))
			.expect(201)
			.json()
			.at("/id")
			.asString();
		String reportSha = sha256(report);
		// Another organisation, which keeps everything, with documents just as old.
		SignedUp other = this.api.signUp("Keeping body");
		SignedUp otherHandler = this.api.member(other, "project_handler");
		StartedOnSample theirs = this.api.startOnSampleReport(other, otherHandler);
		this.api.awaitCompleted(theirs.assessmentId(), otherHandler.token());

		// Uploaded 31 days ago, all but the recent one; the annex is in a run under way.
		this.database.asOwner()
			.sql("update documents set created_at = now() - interval '31 days' where id in (?, ?, ?, ?)")
			.params(UUID.fromString(report), UUID.fromString(word), UUID.fromString(inRun),
					UUID.fromString(theirs.documentId()))
			.update();
		UUID running = runningAssessmentOn(started.assessmentId(), inRun);
		this.api.patch("/v1/organizations/me/settings", admin.token(), Map.of("document_retention_days", 30))
			.expect(200);

		assertThat(this.database.asOwner()
			.sql("select count(*) from parsed_pages where encode(sha256, 'hex') = ? and organization_id = ?")
			.params(reportSha, admin.organizationId())
			.query(Long.class)
			.single()).as("the report's pages, before").isEqualTo(3);
		// Called here rather than waited for; the hourly sweep may have run meanwhile.
		this.context.getBean(DocumentRetention.class).removeDue();

		JsonNode listed = this.api.get("/v1/documents?bucket_id=" + bucket + "&limit=100", handler.token())
			.expect(200)
			.json();
		assertThat(removedAt(listed, report)).isNotNull();
		assertThat(removedAt(listed, word)).isNotNull();
		assertThat(removedAt(listed, inRun)).as("in a run under way").isNull();
		assertThat(removedAt(listed, recent)).as("uploaded today").isNull();
		JsonNode gone = this.api.get("/v1/documents/" + report, handler.token()).expect(410).json();
		assertThat(gone.at("/detail").asString()).contains("report.pdf", "retention");
		this.api.get("/v1/documents/" + word + "/text", handler.token()).expect(410);
		this.api.get("/v1/documents/" + word + "/layout.pdf", handler.token()).expect(410);
		this.api.get("/v1/documents/" + inRun, handler.token()).expect(200);
		// The file and the text read from it are gone; the verdict and its quotes stay.
		Path stored = DATA_DIRECTORY.resolve("documents").resolve(admin.organizationId().toString());
		assertThat(stored.resolve(reportSha)).doesNotExist();
		for (String derived : List.of("parsed_documents", "parsed_pages")) {
			assertThat(this.database.asOwner()
				.sql("select count(*) from " + derived + " where encode(sha256, 'hex') = ? and organization_id = ?")
				.params(reportSha, admin.organizationId())
				.query(Long.class)
				.single()).as(derived).isZero();
		}
		JsonNode results = this.api.get("/v1/assessments/" + started.assessmentId() + "/results", handler.token())
			.expect(200)
			.json();
		assertThat(results.size()).isEqualTo(1);
		assertThat(results.at("/0/evidence_items/0/quote").asString()).as("the quote recorded").contains("Leakage");
		// Opening the evidence says why the page cannot be shown; the run's page says so
		// beside the document.
		assertThat(this.api
			.get("/v1/assessments/" + started.assessmentId() + "/results/" + results.at("/0/id").asString()
					+ "/evidence/0", handler.token())
			.expect(410)
			.json()
			.at("/detail")
			.asString()).contains("report.pdf", "retention");
		assertThat(this.api.browserSession()
			.signInWithForm(handler)
			.get("/assessments/" + started.assessmentId(), null)
			.expect(200)
			.body()).contains("Content removed on");
		assertThat(this.database.asOwner()
			.sql("select count(*) from audit_logs where organization_id = ? and action = 'document_content_removed'")
			.param(admin.organizationId())
			.query(Long.class)
			.single()).isEqualTo(2);
		// The other organisation's old document keeps its content.
		this.api.get("/v1/documents/" + theirs.documentId(), otherHandler.token()).expect(200);
		assertThat(DATA_DIRECTORY.resolve("documents")
			.resolve(other.organizationId().toString())
			.resolve(sha256(theirs.documentId()))).exists();

		// A run on it is refused, naming the document.
		JsonNode refused = this.api.post("/v1/assessments", handler.token(), Map.of("workflow_id", started.workflowId(),
				"documents", List.of(Map.of("bucket_id", bucket, "document_id", report))))
			.expect(422)
			.json();
		assertThat(refused.at("/errors/0/field").asString()).isEqualTo("documents[0].document_id");
		assertThat(refused.at("/errors/0/message").asString()).contains("report.pdf");
		// Once its run ends, the annex goes at the next sweep; a sweep with nothing due
		// removes nothing.
		this.database.asOwner().sql("update assessments set status = 'cancelled' where id = ?").param(running).update();
		this.context.getBean(DocumentRetention.class).removeDue();
		assertThat(removedAt(
				this.api.get("/v1/documents?bucket_id=" + bucket + "&limit=100", handler.token()).expect(200).json(),
				inRun))
			.isNotNull();
		assertThat(this.context.getBean(DocumentRetention.class).removeDue()).isZero();

		// Uploaded again, the report has its content back, under the same id.
		JsonNode again = this.api.upload(handler.token(), bucket, "report.pdf", "application/pdf", reportBytes)
			.expect(201)
			.json();
		assertThat(again.at("/id").asString()).isEqualTo(report);
		assertThat(again.at("/content_removed_at").isNull()).isTrue();
		assertThat(this.api.getBytes("/v1/documents/" + report, handler.token()).body()).isEqualTo(reportBytes);
		this.api.start(handler, started.workflowId(), bucket, report);
	}

	private static String removedAt(JsonNode list, String document) {
		for (JsonNode item : list.at("/items")) {
			if (item.at("/id").asString().equals(document)) {
				JsonNode removed = item.at("/content_removed_at");
				return removed.isNull() || removed.isMissingNode() ? null : removed.asString();
			}
		}
		throw new AssertionError("Not listed: " + document);
	}

	private String sha256(String document) {
		return this.database.asOwner()
			.sql("select encode(sha256, 'hex') from documents where id = ?")
			.param(UUID.fromString(document))
			.query(String.class)
			.single();
	}

	/**
	 * A run of the same submission that is under way on the document (no job picks it).
	 */
	private UUID runningAssessmentOn(String previous, String document) {
		UUID run = UUID.randomUUID();
		this.database.asOwnerInOneTransaction(owner -> {
			owner.sql("""
					insert into assessments (id, organization_id, submission_id, run_number, workflow_id,
					                         workflow_version, status, progress_total, created_by, started_at)
					select ?, organization_id, submission_id, run_number + 1, workflow_id, workflow_version, 'running',
					       progress_total, created_by, now()
					  from assessments where id = ?
					""").params(run, UUID.fromString(previous)).update();
			owner.sql("""
					insert into assessment_documents (assessment_id, organization_id, bucket_id, document_id, file_name,
					                                  storage_key, file_size_bytes, file_type, page_count, sha256,
					                                  uploaded_by, uploaded_at)
					select ?, organization_id, bucket_id, id, file_name, storage_key, file_size_bytes, file_type,
					       page_count, sha256, uploaded_by, created_at
					  from documents where id = ?
					""").params(run, UUID.fromString(document)).update();
		});
		return run;
	}

}
