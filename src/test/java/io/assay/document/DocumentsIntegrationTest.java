package io.assay.document;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads over HTTP: accepted by content, refused with a reason, stored once, encrypted,
 * isolated.
 */
class DocumentsIntegrationTest extends IntegrationTest {

	private SignedUp admin;

	private SignedUp handler;

	private JsonNode workflow;

	@BeforeEach
	void organizationWithAWorkflow() {
		this.admin = this.api.signUp("Uploading body");
		this.handler = this.api.member(this.admin, "project_handler");
		this.workflow = this.api
			.post("/v1/workflows", this.admin.token(),
					Map.of("name", "Class IIa", "buckets",
							List.of(Map.of("name", "Technical documentation"), Map.of("name", "Test reports")),
							"criteria", List.of(Map.of("name", "Signed", "description", "Every document is signed."))))
			.expect(201)
			.json();
	}

	@Test
	void aPdfIsAcceptedStoredEncryptedAndDownloadedIntact() throws IOException {
		byte[] report = SampleFiles.testReport();

		Response created = this.api.upload(this.handler.token(), bucket(1), "report.pdf", "application/pdf", report)
			.expect(201);

		JsonNode document = created.json();
		assertThat(document.at("/file_name").asString()).isEqualTo("report.pdf");
		assertThat(document.at("/file_type").asString()).isEqualTo("pdf");
		assertThat(document.at("/page_count").asInt()).isEqualTo(3);
		assertThat(document.at("/file_size_bytes").asLong()).isEqualTo(report.length);
		assertThat(document.at("/sha256").asString()).isEqualTo(sha256(report));
		String id = document.at("/id").asString();

		HttpResponse<byte[]> download = this.api.getBytes("/v1/documents/" + id + "?page=2", this.handler.token());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(download.body()).isEqualTo(report);

		List<Path> stored = storedObjects(this.admin.organizationId());
		assertThat(stored).hasSize(1);
		assertThat(new String(Files.readAllBytes(stored.getFirst()), StandardCharsets.ISO_8859_1))
			.as("stored encrypted")
			.doesNotContain("%PDF")
			.doesNotContain("Leakage current");

		JsonNode text = this.api.get("/v1/documents/" + id + "/text", this.handler.token()).expect(200).json();
		assertThat(text.at("/pages/2/section").asString()).isEqualTo("3.2 Test results");
		assertThat(text.at("/pages/2/lines/1/text").asString()).isEqualTo("Table 5: summary of results");

		JsonNode trail = this.api.get("/v1/audit-logs?resource_id=" + id + "&sort=seq", this.admin.token())
			.expect(200)
			.json()
			.at("/items");
		assertThat(trail.findValuesAsString("action")).containsExactly("document_uploaded", "document_downloaded",
				"document_text_viewed");
	}

	@Test
	void aViewerReadsOneRangeOfADocumentAndTheReadingIsAuditedOnce() throws IOException {
		List<SampleFiles.PageText> pages = new java.util.ArrayList<>();
		for (int page = 1; page <= 200; page++) {
			List<String> lines = new java.util.ArrayList<>();
			for (int line = 1; line <= 30; line++) {
				lines.add("Page " + page + ", line " + line + ": the manufacturer's records of batch " + (page * line));
			}
			pages.add(new SampleFiles.PageText(page + " Records", lines));
		}
		byte[] large = SampleFiles.pdf(pages);
		assertThat(large.length).as("several chunks of the store").isGreaterThan(72 * 1024);
		String id = this.api.upload(this.handler.token(), bucket(1), "records.pdf", "application/pdf", large)
			.expect(201)
			.json()
			.at("/id")
			.asString();
		String path = "/v1/documents/" + id;

		HttpResponse<byte[]> middle = this.api.getBytes(path, this.handler.token(), "Range", "bytes=70000-70999");
		assertThat(middle.statusCode()).isEqualTo(206);
		assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 70000-70999/" + large.length);
		assertThat(middle.body()).isEqualTo(java.util.Arrays.copyOfRange(large, 70000, 71000));

		HttpResponse<byte[]> tail = this.api.getBytes(path, this.handler.token(), "Range", "bytes=-1024");
		assertThat(tail.statusCode()).isEqualTo(206);
		assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(large, large.length - 1024, large.length));

		HttpResponse<byte[]> rest = this.api.getBytes(path, this.handler.token(), "Range", "bytes=66000-");
		assertThat(rest.body()).isEqualTo(java.util.Arrays.copyOfRange(large, 66000, large.length));

		HttpResponse<byte[]> beyond = this.api.getBytes(path, this.handler.token(), "Range",
				"bytes=" + large.length + "-");
		assertThat(beyond.statusCode()).isEqualTo(416);
		assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + large.length);

		HttpResponse<byte[]> whole = this.api.getBytes(path, this.handler.token(), "Range", "bytes=0-9, 20-29");
		assertThat(whole.statusCode()).as("several ranges are answered whole").isEqualTo(200);
		assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		assertThat(whole.body()).isEqualTo(large);

		HttpResponse<byte[]> foreign = this.api.getBytes(path, this.api.signUp("Other body").token(), "Range",
				"bytes=0-99");
		assertThat(foreign.statusCode()).isEqualTo(404);

		JsonNode trail = this.api.get("/v1/audit-logs?resource_id=" + id + "&sort=seq", this.admin.token())
			.expect(200)
			.json()
			.at("/items");
		assertThat(trail.findValuesAsString("action"))
			.as("the ranges of one reading: one entry, then one for each read from the start")
			.containsExactly("document_uploaded", "document_downloaded", "document_downloaded");
	}

	@Test
	void aWordDocumentIsViewedAsTheLayoutStoredOnceAndRemovedWithIt() throws IOException {
		org.junit.jupiter.api.Assumptions.assumeTrue(
				new io.assay.document.parsing.WordLayout("soffice", java.time.Duration.ofSeconds(5)).available()
						|| System.getenv("CI") != null,
				"LibreOffice is not installed (apt-get install libreoffice-writer-nogui): layouts not tested");
		String id = this.api
			.upload(this.handler.token(), bucket(0), "description.docx",
					"application/vnd.openxmlformats-officedocument.wordprocessingml.document", SampleFiles.docx())
			.expect(201)
			.json()
			.at("/id")
			.asString();

		HttpResponse<byte[]> whole = this.api.getBytes("/v1/documents/" + id + "/layout.pdf", this.handler.token());
		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(whole.headers().firstValue("Content-Disposition").orElse("")).contains("description.pdf");
		assertThat(new String(whole.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		HttpResponse<byte[]> tail = this.api.getBytes("/v1/documents/" + id + "/layout.pdf", this.handler.token(),
				"Range", "bytes=-100");
		assertThat(tail.statusCode()).isEqualTo(206);
		assertThat(tail.body()).as("the same layout, read again")
			.isEqualTo(java.util.Arrays.copyOfRange(whole.body(), whole.body().length - 100, whole.body().length));
		assertThat(storedObjects(this.admin.organizationId())).as("the Word document and its layout").hasSize(2);
		assertThat(this.api.getBytes("/v1/documents/" + id + "/layout.pdf", this.api.signUp("Other body").token())
			.statusCode()).isEqualTo(404);

		this.api.delete("/v1/documents/" + id, this.handler.token()).expect(204);

		assertThat(storedObjects(this.admin.organizationId())).as("removed with the document").isEmpty();
	}

	/**
	 * Word documents get real pages where LibreOffice is installed, sections without it.
	 */
	@Test
	void aWordDocumentIsAcceptedAndRead() {
		JsonNode document = this.api
			.upload(this.handler.token(), bucket(0), "description.docx", "application/octet-stream", docx())
			.expect(201)
			.json();

		assertThat(document.at("/file_type").asString()).isEqualTo("docx");
		JsonNode text = this.api.get("/v1/documents/" + document.at("/id").asString() + "/text", this.handler.token())
			.expect(200)
			.json();
		if (new io.assay.document.parsing.WordLayout("soffice", java.time.Duration.ofSeconds(30)).available()) {
			assertThat(document.at("/page_count").asInt()).isEqualTo(1);
			assertThat(text.at("/has_pages").asBoolean()).isTrue();
			assertThat(text.at("/pages/0/text").asString()).contains("Controlled intravenous delivery of fluids.");
		}
		else {
			assertThat(document.at("/page_count").isNull()).isTrue();
			assertThat(text.at("/has_pages").asBoolean()).isFalse();
			assertThat(text.at("/sections/1/text").asString()).isEqualTo("Controlled intravenous delivery of fluids.");
		}
		assertThat(text.at("/sections").findValuesAsString("heading")).containsExactly("1 Device description",
				"2 Intended purpose");
	}

	@Test
	void theSameBytesAreStoredOnce() throws IOException {
		byte[] report = SampleFiles.testReport();
		String first = this.api.upload(this.handler.token(), bucket(1), "report.pdf", "application/pdf", report)
			.expect(201)
			.json()
			.at("/id")
			.asString();

		Response again = this.api.upload(this.handler.token(), bucket(1), "report (1).pdf", "application/pdf", report)
			.expect(200);
		Response elsewhere = this.api.upload(this.handler.token(), bucket(0), "report.pdf", "application/pdf", report)
			.expect(201);

		assertThat(again.json().at("/id").asString()).isEqualTo(first);
		assertThat(elsewhere.json().at("/id").asString()).isNotEqualTo(first);
		assertThat(storedObjects(this.admin.organizationId())).hasSize(1);

		this.api.delete("/v1/documents/" + first, this.handler.token()).expect(204);
		assertThat(storedObjects(this.admin.organizationId())).as("still used by the other document").hasSize(1);
		this.api.delete("/v1/documents/" + elsewhere.json().at("/id").asString(), this.handler.token()).expect(204);
		assertThat(storedObjects(this.admin.organizationId())).isEmpty();
		this.api.get("/v1/documents/" + first, this.handler.token()).expect(404);
	}

	/**
	 * A load balancer refuses an answer whose headers promise the document and whose body
	 * is an error (HAProxy: 502, "PH"): bytes that cannot be read from the start get a
	 * problem answer of their own, quoting the request's id; bytes that fail further on
	 * cut the answer short of its length, never fill it with something else.
	 */
	@Test
	void storedBytesThatCannotBeReadGetAProblemAnswerOrACutOneNeverAnotherBody() throws IOException {
		List<SampleFiles.PageText> pages = new java.util.ArrayList<>();
		for (int page = 1; page <= 800; page++) {
			pages.add(new SampleFiles.PageText(page + " Records",
					List.of("Page " + page + ": the manufacturer's records of batch " + (page * 7919))));
		}
		byte[] large = SampleFiles.pdf(pages);
		assertThat(large.length).as("beyond the store's second chunk").isGreaterThan(2 * 64 * 1024 + 1024);
		String id = this.api.upload(this.handler.token(), bucket(1), "records.pdf", "application/pdf", large)
			.expect(201)
			.json()
			.at("/id")
			.asString();
		Path stored = storedObjects(this.admin.organizationId()).getFirst();
		byte[] sealed = Files.readAllBytes(stored);
		try {
			byte[] alteredLater = sealed.clone();
			alteredLater[2 * 64 * 1024 + 200] ^= 1;
			Files.write(stored, alteredLater);
			assertThat(this.api.getBytes("/v1/documents/" + id, this.handler.token(), "Range", "bytes=0-99").body())
				.as("a range before the altered chunk")
				.isEqualTo(java.util.Arrays.copyOf(large, 100));
			org.assertj.core.api.Assertions
				.assertThatThrownBy(() -> this.api.getBytes("/v1/documents/" + id, this.handler.token()))
				.as("cut short of its length")
				.hasRootCauseInstanceOf(IOException.class);

			byte[] alteredFirst = sealed.clone();
			alteredFirst[200] ^= 1;
			Files.write(stored, alteredFirst);
			HttpResponse<byte[]> problem = this.api.getBytes("/v1/documents/" + id, this.handler.token(),
					"X-Request-Id", "download-of-altered-bytes");
			assertThat(problem.statusCode()).isEqualTo(500);
			assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(problem.headers().firstValue("Content-Disposition")).isEmpty();
			assertThat(problem.headers().firstValueAsLong("Content-Length").orElse(problem.body().length))
				.as("the length of the problem, if given")
				.isEqualTo(problem.body().length);
			assertThat(new String(problem.body(), StandardCharsets.UTF_8))
				.contains("Quote request id download-of-altered-bytes when you report it.");
		}
		finally {
			Files.write(stored, sealed);
		}
		assertThat(this.api.getBytes("/v1/documents/" + id, this.handler.token()).body()).isEqualTo(large);
	}

	static Stream<Arguments> refusedFiles() throws IOException {
		return Stream.of(Arguments.of("an empty file", "empty.pdf", new byte[0], 422, "empty.pdf is empty (0 bytes)."),
				Arguments.of("a truncated PDF", "cut.pdf", SampleFiles.truncated(), 422,
						"cut.pdf is incomplete (it ends before the end of the PDF): upload the complete file."),
				Arguments.of("an encrypted PDF", "locked.pdf", SampleFiles.passwordProtected(), 422,
						"locked.pdf is password-protected: remove the password and upload it again."),
				Arguments.of("a page bomb", "bomb.pdf", SampleFiles.pageBomb(), 422,
						"bomb.pdf has 1000000 pages; Assay reads at most 2000. Split it into parts and upload those."),
				Arguments.of("a ZIP renamed .pdf", "report.pdf", SampleFiles.zipArchive(), 415,
						"report.pdf is a ZIP archive, not a PDF or Word (DOCX) document. Upload the documents it contains instead."),
				Arguments.of("text named .pdf", "notes.pdf", "Just some notes".getBytes(StandardCharsets.UTF_8), 415,
						"notes.pdf is not a PDF or Word (DOCX) document. Assay reads PDF and DOCX files."));
	}

	@ParameterizedTest(name = "{0} is refused")
	@MethodSource("refusedFiles")
	void aBadFileIsRefusedWithItsReasonAndLeavesNothingBehind(String what, String name, byte[] content, int status,
			String reason) throws IOException {
		Response refused = this.api.upload(this.handler.token(), bucket(1), name, "application/pdf", content)
			.expect(status);

		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		String message = status == 422 ? refused.json().at("/errors/0/message").asString()
				: refused.json().at("/detail").asString();
		assertThat(message).isEqualTo(reason);
		assertNothingStored();
	}

	@Test
	void whoReadsAssayInGermanIsToldInGermanWhyAFileWasRefused() throws IOException {
		this.api.put("/v1/me/language", this.handler.token(), Map.of("language", "de")).expect(204);
		try {
			Response empty = this.api
				.upload(this.handler.token(), bucket(1), "leer.pdf", "application/pdf", new byte[0])
				.expect(422);
			assertThat(empty.json().at("/errors/0/message").asString()).isEqualTo("leer.pdf ist leer (0 Bytes).");
			assertThat(empty.json().at("/detail").asString()).isEqualTo("file: leer.pdf ist leer (0 Bytes).");
			Response locked = this.api
				.upload(this.handler.token(), bucket(1), "gesperrt.pdf", "application/pdf",
						SampleFiles.passwordProtected())
				.expect(422);
			assertThat(locked.json().at("/errors/0/message").asString()).isEqualTo(
					"gesperrt.pdf ist passwortgeschützt: Entfernen Sie das Passwort und laden Sie es erneut hoch.");
			Response text = this.api
				.upload(this.handler.token(), bucket(1), "notiz.pdf", "application/pdf",
						"just text".getBytes(StandardCharsets.UTF_8))
				.expect(415);
			assertThat(text.json().at("/detail").asString())
				.isEqualTo("notiz.pdf ist kein PDF- oder Word-Dokument (DOCX). Assay liest PDF- und DOCX-Dateien.");
			assertNothingStored();
		}
		finally {
			this.api.put("/v1/me/language", this.handler.token(), Map.of("language", "en")).expect(204);
		}
	}

	@Test
	void aFileOverTheLimitIsRefusedWith413() {
		byte[] big = new byte[51 * 1024 * 1024];
		System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1), 0, big, 0, 9);

		Response refused = this.api.upload(this.handler.token(), bucket(1), "huge.pdf", "application/pdf", big)
			.expect(413);

		assertThat(refused.json().at("/detail").asString())
			.isEqualTo("The file is larger than the upload limit of 50MB.");
		assertNothingStored();
	}

	@Test
	void bucketsOfOtherWorkflowsOrOrganizationsAreNotFound() throws IOException {
		SignedUp other = this.api.signUp("Other uploading body");
		String foreignBucket = this.api.oneBucketWorkflow(other.token(), "Theirs");
		byte[] report = SampleFiles.testReport();

		this.api.upload(this.handler.token(), foreignBucket, "report.pdf", "application/pdf", report).expect(404);
		this.api.upload(this.handler.token(), UUID.randomUUID().toString(), "report.pdf", "application/pdf", report)
			.expect(404);
		assertNothingStored();
	}

	@Test
	void anotherOrganizationCanNeitherDownloadNorDeleteADocument() throws IOException {
		String id = this.api
			.upload(this.handler.token(), bucket(1), "report.pdf", "application/pdf", SampleFiles.testReport())
			.expect(201)
			.json()
			.at("/id")
			.asString();
		SignedUp other = this.api.signUp("Prying body");

		this.api.get("/v1/documents/" + id, other.token()).expect(404);
		this.api.get("/v1/documents/" + id + "/text", other.token()).expect(404);
		this.api.delete("/v1/documents/" + id, other.token()).expect(404);
		assertThat(this.api.get("/v1/documents", other.token()).expect(200).json().at("/total").asLong()).isZero();

		assertThat(this.api.getBytes("/v1/documents/" + id, this.handler.token()).statusCode()).isEqualTo(200);
	}

	@Test
	void aProcessManagerDoesNotUpload() throws IOException {
		SignedUp manager = this.api.member(this.admin, "process_manager");

		this.api.upload(manager.token(), bucket(1), "report.pdf", "application/pdf", SampleFiles.testReport())
			.expect(403);
	}

	private String bucket(int index) {
		return this.workflow.at("/buckets/" + index + "/id").asString();
	}

	private void assertNothingStored() {
		assertThat(this.database.asOwner()
			.sql("select count(*) from documents where organization_id = ?")
			.param(this.admin.organizationId())
			.query(Long.class)
			.single()).as("document rows").isZero();
		assertThat(storedObjects(this.admin.organizationId())).as("stored objects").isEmpty();
	}

	private static List<Path> storedObjects(UUID organization) {
		Path directory = DATA_DIRECTORY.resolve("documents").resolve(organization.toString());
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(Files::isRegularFile).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] docx() {
		try {
			return SampleFiles.docx();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
