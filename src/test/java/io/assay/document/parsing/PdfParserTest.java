package io.assay.document.parsing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.assay.document.ParsedDocument;
import io.assay.document.ParsedDocument.Page;
import io.assay.document.ParsedDocument.TextSource;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing real PDFs page by page, without Spring. */
class PdfParserTest {

	@TempDir
	Path temp;

	private final Ocr ocr = new Ocr("tesseract", "eng", Duration.ofSeconds(60));

	private final Ocr noOcr = new Ocr("no-such-ocr-engine", "eng", Duration.ofSeconds(1));

	@Test
	void wordsWrittenGlyphByGlyphOutOfOrderAreReadInTheOrderTheyStand() throws Exception {
		byte[] pdf = SampleFiles.glyphsWrittenOutOfOrder(
				List.of("The Distributor shall not take any action", "against the Supplier without consent."));

		ParsedDocument parsed = new PdfParser(100, this.noOcr).parse(write("scrambled.pdf", pdf), "scrambled.pdf");

		assertThat(parsed.pages().getFirst().text())
			.isEqualTo("The Distributor shall not take any action\nagainst the Supplier without consent.");
	}

	@Test
	void tableRowsKeepTheOrderTheDocumentWritesThem() throws Exception {
		ParsedDocument parsed = new PdfParser(100, this.noOcr).parse(write("report.pdf", SampleFiles.testReport()),
				"report.pdf");

		assertThat(parsed.pages().get(2).text()).contains("Table 5: summary of results\n8.7.3 Leakage current: PASS");
	}

	@Test
	void readsEveryPageWithItsTextLinesAndSections() throws Exception {
		ParsedDocument parsed = new PdfParser(100, this.noOcr).parse(write("report.pdf", SampleFiles.testReport()),
				"report.pdf");

		assertThat(parsed.hasPages()).isTrue();
		assertThat(parsed.pageCount()).isEqualTo(3);
		Page third = parsed.pages().get(2);
		assertThat(third.number()).isEqualTo(3);
		assertThat(third.text()).isEqualTo(
				"3.2 Test results\nTable 5: summary of results\n8.7.3 Leakage current: PASS\n11.1 Excessive temperatures: PASS");
		assertThat(third.source()).isEqualTo(TextSource.TEXT_LAYER);
		assertThat(third.section()).isEqualTo("3.2 Test results");
		assertThat(parsed.pages().getFirst().text()).contains("IEC 60601-1:2005+AMD1:2012+AMD2:2020");
		assertThat(parsed.sections()).extracting(ParsedDocument.Section::heading)
			.containsExactly("1 Scope", "2 Test equipment", "3.2 Test results");
		assertThat(parsed.sections().get(2).page()).isEqualTo(3);
	}

	@Test
	void linesCarryTheirPositionOnThePage() throws Exception {
		ParsedDocument parsed = new PdfParser(100, this.noOcr).parse(write("report.pdf", SampleFiles.testReport()),
				"report.pdf");

		List<ParsedDocument.Line> lines = parsed.pages().get(2).lines();
		ParsedDocument.Line heading = lines.getFirst();
		ParsedDocument.Line summary = lines.get(1);
		// Written at x = 72 pt, 770 pt from the bottom of an A4 page (842 pt): 72 pt from
		// the top.
		assertThat(heading.x()).isCloseTo(72f, org.assertj.core.data.Offset.offset(1f));
		assertThat(heading.y() + heading.height()).isCloseTo(842f - 770f, org.assertj.core.data.Offset.offset(2f));
		assertThat(summary.y()).isGreaterThan(heading.y() + heading.height());
		assertThat(summary.width()).isPositive();
	}

	@Test
	void aPageWithoutTextIsMarkedNotReadWhenThereIsNoOcr() throws Exception {
		ParsedDocument parsed = new PdfParser(100, this.noOcr)
			.parse(write("scan.pdf", SampleFiles.scannedPage("Declaration of conformity")), "scan.pdf");

		assertThat(parsed.pages().getFirst().source()).isEqualTo(TextSource.NOT_READ);
		assertThat(parsed.pages().getFirst().text()).isEmpty();
	}

	@Test
	void aScannedPageIsReadByOcr() throws Exception {
		Assumptions.assumeTrue(this.ocr.available(),
				"Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng): OCR not tested");

		ParsedDocument parsed = new PdfParser(100, this.ocr).parse(
				write("scan.pdf", SampleFiles.scannedPage("Declaration of conformity",
						"The manufacturer declares under sole", "responsibility that the device meets the MDR.")),
				"scan.pdf");

		Page page = parsed.pages().getFirst();
		assertThat(page.source()).isEqualTo(TextSource.OCR);
		assertThat(page.text()).contains("Declaration of conformity").contains("sole");
		assertThat(page.lines()).hasSize(3);
		// The first line was drawn 200 px down a 2200 px image of a 792 pt page.
		assertThat(page.lines().getFirst().y()).isBetween(40f, 80f);
	}

	@Test
	void aTextLayerOfGarbageIsReadAgainByOcr() throws Exception {
		Assumptions.assumeTrue(this.ocr.available(),
				"Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng): OCR not tested");
		byte[] pdf = SampleFiles.scannedPageWithGarbageLayer("Dxqlrt zvbnm qwrtp kjhgf xcvbn mnbvc lkjhg",
				"Declaration of conformity", "The manufacturer declares under sole",
				"responsibility that the device meets the MDR.");

		Page page = new PdfParser(100, this.ocr).parse(write("scan.pdf", pdf), "scan.pdf").pages().getFirst();
		Page withoutOcr = new PdfParser(100, this.noOcr).parse(write("scan2.pdf", pdf), "scan2.pdf").pages().getFirst();

		assertThat(page.source()).isEqualTo(TextSource.OCR);
		assertThat(page.text()).contains("Declaration of conformity").doesNotContain("zvbnm");
		assertThat(withoutOcr.source()).as("without OCR the layer is all there is").isEqualTo(TextSource.TEXT_LAYER);
		assertThat(withoutOcr.text()).contains("zvbnm");
		assertThat(page.garbled()).as("read again, so not garbled").isFalse();
		assertThat(withoutOcr.garbled()).as("kept, with a warning for the reviewer").isTrue();
	}

	@Test
	void printedPageNumbersAreKeptWhereTheyAreNotThePagesPlace() throws Exception {
		byte[] annex = SampleFiles.pdf(List.of(
				new SampleFiles.PageText("Annex B", List.of("Batch records of the sterilisation runs.", "- 7 -")),
				new SampleFiles.PageText("Run 12", List.of("Exposure time 180 minutes.", "Page 8 of 40")),
				new SampleFiles.PageText("Run 13", List.of("Exposure time 175 minutes.", "3"))));

		List<Page> pages = new PdfParser(100, this.noOcr).parse(write("annex.pdf", annex), "annex.pdf").pages();

		assertThat(pages).extracting(Page::label).as("the third prints its own place").containsExactly("7", "8", null);
	}

	@Test
	void thePdfsOwnPageLabelsComeFirst() throws Exception {
		byte[] pdf = SampleFiles.pdf(List.of(new SampleFiles.PageText("Contents", List.of("1 Scope")),
				new SampleFiles.PageText("Foreword", List.of("This report")),
				new SampleFiles.PageText("1 Scope", List.of("The XY-200 pump.", "17"))));
		Path labelled = this.temp.resolve("labelled.pdf");
		try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
			org.apache.pdfbox.pdmodel.common.PDPageLabels labels = new org.apache.pdfbox.pdmodel.common.PDPageLabels(
					document);
			org.apache.pdfbox.pdmodel.common.PDPageLabelRange roman = new org.apache.pdfbox.pdmodel.common.PDPageLabelRange();
			roman.setStyle(org.apache.pdfbox.pdmodel.common.PDPageLabelRange.STYLE_ROMAN_LOWER);
			labels.setLabelItem(0, roman);
			org.apache.pdfbox.pdmodel.common.PDPageLabelRange arabic = new org.apache.pdfbox.pdmodel.common.PDPageLabelRange();
			arabic.setStyle(org.apache.pdfbox.pdmodel.common.PDPageLabelRange.STYLE_DECIMAL);
			labels.setLabelItem(2, arabic);
			document.getDocumentCatalog().setPageLabels(labels);
			document.save(labelled.toFile());
		}

		List<Page> pages = new PdfParser(100, this.noOcr).parse(labelled, "labelled.pdf").pages();

		assertThat(pages).extracting(Page::label).containsExactly("i", "ii", "1");
	}

	@Test
	void refusesWhatCannotBeReadWithTheReason() throws Exception {
		PdfParser parser = new PdfParser(100, this.noOcr);

		assertThatThrownBy(() -> parser.parse(write("a.pdf", SampleFiles.truncated()), "a.pdf"))
			.isInstanceOf(UnreadableDocumentException.class)
			.hasMessage("a.pdf is incomplete (it ends before the end of the PDF): upload the complete file.");
		assertThatThrownBy(() -> parser.parse(write("b.pdf", SampleFiles.passwordProtected()), "b.pdf"))
			.hasMessage("b.pdf is password-protected: remove the password and upload it again.");
		assertThatThrownBy(() -> parser.parse(write("c.pdf", SampleFiles.pageBomb()), "c.pdf"))
			.hasMessage("c.pdf has 1000000 pages; Assay reads at most 100. Split it into parts and upload those.");
	}

	private Path write(String name, byte[] bytes) throws IOException {
		return Files.write(this.temp.resolve(name), bytes);
	}

}
