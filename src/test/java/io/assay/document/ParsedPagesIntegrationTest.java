package io.assay.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import io.assay.document.SampleFiles.PageText;
import io.assay.platform.TenantContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Parsed pages are rows: one per page, each with its language and its terms counted at
 * upload, read page by page by the viewer and without line boxes by a job.
 */
class ParsedPagesIntegrationTest extends IntegrationTest {

	private static final List<PageText> PAGES = List.of(
			new PageText("1 Scope", List.of("This report covers the XY-200 infusion pump.")),
			new PageText("2 Test equipment", List.of("Leakage current tester LT-7, calibrated until 2027-03-01.")),
			new PageText("3 Prüfergebnisse",
					List.of("Die Prüfungen wurden nach der Norm durchgeführt und die Prüfung ist bestanden.")));

	private SignedUp admin;

	private String bucket;

	@BeforeEach
	void organizationWithAWorkflow() {
		this.admin = this.api.signUp("Paging body");
		this.bucket = this.api.oneBucketWorkflow(this.admin.token(), "Class IIa");
	}

	@Test
	void everyPageIsARowWithItsLanguageAndTermsCountedAtUpload() throws IOException {
		UUID id = upload(SampleFiles.pdf(PAGES));

		List<Map<String, Object>> rows = this.database.asOwner().sql("""
				select number, text, language, terms::text as terms, terms_version, jsonb_array_length(lines) as lines
				  from parsed_pages where organization_id = ? order by number
				""").param(this.admin.organizationId()).query().listOfRows();
		assertThat(rows).extracting(row -> row.get("number")).containsExactly(1, 2, 3);
		assertThat(rows).extracting(row -> row.get("language")).containsExactly("english", "english", "german");
		for (Map<String, Object> row : rows) {
			assertThat(counts((String) row.get("terms"))).as("terms of page %s", row.get("number"))
				.isEqualTo(Terms.counts((String) row.get("text")))
				.isNotEmpty();
			assertThat(row.get("terms_version")).isEqualTo(Terms.VERSION);
			assertThat((Integer) row.get("lines")).isEqualTo(2);
		}
		assertThat(counts((String) rows.get(2).get("terms")))
			.containsKey(Terms.tokens("Prüfung", Terms.Language.GERMAN).getFirst());
		Map<String, Object> document = this.database.asOwner()
			.sql("select content::text as content, page_count from parsed_documents where organization_id = ?")
			.param(this.admin.organizationId())
			.query()
			.singleRow();
		assertThat(document.get("page_count")).isEqualTo(3);
		assertThat((String) document.get("content")).as("the pages are rows, not part of the document's value")
			.doesNotContain("\"pages\"")
			.doesNotContain("Leakage");

		IndexedDocument indexed = asTheOrganization(documents -> documents.ensureIndexed(id));
		assertThat(indexed.parsed().pages()).extracting(ParsedDocument.Page::text)
			.containsExactlyElementsOf(rows.stream().map(row -> (String) row.get("text")).toList());
		assertThat(indexed.parsed().pages()).as("a job reads no line boxes")
			.allSatisfy(page -> assertThat(page.lines()).isEmpty());
		assertThat(indexed.pageTerms())
			.containsExactlyElementsOf(rows.stream().map(row -> counts((String) row.get("terms"))).toList());

		JsonNode text = this.api.get("/v1/documents/" + id + "/text", this.admin.token()).expect(200).json();
		assertThat(text.at("/pages").size()).isEqualTo(3);
		assertThat(text.at("/pages/1/lines/1/text").asString())
			.isEqualTo("Leakage current tester LT-7, calibrated until 2027-03-01.");
		assertThat(text.at("/pages/2/section").asString()).isEqualTo("3 Prüfergebnisse");
	}

	@Test
	void theViewerReadsOnePageWithItsLineBoxes() throws IOException {
		UUID id = upload(SampleFiles.pdf(PAGES));

		Optional<Documents.ParsedPage> second = asTheOrganization(documents -> documents.parsedPage(id, 2));
		Optional<Documents.ParsedPage> beyond = asTheOrganization(documents -> documents.parsedPage(id, 4));

		assertThat(second).hasValueSatisfying(page -> {
			assertThat(page.pageCount()).isEqualTo(3);
			assertThat(page.page().number()).isEqualTo(2);
			assertThat(page.page().lines()).extracting(ParsedDocument.Line::text)
				.containsExactly("2 Test equipment", "Leakage current tester LT-7, calibrated until 2027-03-01.");
			assertThat(page.page().width()).isCloseTo(595.3f, within(0.1f));
		});
		assertThat(beyond).isEmpty();
	}

	@Test
	void termsCountedByAnOlderAnalysisAreCountedAgainWhenRead() throws IOException {
		UUID id = upload(SampleFiles.pdf(PAGES));
		this.database.asOwner()
			.sql("update parsed_pages set terms = '{\"stale\": 1}', terms_version = ?, language = 'french'"
					+ " where organization_id = ? and number = 2")
			.params(Terms.VERSION - 1, this.admin.organizationId())
			.update();

		IndexedDocument indexed = asTheOrganization(documents -> documents.ensureIndexed(id));

		Map<String, Integer> recounted = Terms.counts(indexed.parsed().pages().get(1).text());
		assertThat(indexed.pageTerms().get(1)).isEqualTo(recounted).doesNotContainKey("stale");
		Map<String, Object> row = this.database.asOwner()
			.sql("select terms::text as terms, terms_version, language from parsed_pages"
					+ " where organization_id = ? and number = 2")
			.param(this.admin.organizationId())
			.query()
			.singleRow();
		assertThat(counts((String) row.get("terms"))).as("stored again").isEqualTo(recounted);
		assertThat(row.get("terms_version")).isEqualTo(Terms.VERSION);
		assertThat(row.get("language")).isEqualTo("english");
	}

	@Test
	void vectorsRetrievalMadeAreKeptWithThePagesAndReadBackByTheNextJob() throws IOException {
		UUID id = upload(SampleFiles.pdf(PAGES));
		Optional<PageVectors> none = asTheOrganization(documents -> documents.pageVectors(id));
		assertThat(none).as("none made yet").isEmpty();
		java.util.Random random = new java.util.Random(7);
		List<float[][]> made = new java.util.ArrayList<>();
		for (int windows : new int[] { 2, 0, 1 }) {
			float[][] page = new float[windows][384];
			for (float[] window : page) {
				for (int i = 0; i < window.length; i++) {
					window[i] = (float) random.nextGaussian() / 20;
				}
			}
			made.add(page);
		}

		asTheOrganization(documents -> {
			documents.storePageVectors(id, new PageVectors("model/1", made));
			return null;
		});

		PageVectors read = asTheOrganization(documents -> documents.pageVectors(id)).orElseThrow();
		assertThat(read.model()).isEqualTo("model/1");
		assertThat(read.pages()).hasSize(3);
		for (int p = 0; p < 3; p++) {
			assertThat(read.pages().get(p)).hasNumberOfRows(made.get(p).length);
			for (int w = 0; w < made.get(p).length; w++) {
				for (int i = 0; i < 384; i++) {
					// Half precision: about three significant digits.
					assertThat(read.pages().get(p)[w][i]).isCloseTo(made.get(p)[w][i], within(1e-3f));
				}
			}
		}

		assertThatThrownBy(() -> asTheOrganization(documents -> {
			documents.storePageVectors(id, new PageVectors("model/1", made.subList(0, 2)));
			return null;
		})).as("vectors of another page count").isInstanceOf(IllegalArgumentException.class);
		SignedUp other = this.api.signUp("Other paging body");
		assertThatThrownBy(() -> this.context.getBean(TenantContext.class).callAs(other.organizationId(), null, () -> {
			this.context.getBean(Documents.class).storePageVectors(id, new PageVectors("model/2", made));
			return null;
		})).as("another organisation's document").isInstanceOf(io.assay.platform.NotFoundException.class);
		this.database.asOwner()
			.sql("update parsed_pages set vectors = null, vectors_model = null where organization_id = ? and number = 2")
			.param(this.admin.organizationId())
			.update();
		Optional<PageVectors> partial = asTheOrganization(documents -> documents.pageVectors(id));
		assertThat(partial).as("only vectors every page has are of use").isEmpty();
	}

	@Test
	void theSameBytesInAnotherBucketAreStoredOnce() throws IOException {
		byte[] pdf = SampleFiles.pdf(PAGES);
		upload(pdf);

		JsonNode again = this.api
			.upload(this.admin.token(), this.api.oneBucketWorkflow(this.admin.token(), "Class IIb"), "copy.pdf",
					"application/pdf", pdf)
			.expect(201)
			.json();

		assertThat(again.at("/page_count").asInt()).isEqualTo(3);
		assertThat(this.database.asOwner()
			.sql("select count(*) from parsed_pages where organization_id = ?")
			.param(this.admin.organizationId())
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aWordDocumentReadWithoutPagesHasNoPageRows() throws IOException {
		JsonNode uploaded = this.api
			.upload(this.admin.token(), this.bucket, "file.docx",
					"application/vnd.openxmlformats-officedocument.wordprocessingml.document", SampleFiles.docx())
			.expect(201)
			.json();
		UUID id = UUID.fromString(uploaded.at("/id").asString());

		IndexedDocument indexed = asTheOrganization(documents -> documents.ensureIndexed(id));

		if (indexed.parsed().hasPages()) {
			// Laid out by LibreOffice where it is installed: paged like a PDF.
			assertThat(indexed.pageTerms()).hasSize(indexed.parsed().pageCount());
			assertThat(uploaded.at("/page_count").asInt()).isEqualTo(indexed.parsed().pageCount());
		}
		else {
			assertThat(indexed.pageTerms()).isEmpty();
			assertThat(indexed.parsed().sections()).isNotEmpty();
			assertThat(uploaded.at("/page_count").isNull()).isTrue();
		}
	}

	@Test
	void findAnswersWhichPagesHoldATermWhateverItsCaseAndLineBreaks() throws IOException {
		UUID id = upload(SampleFiles.pdf(List.of(new PageText("1 Scope", List.of("The leakage current was measured.")),
				new PageText("2 Equipment", List.of("Leakage current tester LT-7,", "calibrated until 2027-03-01.")),
				new PageText("3 Results", List.of("No LEAKAGE was found.")))));

		assertThat(find(id, "leakage").at("/pages")).extracting(JsonNode::asInt).containsExactly(1, 2, 3);
		assertThat(find(id, "  LEAKAGE CURRENT ").at("/pages")).extracting(JsonNode::asInt).containsExactly(1, 2);
		assertThat(find(id, "LT-7, calibrated").at("/pages")).as("across a line break")
			.extracting(JsonNode::asInt)
			.containsExactly(2);
		JsonNode absent = find(id, "100% of the _ voltage");
		assertThat(absent.at("/pages").size()).as("% and _ are no wildcards").isZero();
		assertThat(absent.at("/page_count").asInt()).isEqualTo(3);
		assertThat(absent.at("/containing").asString()).isEqualTo("100% of the _ voltage");
		assertThat(this.database.asOwner()
			.sql("select count(*) from audit_logs where action = 'document_text_searched' and resource_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(4);

		assertThat(this.api.get("/v1/documents/" + id + "/pages?containing=a%00b", this.admin.token())
			.expect(400)
			.json()
			.at("/detail")
			.asString()).contains("containing", "U+0000");
		for (String refused : List.of("", "   ", "x".repeat(201))) {
			JsonNode problem = this.api
				.get("/v1/documents/" + id + "/pages?containing="
						+ java.net.URLEncoder.encode(refused, java.nio.charset.StandardCharsets.UTF_8),
						this.admin.token())
				.expect(422)
				.json();
			assertThat(problem.at("/errors/0/field").asString()).isEqualTo("containing");
		}
		this.api.get("/v1/documents/" + id + "/pages", this.admin.token()).expect(422);
		SignedUp other = this.api.signUp("Other paging body");
		this.api.get("/v1/documents/" + id + "/pages?containing=leakage", other.token()).expect(404);
		this.api.get("/v1/documents/" + UUID.randomUUID() + "/pages?containing=leakage", this.admin.token())
			.expect(404);
	}

	private JsonNode find(UUID document, String term) {
		return this.api
			.get("/v1/documents/" + document + "/pages?containing="
					+ java.net.URLEncoder.encode(term, java.nio.charset.StandardCharsets.UTF_8), this.admin.token())
			.expect(200)
			.json();
	}

	private UUID upload(byte[] pdf) {
		return UUID.fromString(this.api.upload(this.admin.token(), this.bucket, "report.pdf", "application/pdf", pdf)
			.expect(201)
			.json()
			.at("/id")
			.asString());
	}

	private <T> T asTheOrganization(DocumentsCall<T> call) {
		Documents documents = this.context.getBean(Documents.class);
		return this.context.getBean(TenantContext.class).callAs(this.admin.organizationId(), null, () -> {
			try {
				return call.on(documents);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private Map<String, Integer> counts(String json) {
		return this.context.getBean(JsonMapper.class).readValue(json, new TypeReference<Map<String, Integer>>() {
		});
	}

	private interface DocumentsCall<T> {

		T on(Documents documents) throws IOException;

	}

}
