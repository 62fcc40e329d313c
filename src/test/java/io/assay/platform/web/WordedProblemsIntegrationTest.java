package io.assay.platform.web;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import io.assay.Api.SignedUp;
import io.assay.Api.StartedOnSample;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problems a person reads are worded in their language: their own choice, else their
 * organisation's, else their browser's; English for anyone else, word for word as before.
 */
class WordedProblemsIntegrationTest extends IntegrationTest {

	@Test
	void refusalsAreInTheReadersLanguage() throws IOException {
		SignedUp admin = this.api.signUp("Worded body");
		SignedUp handler = this.api.member(admin, "project_handler");
		StartedOnSample started = this.api.startOnSampleReport(admin, handler);
		this.api.awaitCompleted(started.assessmentId(), handler.token());
		String cancel = "/v1/assessments/" + started.assessmentId();
		String unknown = "/v1/workflows/" + UUID.randomUUID();

		assertThat(this.api.delete(cancel, handler.token()).expect(409).json().at("/detail").asString())
			.isEqualTo("This assessment has already completed and cannot be cancelled.");
		assertThat(this.api.get(unknown, handler.token()).expect(404).json().at("/detail").asString())
			.isEqualTo("Workflow not found");

		this.api.put("/v1/me/language", handler.token(), Map.of("language", "de")).expect(204);
		assertThat(this.api.delete(cancel, handler.token()).expect(409).json().at("/detail").asString())
			.isEqualTo("Diese Prüfung ist bereits abgeschlossen und kann nicht abgebrochen werden.");
		assertThat(this.api.get(unknown, handler.token()).expect(404).json().at("/detail").asString())
			.isEqualTo("Workflow nicht gefunden");
		JsonNode invalid = this.api
			.post("/v1/submissions", handler.token(),
					Map.of("reference", "x".repeat(300), "workflow_id", started.workflowId()))
			.expect(422)
			.json();
		assertThat(invalid.at("/errors/0/field").asString()).isEqualTo("reference");
		assertThat(invalid.at("/errors/0/message").asString()).isEqualTo("darf höchstens 100 Zeichen lang sein");

		// Nobody's choice: the browser's language decides.
		this.api.put("/v1/me/language", handler.token(), java.util.Collections.singletonMap("language", null))
			.expect(204);
		assertThat(
				this.api.send(this.api.request(unknown, handler.token()).header("Accept-Language", "de-AT, en;q=0.5"))
					.expect(404)
					.json()
					.at("/detail")
					.asString())
			.isEqualTo("Workflow nicht gefunden");
	}

}
