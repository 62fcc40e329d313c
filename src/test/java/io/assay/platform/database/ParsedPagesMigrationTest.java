package io.assay.platform.database;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parsed documents stored as one JSON value: every page becomes a row with all it held,
 * the document keeps what is not a page and its page count, and a document read without
 * pages keeps its sections.
 */
class ParsedPagesMigrationTest {

	private static final String PAGED = """
			{"file_type": "pdf", "has_pages": true,
			 "pages": [
			   {"number": 1, "width": 595.0, "height": 842.0, "text": "1 Scope\\nThe pump.", "source": "TEXT_LAYER",
			    "section": "1 Scope", "garbled": false, "label": null,
			    "lines": [{"text": "1 Scope", "x": 72.0, "y": 60.0, "width": 50.5, "height": 16.0}]},
			   {"number": 2, "width": 612.0, "height": 792.0, "text": "Scanned.", "source": "OCR",
			    "section": null, "garbled": true, "label": "iv", "lines": []}],
			 "sections": [{"heading": "1 Scope", "page": 1, "text": null}]}
			""";

	private static final String UNPAGED = """
			{"file_type": "docx", "has_pages": false, "pages": [],
			 "sections": [{"heading": "Scope", "page": null, "text": "The pump."}]}
			""";

	@Test
	void everyPageBecomesARowAndTheDocumentKeepsTheRest(@TempDir Path temp) throws Exception {
		try (OldSchema schema = OldSchema.at(temp, "50")) {
			JdbcClient db = schema.db();
			UUID organization = UUID.randomUUID();
			db.sql("insert into organizations (id, name) values (?, 'Old body')").param(organization).update();
			for (String[] parsed : List.of(new String[] { "paged", PAGED }, new String[] { "unpaged", UNPAGED })) {
				db.sql("""
						insert into parsed_documents (organization_id, sha256, parser_version, content)
						values (?, sha256(convert_to(?, 'UTF8')), 4, cast(? as jsonb))
						""").params(organization, parsed[0], parsed[1]).update();
			}

			schema.migrateToLatest();

			List<Map<String, Object>> pages = db.sql("""
					select number, width, height, text, lines::text as lines, source, section, garbled, label, language,
					       terms, terms_version
					  from parsed_pages where sha256 = sha256(convert_to('paged', 'UTF8')) order by number
					""").query().listOfRows();
			assertThat(pages).hasSize(2);
			assertThat(pages.get(0)).containsEntry("number", 1)
				.containsEntry("width", 595.0f)
				.containsEntry("height", 842.0f)
				.containsEntry("text", "1 Scope\nThe pump.")
				.containsEntry("lines",
						"[{\"x\": 72.0, \"y\": 60.0, \"text\": \"1 Scope\", \"width\": 50.5, \"height\": 16.0}]")
				.containsEntry("source", "TEXT_LAYER")
				.containsEntry("section", "1 Scope")
				.containsEntry("garbled", false)
				.containsEntry("label", null);
			assertThat(pages.get(1)).containsEntry("number", 2)
				.containsEntry("width", 612.0f)
				.containsEntry("source", "OCR")
				.containsEntry("section", null)
				.containsEntry("garbled", true)
				.containsEntry("label", "iv")
				.containsEntry("lines", "[]");
			assertThat(db.sql("select normalized_text from parsed_pages where number = 1").query(String.class).single())
				.as("V52's search text of a moved page")
				.isEqualTo("1 scope the pump.");
			assertThat(pages).as("terms are counted when first read, by the application's analysis")
				.allSatisfy(page -> assertThat(page).containsEntry("language", null)
					.containsEntry("terms", null)
					.containsEntry("terms_version", null));
			Map<String, Object> paged = document(db, "paged");
			assertThat(paged).containsEntry("page_count", 2);
			assertThat((String) paged.get("content")).doesNotContain("\"pages\"")
				.contains("\"file_type\": \"pdf\"")
				.contains("\"has_pages\": true")
				.contains("\"heading\": \"1 Scope\"");
			Map<String, Object> unpaged = document(db, "unpaged");
			assertThat(unpaged).containsEntry("page_count", 0);
			assertThat((String) unpaged.get("content")).doesNotContain("\"pages\"")
				.contains("\"has_pages\": false")
				.contains("\"text\": \"The pump.\"");
			assertThat(db.sql("select count(*) from parsed_pages where sha256 = sha256(convert_to('unpaged', 'UTF8'))")
				.query(Long.class)
				.single()).isZero();

			db.sql("delete from parsed_documents where sha256 = sha256(convert_to('paged', 'UTF8'))").update();
			assertThat(db.sql("select count(*) from parsed_pages").query(Long.class).single())
				.as("a document's pages go with it")
				.isZero();
		}
	}

	private static Map<String, Object> document(JdbcClient db, String name) {
		return db.sql("""
				select content::text as content, page_count from parsed_documents
				 where sha256 = sha256(convert_to(?, 'UTF8'))
				""").param(name).query().singleRow();
	}

}
