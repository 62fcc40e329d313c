package io.assay.assessment;

import java.time.Duration;
import java.util.HashMap;
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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A required bucket left empty, confirmed: the missing document is the finding. */
class MissingDocumentsIntegrationTest extends IntegrationTest {

	@Test
	void criteriaThatNeedAnEmptyRequiredBucketFailWithoutAskingTheJudge() throws Exception {
		SignedUp admin = this.api.signUp("Missing body " + UUID.randomUUID());
		SignedUp handler = this.api.member(admin, "project_handler");
		JsonNode workflow = this.api
			.post("/v1/workflows", admin.token(), Map.of("name", "Class IIa", "buckets",
					List.of(Map.of("name", "Technical documentation", "required", true),
							Map.of("name", "Risk management file", "required", true)),
					"criteria",
					List.of(Map.of("name", "Risk file cites ISO 14971", "description",
							"The risk management file cites ISO 14971:2019.", "applies_to_bucket_indexes", List.of(1)),
							Map.of("name", "Signed", "description", "Every document is signed and dated."))))
			.expect(201)
			.json();
		String technical = workflow.at("/buckets/0/id").asString();
		String document = this.api
			.upload(handler.token(), technical, "report.pdf", "application/pdf", SampleFiles.testReport())
			.expect(201)
			.json()
			.at("/id")
			.asString();
		Map<String, Object> request = new HashMap<>();
		request.put("workflow_id", workflow.at("/id").asString());
		request.put("documents", List.of(Map.of("bucket_id", technical, "document_id", document)));

		Response refused = this.api.post("/v1/assessments", handler.token(), request);
		refused.expect(422);
		assertThat(refused.json().at("/errors/0/message").asString()).contains("Risk management file");

		request.put("allow_missing_buckets", true);
		JsonNode started = this.api.post("/v1/assessments", handler.token(), request).expect(202).json();
		assertThat(started.at("/missing_bucket_ids/0").asString()).isEqualTo(workflow.at("/buckets/1/id").asString());
		String run = started.at("/id").asString();
		Eventually.until(Duration.ofSeconds(60), () -> this.api.get("/v1/assessments/" + run, handler.token()).json(),
				json -> json.at("/status").asString().equals("completed"));

		JsonNode results = this.api.get("/v1/assessments/" + run + "/results", handler.token()).expect(200).json();
		JsonNode missing = null;
		JsonNode judged = null;
		for (JsonNode result : results) {
			if (result.at("/criteria_name").asString().equals("Risk file cites ISO 14971")) {
				missing = result;
			}
			else {
				judged = result;
			}
		}
		assertThat(missing).isNotNull();
		assertThat(missing.at("/pass").asBoolean()).isFalse();
		assertThat(missing.at("/confidence").asString()).isEqualTo("high");
		assertThat(missing.at("/judge").asString()).isEqualTo("missing_document");
		assertThat(missing.at("/reasoning").asString())
			.isEqualTo("No document was provided for \u201cRisk management file\u201d.");
		assertThat(judged).isNotNull();
		assertThat(judged.at("/judge").asString()).as("judged on the documents given").isNotEqualTo("missing_document");

		try (PDDocument pdf = Loader
			.loadPDF(this.api.getBytes("/v1/assessments/" + run + "/report.pdf", handler.token()).body())) {
			String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
			assertThat(text).contains("missing: Risk management file (the criteria that need them failed)")
				.contains("Missing required documents • Risk management file: no document was provided");
		}
	}

}
