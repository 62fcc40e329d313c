package io.assay.document;

import java.util.Map;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import io.assay.document.parsing.Ocr;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each organisation chooses the languages its scanned pages are read in, from those
 * installed; uploads are then read in them.
 */
class OcrLanguagesIntegrationTest extends IntegrationTest {

	@Test
	void anAdministratorChoosesInstalledLanguagesForTheirOrganisationOnly() {
		SignedUp admin = this.api.signUp("OCR languages");
		SignedUp handler = this.api.member(admin, "project_handler");
		SignedUp stranger = this.api.signUp("OCR languages elsewhere");

		JsonNode initial = this.api.get("/v1/organization/ocr-languages", handler.token()).expect(200).json();
		assertThat(initial.at("/languages").asString()).as("the installation's").isEqualTo("eng");
		assertThat(initial.at("/installation_default").asBoolean()).isTrue();
		this.api.put("/v1/organization/ocr-languages", handler.token(), Map.of("ocr_languages", "eng")).expect(403);
		for (String bad : new String[] { "", "eng; rm -rf /", "eng\u0000", "ENG", "e".repeat(10_000),
				"eng+eng+eng+eng+eng+eng" }) {
			assertThat(this.api.put("/v1/organization/ocr-languages", admin.token(), Map.of("ocr_languages", bad))
				.status()).as("refused: %s", bad.length() > 40 ? "a long value" : bad).isIn(400, 422);
		}
		assertThat(this.api.put("/v1/organization/ocr-languages", admin.token(), Map.of("ocr_languages", 42)).status())
			.isIn(400, 422);
		String refused = this.api.put("/v1/organization/ocr-languages", admin.token(), Map.of("ocr_languages", "xqz"))
			.expect(422)
			.body();
		assertThat(refused).contains("xqz is not installed").contains("tesseract-ocr-xqz");

		Assumptions.assumeTrue(
				new Ocr("tesseract", "eng", java.time.Duration.ofSeconds(30)).installedLanguages().contains("deu"),
				"Tesseract's German (tesseract-ocr-deu) is not installed: choosing it is not tested");
		JsonNode chosen = this.api
			.put("/v1/organization/ocr-languages", admin.token(), Map.of("ocr_languages", "deu+eng"))
			.expect(200)
			.json();
		assertThat(chosen.at("/languages").asString()).isEqualTo("deu+eng");
		assertThat(chosen.at("/installation_default").asBoolean()).isFalse();
		assertThat(this.api.get("/v1/organization/ocr-languages", stranger.token())
			.expect(200)
			.json()
			.at("/languages")
			.asString()).as("another organisation's setting is its own").isEqualTo("eng");
		assertThat(this.database.asOwner()
			.sql("select count(*) from audit_logs where action = 'ocr_languages_changed' and organization_id = ?")
			.param(admin.organizationId())
			.query(Long.class)
			.single()).isEqualTo(1);
		java.util.Map<String, Object> reset = new java.util.HashMap<>();
		reset.put("ocr_languages", null);
		assertThat(this.api.put("/v1/organization/ocr-languages", admin.token(), reset)
			.expect(200)
			.json()
			.at("/installation_default")
			.asBoolean()).as("null goes back to the installation's default").isTrue();
	}

	@Test
	void aScannedGermanPageIsReadInTheOrganisationsLanguages() throws Exception {
		Ocr tesseract = new Ocr("tesseract", "eng", java.time.Duration.ofSeconds(30));
		Assumptions.assumeTrue(tesseract.installedLanguages().contains("deu"),
				"Tesseract's German (tesseract-ocr-deu) is not installed: German OCR is not tested");
		SignedUp admin = this.api.signUp("OCR in German");
		this.api.put("/v1/organization/ocr-languages", admin.token(), Map.of("ocr_languages", "deu")).expect(200);
		String bucket = this.api.oneBucketWorkflow(admin.token(), "Scans");

		String document = this.api
			.upload(admin.token(), bucket, "scan.pdf", "application/pdf",
					SampleFiles.scannedPage("Prüfbericht über Übertemperaturen", "Größe und Maße geprüft"))
			.expect(201)
			.json()
			.at("/id")
			.asString();

		String text = this.api.get("/v1/documents/" + document + "/text", admin.token())
			.expect(200)
			.json()
			.at("/pages/0/text")
			.asString();
		assertThat(text).contains("Übertemperaturen").contains("Größe");
	}

}
