package io.assay.document.parsing;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.assay.document.ParsedDocument.Line;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDPageLabels;
import org.jspecify.annotations.Nullable;

/**
 * The page numbers a document prints, where they are not the page's place in the file: a
 * report whose front matter is numbered i–viii, an annex numbered from 1 inside a larger
 * file. A reviewer looks for "page 172" in the paper copy, not for page 180 of the PDF.
 * Taken from the PDF's own page labels when it has them, else from a line at the top or
 * bottom of the page that is only a page number ("172", "- 172 -", "Page 172 of 300").
 */
final class PrintedPageNumbers {

	private static final Pattern NUMBER_LINE = Pattern
		.compile("(?:(?:page|seite|page n°|p\\.)\\s*)?[-–—]?\\s*([0-9]{1,4}|[ivxlcdm]{1,7}|[a-z]-[0-9]{1,4})\\s*[-–—]?"
				+ "(?:\\s*(?:of|/|von|sur|de)\\s*[0-9]{1,4})?", Pattern.CASE_INSENSITIVE);

	private PrintedPageNumbers() {
	}

	/** The PDF's page labels by page index, or null when it has none (or bad ones). */
	static String @Nullable [] labels(PDDocument document) {
		try {
			PDPageLabels labels = document.getDocumentCatalog().getPageLabels();
			return labels == null ? null : labels.getLabelsByPageIndices();
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The printed number of the page at {@code index}, or null when it is the page's
	 * place in the file or none is printed.
	 */
	static @Nullable String label(String @Nullable [] labels, int index, List<Line> lines) {
		String label = labels != null && index < labels.length && labels[index] != null && !labels[index].isBlank()
				? labels[index].strip() : printed(lines);
		return label == null || label.equals(String.valueOf(index + 1)) ? null : label;
	}

	/** A number printed alone on the first or last line of the page. */
	private static @Nullable String printed(List<Line> lines) {
		if (lines.isEmpty()) {
			return null;
		}
		for (Line line : List.of(lines.getLast(), lines.getFirst())) {
			Matcher matcher = NUMBER_LINE.matcher(line.text().strip());
			if (matcher.matches()) {
				String number = matcher.group(1);
				// Roman numerals only in lower or upper case, as front matter prints
				// them.
				return number.chars().allMatch(Character::isDigit) ? String.valueOf(Integer.parseInt(number))
						: number.equals(number.toLowerCase(Locale.ROOT))
								|| number.equals(number.toUpperCase(Locale.ROOT)) ? number : null;
			}
		}
		return null;
	}

}
