package io.assay.assessment;

import java.util.ArrayList;
import java.util.List;

import io.assay.document.ParsedDocument;
import io.assay.evaluation.PageRanges;

/**
 * How well a document's pages were read, for the reviewer: pages with no text at all
 * (image-only, OCR not available or empty), pages read by OCR (whose words may be
 * misread), and pages whose own text layer looked garbled and could not be read again.
 */
public record TextQuality(List<Integer> noText, List<Integer> ocr, List<Integer> garbled) {

	static TextQuality of(ParsedDocument parsed) {
		List<Integer> noText = new ArrayList<>();
		List<Integer> ocr = new ArrayList<>();
		List<Integer> garbled = new ArrayList<>();
		for (ParsedDocument.Page page : parsed.pages()) {
			if (page.source() == ParsedDocument.TextSource.NOT_READ || page.text().isBlank()) {
				noText.add(page.number());
			}
			else if (page.source() == ParsedDocument.TextSource.OCR) {
				ocr.add(page.number());
			}
			if (page.garbled()) {
				garbled.add(page.number());
			}
		}
		return new TextQuality(List.copyOf(noText), List.copyOf(ocr), List.copyOf(garbled));
	}

	/** The pages with no text, as ranges ("2–3, 7"). */
	public String noTextPages() {
		return PageRanges.of(this.noText);
	}

	/** The pages read by OCR, as ranges. */
	public String ocrPages() {
		return PageRanges.of(this.ocr);
	}

	/** The pages whose text layer looked garbled, as ranges. */
	public String garbledPages() {
		return PageRanges.of(this.garbled);
	}

}
