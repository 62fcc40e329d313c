package io.assay.platform.web;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import io.assay.Api;
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

	@Test
	void signingInAndSigningUpAreRefusedInTheBrowsersLanguage() {
		SignedUp org = this.api.signUp("Worded sign-in");
		Api german = this.api.acceptingLanguage("de-DE, de;q=0.9, en;q=0.5");
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(german
				.post("/v1/auth/login", null, Map.of("email", org.email(), "password", "guess number " + attempt))
				.expect(401)
				.json()
				.at("/detail")
				.asString()).isEqualTo("E-Mail-Adresse oder Passwort ist falsch.");
		}
		assertThat(german.post("/v1/auth/login", null, Map.of("email", org.email(), "password", org.password()))
			.expect(429)
			.json()
			.at("/detail")
			.asString()).as("the wait, too, is said in German")
			.matches("Zu viele fehlgeschlagene Anmeldungen für diese E-Mail-Adresse\\. Versuchen Sie es in"
					+ " (eine Minute|\\d+ Minuten) wieder\\.");
		assertThat(german.post("/v1/auth/password-reset", null, Map.of("email", "nobody@example.com"))
			.expect(202)
			.json()
			.at("/detail")
			.asString()).matches("Wenn die Adresse ein Konto hat, .* Er funktioniert einmal, (eine|\\d+) \\w+ lang\\.");

		// A value of the wrong type, in a query and in the path.
		JsonNode wrongType = german.get("/v1/assessments?limit=many", org.token()).expect(422).json();
		assertThat(wrongType.at("/errors/0/field").asString()).isEqualTo("limit");
		assertThat(wrongType.at("/errors/0/message").asString()).isEqualTo("ist kein gültiger Wert");
		assertThat(german.get("/v1/workflows/not-an-id", org.token()).expect(404).json().at("/detail").asString())
			.isEqualTo("Ressource nicht gefunden");

		// The sign-up form names each field at fault; a NUL byte is refused before
		// anything
		// reads it, and nothing is kept either way.
		Api browser = german.browserSession();
		Api.Response form = browser.get("/signup", null).expect(200);
		assertThat(browser.form("/signup", form,
				Map.of("organization_name", "Form body", "name", " ", "email", "not-an-address", "password",
						"long enough password"))
			.expect(422)
			.body()).contains("Ihr Name: muss angegeben werden")
			.contains("E-Mail-Adresse: muss eine E-Mail-Adresse sein");
		assertThat(browser.form("/signup", form,
				Map.of("organization_name", "Nul\u0000Body", "name", "N", "email", "nul@example.com", "password",
						"long enough password"))
			.expect(400)
			.body()).contains("Der Parameter organization_name darf das Steuerzeichen U+0000 nicht enthalten.");
		assertThat(german.post("/v1/signup", null,
				Map.of("organization_name", "Nul\u0000Body", "name", "N", "email", "nul@example.com", "password",
						"long enough password"))
			.expect(400)
			.json()
			.at("/detail")
			.asString()).isEqualTo("Das Feld organization_name darf das Steuerzeichen U+0000 nicht enthalten.");
		// Refused before any controller: an expired form and a call without credentials.
		Api.Response expired = browser.send(browser.request("/signup", null)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("organization_name=Late+body")));
		assertThat(expired.expect(403).body()).contains("Das Formular ist abgelaufen");
		assertThat(expired.header("Content-Type")).startsWith("text/html");
		Api.Response anonymous = german.get("/v1/workflows", null).expect(401);
		assertThat(anonymous.json().at("/detail").asString()).startsWith("Melden Sie sich zuerst an");
		assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(anonymous.json().at("/instance").asString()).as("the address refused").isEqualTo("/v1/workflows");
		assertThat(this.database.asOwner()
			.sql("select count(*) from organizations where name in ('Form body', 'Nul') or name like 'Nul%'")
			.query(Long.class)
			.single()).isZero();
	}

}
