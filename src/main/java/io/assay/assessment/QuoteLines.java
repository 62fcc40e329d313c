package io.assay.assessment;

import java.util.ArrayList;
import java.util.List;

import io.assay.document.ParsedDocument;
import io.assay.evaluation.QuoteText;

/**
 * Finds the lines of a page a quote runs over, so the viewer can highlight them: whole
 * lines inside the quote, and the lines where it begins and ends. Compared as the
 * evidence check compares (case, whitespace, ligatures and curly quotes do not matter).
 */
final class QuoteLines {

	/** Shorter pieces would match by chance. */
	private static final int SHORTEST = 4;

	private QuoteLines() {
	}

	static List<Results.Box> on(ParsedDocument.Page page, String quote) {
		String wanted = normal(quote);
		List<Results.Box> boxes = new ArrayList<>();
		if (wanted.length() < SHORTEST) {
			return boxes;
		}
		String head = wanted.substring(0, Math.min(wanted.length(), 24));
		String tail = wanted.substring(Math.max(0, wanted.length() - 24));
		for (ParsedDocument.Line line : page.lines()) {
			String text = normal(line.text());
			if (text.length() < SHORTEST) {
				continue;
			}
			boolean inside = wanted.contains(text);
			boolean holdsIt = text.contains(wanted) || text.contains(head) || text.contains(tail);
			if (inside || holdsIt) {
				boxes.add(new Results.Box(line.x(), line.y(), line.width(), line.height(), line.text()));
			}
		}
		return boxes;
	}

	private static String normal(String text) {
		return QuoteText.normalize(text);
	}

}
