package io.assay.evaluation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as quotes are compared: what PDFs vary in is taken out (Unicode forms such as
 * ligatures, hyphenation at line ends, curly quotes and dashes, soft hyphens, runs of
 * whitespace, case). The evidence check and the viewer's highlight both use it, so the
 * viewer marks what the check found.
 */
public final class QuoteText {

	private static final Pattern HYPHENATED_BREAK = Pattern.compile("(\\p{L})[-\u00AD]\\s*\\n\\s*(\\p{L})");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private QuoteText() {
	}

	public static String normalize(String text) {
		String normal = Normalizer.normalize(text, Normalizer.Form.NFKC);
		normal = HYPHENATED_BREAK.matcher(normal).replaceAll("$1$2");
		normal = normal.replace('\u2018', '\'')
			.replace('\u2019', '\'')
			.replace('\u201C', '"')
			.replace('\u201D', '"')
			.replace('\u2013', '-')
			.replace('\u2014', '-')
			.replace("\u00AD", "");
		return WHITESPACE.matcher(normal).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
	}

}
