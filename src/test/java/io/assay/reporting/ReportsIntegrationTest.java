package io.assay.reporting;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.IntegrationTest;
import io.assay.document.SampleFiles;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports of a completed assessment in three formats, read back as a reader would, and
 * share links: made, opened without an account, audited, revoked, expired, and never
 * reachable from another organisation.
 */
class ReportsIntegrationTest extends IntegrationTest {

	private static final List<String> CRITERIA = List.of("Leakage current", "Biocompatibility",
			"=HYPERLINK(\"http://evil.example\")");

	private SignedUp admin;

	private SignedUp handler;

	private JsonNode workflow;

	private String report;

	private String assessment;

	@BeforeEach
	void reviewedAssessment() throws IOException {
		this.admin = this.api.signUp("Reporting body");
		this.handler = this.api.member(this.admin, "project_handler");
		this.workflow = this.api
			.post("/v1/workflows", this.admin.token(), Map.of("name", "Pump safety", "buckets",
					List.of(Map.of("name", "Test reports")), "criteria",
					List.of(Map.of("name", CRITERIA.get(0), "description", "Leakage current was tested and passed."),
							Map.of("name", CRITERIA.get(1), "description",
									"A biological evaluation to ISO 10993-1 is documented."),
							Map.of("name", CRITERIA.get(2), "description", "Formulas in names stay text."))))
			.expect(201)
			.json();
		this.report = this.api
			.upload(this.handler.token(), bucket(), "report.pdf", "application/pdf", SampleFiles.testReport())
			.expect(201)
			.json()
			.at("/id")
			.asString();
		this.assessment = start();
		Eventually.until(Duration.ofSeconds(30),
				() -> this.api.get("/v1/assessments/" + this.assessment, this.handler.token())
					.expect(200)
					.json()
					.at("/status")
					.asString(),
				"completed"::equals);
		String leakage = result(CRITERIA.get(0)).at("/id").asString();
		this.api
			.post("/v1/assessments/" + this.assessment + "/results/" + leakage + "/review", this.handler.token(),
					Map.of("decision", "overrule", "pass", true, "comment", "Clause 8.7.3 passed on page 3."))
			.expect(200);
	}

	@Test
	void thePdfReportHasACoverAndEveryCriterionWithItsVerdict() throws Exception {
		String submission = this.api.get("/v1/assessments/" + this.assessment, this.handler.token())
			.expect(200)
			.json()
			.at("/submission_id")
			.asString();
		this.api
			.patch("/v1/submissions/" + submission, this.handler.token(), Map.of("reference", "NB/2026 Łódź-014",
					"manufacturer", "Zakłady Medyczne Łódź", "product", "Αντλία Ελλάδα · Насос"))
			.expect(200);
		HttpResponse<byte[]> download = this.api.getBytes("/v1/assessments/" + this.assessment + "/report.pdf",
				this.handler.token());
		assertThat(download.headers().firstValue("content-disposition").orElse(""))
			.as("named by the reference, run and date")
			.contains("filename=\"NB-2026-Lodz-014-run-1-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
					+ ".pdf\"");
		byte[] pdf = download.body();
		String text;
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
			java.nio.file.Path screens = java.nio.file.Files
				.createDirectories(java.nio.file.Path.of("target", "screens"));
			javax.imageio.ImageIO.write(
					new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 100), "png",
					screens.resolve("report-first-page.png").toFile());
			javax.imageio.ImageIO.write(
					new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(1, 100), "png",
					screens.resolve("report-documents.png").toFile());
			// Lines wrap where the page ends; the words are what counts.
			text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
			PDFTextStripper cover = new PDFTextStripper();
			cover.setEndPage(1);
			assertThat(cover.getText(document)).contains("Assessment report")
				.as("names in Polish, Greek and Russian come out as written")
				.contains("NB/2026 Łódź-014")
				.contains("Zakłady Medyczne Łódź")
				.contains("Αντλία Ελλάδα · Насос")
				.contains("Pump safety, version 1")
				.contains("Reporting body")
				.contains(this.assessment)
				.contains("Run by")
				.contains("A project_handler")
				.contains("1 of 3 criteria passed")
				.contains("1 of 3 criteria reviewed by a person")
				.contains("Sign-off: not signed off")
				.doesNotContain("?");
		}
		String sha256 = this.api.get("/v1/documents?bucket_id=" + bucket(), this.handler.token())
			.expect(200)
			.json()
			.at("/items/0/sha256")
			.asString();
		assertThat(text).contains("Documents assessed")
			.contains("report.pdf Bucket Test reports Pages 3 SHA-256 " + sha256 + " Uploaded A project_handler");
		for (String criterion : CRITERIA) {
			assertThat(text).contains(criterion);
		}
		assertThat(text).as("the criteria's wording")
			.contains("Leakage current was tested and passed.")
			.contains("A biological evaluation to ISO 10993-1 is documented.");
		assertThat(text).contains("Reviewer’s verdict: Passed · AI’s verdict: Not decided")
			.contains("Verdict: Failed (not reviewed) · AI’s verdict: Failed");
		assertThat(text).contains("Overruled (the AI said undecided) by A project_handler")
			.contains("Clause 8.7.3 passed on page 3.");
		assertThat(text).contains("Page 1 of");
	}

	@Test
	void aReaderOfGermanGetsTheReportInGerman() throws IOException {
		this.api.put("/v1/me/language", this.handler.token(), Map.of("language", "de")).expect(204);
		try {
			String text;
			try (PDDocument document = Loader
				.loadPDF(this.api.getBytes("/v1/assessments/" + this.assessment + "/report.pdf", this.handler.token())
					.body())) {
				text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
			}
			assertThat(text).contains("Prüfbericht")
				.contains("Freigabe: nicht freigegeben")
				.contains("Geprüfte Dokumente")
				.contains("Urteil des Prüfers: Bestanden · Urteil der KI: Nicht entschieden, geringe Sicherheit")
				.contains("Urteil: Nicht bestanden (nicht geprüft)")
				.contains("Überstimmt (die KI sagte unentschieden) von A project_handler am")
				.contains("Alle 3 Seiten gelesen")
				.contains("Seite 1 von")
				.doesNotContain("Reviewer")
				.doesNotContain("Evidence:");

			String csv = new String(
					this.api.getBytes("/v1/assessments/" + this.assessment + "/report.csv", this.handler.token())
						.body(),
					StandardCharsets.UTF_8);
			assertThat(csv).as("the column names stay the same for the tools that read them")
				.startsWith("\uFEFFsubmission,run,criterion,verdict,passed,confidence")
				.contains(",Leakage current,Bestanden,true,low,undecided")
				.contains("Überstimmt (die KI sagte unentschieden) von")
				.doesNotContain("Overruled");
			try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
					this.api.getBytes("/v1/assessments/" + this.assessment + "/report.xlsx", this.handler.token())
						.body()))) {
				assertThat(workbook.getSheet("Bericht").getRow(0).getCell(0).getStringCellValue())
					.isEqualTo("Einreichung");
				assertThat(workbook.getSheet("Kriterien").getLastRowNum()).isEqualTo(3);
			}
		}
		finally {
			this.api.put("/v1/me/language", this.handler.token(), Map.of("language", "en")).expect(204);
		}
	}

	@Test
	void csvAndXlsxHaveOneRowPerCriterionAndNoFormulas() throws IOException {
		HttpResponse<byte[]> csv = this.api.getBytes("/v1/assessments/" + this.assessment + "/report.csv",
				this.handler.token());
		assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
		assertThat(csv.headers().firstValue("content-disposition").orElse("")).contains("attachment").contains(".csv");
		String text = new String(csv.body(), StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFFsubmission,run,criterion,verdict,passed,confidence");
		String submission = this.api.get("/v1/assessments/" + this.assessment, this.handler.token())
			.expect(200)
			.json()
			.at("/submission_id")
			.asString();
		String reference = this.api.get("/v1/submissions/" + submission, this.handler.token())
			.expect(200)
			.json()
			.at("/submission/reference")
			.asString();
		assertThat(text).contains("\r\n" + reference + ",1,Leakage current,Passed,true,low,undecided");
		assertThat(text).contains(reference + ",1,Biocompatibility,Failed,false,medium,fail,false");
		assertThat(text).contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"");

		byte[] xlsx = this.api.getBytes("/v1/assessments/" + this.assessment + "/report.xlsx", this.handler.token())
			.body();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet cover = workbook.getSheet("Report");
			assertThat(cover.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Submission");
			assertThat(cover.getRow(0).getCell(1).getStringCellValue()).isEqualTo(reference);
			assertThat(cover.getRow(3).getCell(1).getStringCellValue()).isEqualTo("1");
			assertThat(cover.getRow(4).getCell(1).getStringCellValue()).isEqualTo("Pump safety, version 1");
			Sheet criteria = workbook.getSheet("Criteria");
			assertThat(criteria.getLastRowNum()).isEqualTo(3);
			List<String> names = new java.util.ArrayList<>();
			for (int row = 1; row <= 3; row++) {
				assertThat(criteria.getRow(row).getCell(0).getStringCellValue()).isEqualTo(reference);
				assertThat(criteria.getRow(row).getCell(1).getNumericCellValue()).isEqualTo(1);
				names.add(criteria.getRow(row).getCell(2).getStringCellValue());
				assertThat(criteria.getRow(row).getCell(2).getCellType())
					.isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
			}
			assertThat(names).containsExactlyInAnyOrderElementsOf(CRITERIA);
		}
	}

	@Test
	void downloadsTextViewsAndEvidenceViewsAreAudited() {
		for (String format : List.of("pdf", "csv", "xlsx")) {
			this.api.getBytes("/v1/assessments/" + this.assessment + "/report." + format, this.handler.token());
		}
		this.api.get("/v1/documents/" + this.report + "/text", this.handler.token()).expect(200);
		String leakage = result(CRITERIA.get(0)).at("/id").asString();
		this.api.get("/v1/assessments/" + this.assessment + "/results/" + leakage + "/evidence/0", this.handler.token())
			.expect(200);

		JsonNode entries = this.api
			.get("/v1/audit-logs?resource_id=" + this.assessment + "&action=report_downloaded&sort=seq",
					this.admin.token())
			.expect(200)
			.json()
			.at("/items");
		assertThat(entries.findValuesAsString("format")).containsExactly("pdf", "csv", "xlsx");
		assertThat(entries.findValuesAsString("user_id")).containsOnly(this.handler.userId().toString());
		assertThat(this.api
			.get("/v1/audit-logs?resource_id=" + this.report + "&action=document_text_viewed", this.admin.token())
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isEqualTo(1);
		JsonNode evidence = this.api
			.get("/v1/audit-logs?resource_id=" + this.assessment + "&action=evidence_viewed", this.admin.token())
			.expect(200)
			.json()
			.at("/items/0");
		assertThat(evidence.at("/metadata/result_id").asString()).isEqualTo(leakage);
		assertThat(evidence.at("/metadata/evidence_index").asInt()).isZero();
	}

	@Test
	void aReportWaitsForTheAssessmentToComplete() {
		Scheduler scheduler = this.context.getBean(Scheduler.class);
		scheduler.pause();
		try {
			String pending = start();
			assertThat(
					this.api.get("/v1/assessments/" + pending + "/report.pdf", this.handler.token()).expect(409).body())
				.contains("once the assessment has completed");
			this.api.post("/v1/assessments/" + pending + "/share", this.handler.token(), Map.of()).expect(409);
		}
		finally {
			scheduler.resume();
		}
	}

	@Test
	void aShareLinkOpensTheReportWithoutAnAccountUntilItIsRevoked() throws Exception {
		JsonNode link = this.api.post("/v1/assessments/" + this.assessment + "/share", this.handler.token(), Map.of())
			.expect(201)
			.json();
		Instant expires = Instant.parse(link.at("/expires_at").asString());
		assertThat(expires).isBetween(Instant.now().plus(7, ChronoUnit.DAYS).minusSeconds(120),
				Instant.now().plus(7, ChronoUnit.DAYS).plusSeconds(120));
		String url = link.at("/url").asString();
		assertThat(url).contains("/public/reports/");

		HttpResponse<String> page = anonymous(url);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Assessment report").contains("Pump safety").contains("Leakage current");
		assertThat(page.body()).doesNotContain("Sign out");
		assertThat(anonymousBytes(url + "/report.pdf").statusCode()).isEqualTo(200);
		assertThat(this.api
			.get("/v1/audit-logs?action=report_viewed_publicly&resource_id=" + this.assessment, this.admin.token())
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isEqualTo(2);
		assertThat(
				this.api.get("/v1/audit-logs?action=report_shared&resource_id=" + this.assessment, this.admin.token())
					.expect(200)
					.json()
					.at("/total")
					.asLong())
			.isEqualTo(1);

		// The Leakage current evidence is on page 3 of the report: that page opens, no
		// other.
		String leakage = result(CRITERIA.get(0)).at("/id").asString();
		String evidence = url + "/evidence/" + leakage + "/0";
		assertThat(page.body()).contains("/evidence/" + leakage + "/0").contains("See page 3");
		HttpResponse<String> cited = anonymous(evidence);
		assertThat(cited.statusCode()).isEqualTo(200);
		assertThat(cited.body()).contains("8.7.3 Leakage current: PASS").contains("/pages/3.png");
		HttpResponse<byte[]> image = anonymousBytes(evidence + "/pages/3.png");
		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(java.util.Arrays.copyOf(image.body(), 4)).isEqualTo(new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		assertThat(anonymousBytes(evidence + "/pages/1.png").statusCode()).as("a page the evidence does not cite")
			.isEqualTo(404);
		assertThat(anonymous(url + "/evidence/" + leakage + "/7").statusCode()).isEqualTo(404);
		assertThat(anonymous(url + "/evidence/" + UUID.randomUUID() + "/0").statusCode()).isEqualTo(404);

		JsonNode listed = this.api.get("/v1/assessments/" + this.assessment + "/shares", this.handler.token())
			.expect(200)
			.json();
		assertThat(listed.size()).isEqualTo(1);
		assertThat(listed.at("/0/url").isNull()).as("the link is shown only when made").isTrue();
		assertThat(listed.at("/0/active").asBoolean()).isTrue();

		this.api
			.delete("/v1/assessments/" + this.assessment + "/shares/" + link.at("/id").asString(), this.handler.token())
			.expect(204);
		HttpResponse<String> revoked = anonymous(url);
		assertThat(revoked.statusCode()).isEqualTo(410);
		assertThat(revoked.body()).contains("This link to an assessment report was revoked on")
			.doesNotContain("Leakage current");
		assertThat(anonymous(evidence).statusCode()).isEqualTo(410);
		assertThat(anonymousBytes(evidence + "/pages/3.png").statusCode()).isEqualTo(404);
		assertThat(this.api.get("/v1/assessments/" + this.assessment + "/shares", this.handler.token())
			.expect(200)
			.json()
			.at("/0/active")
			.asBoolean()).isFalse();
		assertThat(this.api
			.get("/v1/audit-logs?action=report_share_revoked&resource_id=" + this.assessment, this.admin.token())
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isEqualTo(1);
	}

	@Test
	void anExpiredLinkSaysSoAMadeUpOneIsNotFoundAndTheExpiryIsBounded() throws Exception {
		this.api
			.post("/v1/assessments/" + this.assessment + "/share", this.handler.token(), Map.of("expires_in_days", 31))
			.expect(422);
		this.api
			.post("/v1/assessments/" + this.assessment + "/share", this.handler.token(), Map.of("expires_in_days", 0))
			.expect(422);
		JsonNode link = this.api
			.post("/v1/assessments/" + this.assessment + "/share", this.handler.token(), Map.of("expires_in_days", 1))
			.expect(201)
			.json();
		String url = link.at("/url").asString();
		assertThat(anonymous(url).statusCode()).isEqualTo(200);

		this.database.asOwner()
			.sql("update report_shares set created_at = now() - interval '2 days', expires_at = now() - interval '1 day'"
					+ " where id = ?::uuid")
			.param(link.at("/id").asString())
			.update();
		HttpResponse<String> expired = anonymous(url);
		assertThat(expired.statusCode()).isEqualTo(410);
		assertThat(expired.body()).contains("This link to an assessment report expired on");
		assertThat(anonymous(url.substring(0, url.lastIndexOf('/') + 1) + "not-a-token").statusCode()).isEqualTo(404);
	}

	@Test
	void anotherOrganizationCannotReportShareOrRevoke() {
		JsonNode link = this.api.post("/v1/assessments/" + this.assessment + "/share", this.handler.token(), Map.of())
			.expect(201)
			.json();
		SignedUp stranger = this.api.signUp("Another body");
		for (String format : List.of("pdf", "csv", "xlsx")) {
			this.api.get("/v1/assessments/" + this.assessment + "/report." + format, stranger.token()).expect(404);
		}
		this.api.post("/v1/assessments/" + this.assessment + "/share", stranger.token(), Map.of()).expect(404);
		this.api.get("/v1/assessments/" + this.assessment + "/shares", stranger.token()).expect(404);
		this.api.delete("/v1/assessments/" + this.assessment + "/shares/" + link.at("/id").asString(), stranger.token())
			.expect(404);
		SignedUp manager = this.api.member(this.admin, "process_manager");
		this.api.post("/v1/assessments/" + this.assessment + "/share", manager.token(), Map.of()).expect(403);
		this.api.get("/v1/assessments/" + this.assessment + "/report.csv", manager.token()).expect(200);
	}

	private HttpResponse<String> anonymous(String url) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<byte[]> anonymousBytes(String url) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private String start() {
		return this.api
			.post("/v1/assessments", this.handler.token(),
					Map.of("workflow_id", this.workflow.at("/id").asString(), "documents",
							List.of(Map.of("bucket_id", bucket(), "document_id", this.report))))
			.expect(202)
			.json()
			.at("/id")
			.asString();
	}

	private String bucket() {
		return this.workflow.at("/buckets/0/id").asString();
	}

	private JsonNode result(String criterion) {
		for (JsonNode result : this.api.get("/v1/assessments/" + this.assessment + "/results", this.handler.token())
			.expect(200)
			.json()) {
			if (result.at("/criteria_name").asString().equals(criterion)) {
				return result;
			}
		}
		throw new AssertionError("No result for " + criterion);
	}

}
