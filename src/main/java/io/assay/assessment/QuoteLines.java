package io.assay.assessment;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.assay.document.ParsedDocument;

/**
 * Finds the lines of a page a quote runs over, so the viewer can highlight them: whole
 * lines inside the quote, and the lines where it begins and ends. Compared as the
 * evidence check compares (case, whitespace, ligatures and curly quotes do not matter).
 */
final class QuoteLines {

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	/** Shorter pieces would match by chance. */
	private static final int SHORTEST = 4;

	private QuoteLines() {
	}

	static List<Assessments.Box> on(ParsedDocument.Page page, String quote) {
		String wanted = normal(quote);
		List<Assessments.Box> boxes = new ArrayList<>();
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
				boxes.add(new Assessments.Box(line.x(), line.y(), line.width(), line.height(), line.text()));
			}
		}
		return boxes;
	}

	private static String normal(String text) {
		String normal = Normalizer.normalize(text, Normalizer.Form.NFKC)
			.replace('\u2018', '\'')
			.replace('\u2019', '\'')
			.replace('\u201C', '"')
			.replace('\u201D', '"')
			.replace('\u2013', '-')
			.replace('\u2014', '-')
			.replace("\u00AD", "");
		return WHITESPACE.matcher(normal).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
	}

}
