package io.assay.document.parsing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.assay.document.ParsedDocument;
import io.assay.document.ParsedDocument.Section;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Word documents: laid out into real pages with LibreOffice, or read as sections without.
 */
class DocxParserTest {

	@TempDir
	Path temp;

	private final PdfParser pdf = new PdfParser(100, new Ocr("no-ocr", "eng", Duration.ofSeconds(1)));

	@Test
	void withoutLibreOfficeAWordDocumentIsReadAsSectionsWithoutPages() throws Exception {
		DocxParser parser = new DocxParser(new WordLayout("no-such-office-suite", Duration.ofSeconds(5)), this.pdf);

		ParsedDocument parsed = parser.parse(Files.write(this.temp.resolve("d.docx"), SampleFiles.docx()), "d.docx");

		assertThat(parsed.hasPages()).isFalse();
		assertThat(parsed.pages()).isEmpty();
		assertThat(parsed.sections()).extracting(Section::heading)
			.containsExactly("1 Device description", "2 Intended purpose");
		assertThat(parsed.sections().get(0).text()).isEqualTo("The XY-200 is an infusion pump for hospital use.");
	}

	@Test
	void withLibreOfficeAWordDocumentHasItsRealPages() throws Exception {
		WordLayout layout = new WordLayout("soffice", Duration.ofSeconds(120));
		Assumptions.assumeTrue(layout.available(),
				"LibreOffice is not installed (apt-get install libreoffice-writer-nogui): layout not tested");

		ParsedDocument parsed = new DocxParser(layout, this.pdf)
			.parse(Files.write(this.temp.resolve("d.docx"), SampleFiles.docx()), "d.docx");

		assertThat(parsed.fileType()).isEqualTo("docx");
		assertThat(parsed.hasPages()).isTrue();
		assertThat(parsed.pageCount()).isEqualTo(1);
		assertThat(parsed.pages().getFirst().text()).contains("1 Device description")
			.contains("Controlled intravenous delivery of fluids.");
		assertThat(parsed.pages().getFirst().lines()).allMatch(line -> line.width() > 0);
		assertThat(parsed.sections()).extracting(Section::heading)
			.containsExactly("1 Device description", "2 Intended purpose");
		assertThat(parsed.sections()).extracting(Section::page).containsExactly(1, 1);
		assertThat(parsed.pages().getFirst().section()).isEqualTo("1 Device description");
	}

}
