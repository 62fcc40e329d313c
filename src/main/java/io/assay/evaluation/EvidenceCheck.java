package io.assay.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.assay.document.ParsedDocument;
import org.jspecify.annotations.Nullable;

/**
 * Checks every quote a judge cites against the parsed documents, never trusting it: found
 * on the cited page, it is verified; found on another page, the page is corrected; found
 * nowhere, it is marked unverified. Texts are compared after normalising what PDFs vary
 * in: Unicode forms (ligatures), hyphenation at line ends, quotes and dashes, and
 * whitespace.
 */
final class EvidenceCheck {

	private EvidenceCheck() {
	}

	static List<Evidence> verify(List<Citation> citations, List<DocumentText> documents) {
		List<Evidence> checked = new ArrayList<>();
		for (Citation citation : citations) {
			if (citation.quote().isBlank()) {
				continue;
			}
			checked.add(locate(citation, documents));
		}
		return checked;
	}

	private static Evidence locate(Citation citation, List<DocumentText> documents) {
		String quote = normalize(citation.quote());
		String loose = quote.replace("-", "").replace(" ", "");
		List<DocumentText> order = new ArrayList<>();
		documents.stream().filter(d -> d.documentId().equals(citation.documentId())).forEach(order::add);
		documents.stream().filter(d -> !d.documentId().equals(citation.documentId())).forEach(order::add);
		for (DocumentText document : order) {
			ParsedDocument parsed = document.parsed();
			if (parsed.hasPages()) {
				List<ParsedDocument.Page> pages = new ArrayList<>(parsed.pages());
				pages.sort((a, b) -> Boolean.compare(!Objects.equals(a.number(), citation.page()),
						!Objects.equals(b.number(), citation.page())));
				for (ParsedDocument.Page page : pages) {
					if (contains(page.text(), quote, loose)) {
						return new Evidence(document.documentId(), document.fileName(), page.number(),
								sectionOf(page, citation), citation.quote(), true);
					}
				}
			}
			else {
				for (ParsedDocument.Section section : parsed.sections()) {
					String text = section.heading() + "\n" + (section.text() == null ? "" : section.text());
					if (contains(text, quote, loose)) {
						return new Evidence(document.documentId(), document.fileName(), null, section.heading(),
								citation.quote(), true);
					}
				}
			}
		}
		String fileName = documents.stream()
			.filter(d -> d.documentId().equals(citation.documentId()))
			.map(DocumentText::fileName)
			.findFirst()
			.orElse(null);
		return new Evidence(citation.documentId(), fileName, citation.page(), citation.section(), citation.quote(),
				false);
	}

	private static @Nullable String sectionOf(ParsedDocument.Page page, Citation citation) {
		return page.section() != null ? page.section() : citation.section();
	}

	private static boolean contains(String text, String quote, String loose) {
		String normal = normalize(text);
		return normal.contains(quote)
				|| (loose.length() >= 12 && normal.replace("-", "").replace(" ", "").contains(loose));
	}

	static String normalize(String text) {
		return QuoteText.normalize(text);
	}

}
