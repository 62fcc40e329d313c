package io.assay.evaluation;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text as quotes are compared: what PDFs vary in is taken out (Unicode forms such as
 * ligatures, hyphenation at line ends, curly quotes and dashes, soft hyphens, runs of
 * whitespace, case). The evidence check and the viewer's highlight both use it, so the
 * viewer marks what the check found.
 */
public final class QuoteText {

	private static final Pattern HYPHENATED_BREAK = Pattern.compile("(\\p{L})[-\u00AD]\\s*\\n\\s*(\\p{L})");

	/** An ellipsis as judges and labellers write it, in brackets or not. */
	private static final Pattern ELLIPSIS = Pattern.compile("[\\[(]?(?:\\.\\s*\\.\\s*\\.|\u2026)[\\])]?");

	private QuoteText() {
	}

	/**
	 * The pieces of a quote between its ellipses, normalised; one piece when it has none.
	 */
	public static List<String> pieces(String quote) {
		return ELLIPSIS.splitAsStream(quote).map(QuoteText::normalize).filter(piece -> !piece.isEmpty()).toList();
	}

	public static String normalize(String text) {
		return mapped(text).text();
	}

	/**
	 * Normalised text that remembers where each of its characters came from, so a match
	 * in it can be shown as the document's own text.
	 *
	 * @param starts for each character of {@code text}, where its source begins in the
	 * original
	 * @param ends for each character, where its source ends (exclusive)
	 */
	public record Mapped(String text, int[] starts, int[] ends) {

		/**
		 * The original text's offsets of normalised characters {@code from} to
		 * {@code to}.
		 */
		public int originalStart(int from) {
			return this.starts[from];
		}

		public int originalEnd(int to) {
			return this.ends[to - 1];
		}

	}

	/**
	 * Normalises unit by unit (a character with the combining marks that follow it), so
	 * that every normalised character points back to the text it came from; the result is
	 * the same whether or not anyone needs the offsets.
	 */
	public static Mapped mapped(String original) {
		boolean[] dropped = new boolean[original.length()];
		Matcher hyphen = HYPHENATED_BREAK.matcher(original);
		while (hyphen.find()) {
			for (int i = hyphen.end(1); i < hyphen.start(2); i++) {
				dropped[i] = true;
			}
		}
		StringBuilder text = new StringBuilder(original.length());
		int[] starts = new int[original.length() * 2 + 4];
		int[] ends = new int[starts.length];
		boolean space = false;
		int unit = 0;
		while (unit < original.length()) {
			int end = unit + Character.charCount(original.codePointAt(unit));
			while (end < original.length() && combining(original.codePointAt(end))) {
				end += Character.charCount(original.codePointAt(end));
			}
			if (!dropped[unit] && original.charAt(unit) != '\u00AD') {
				char first = original.charAt(unit);
				// Most text is ASCII, which normalisation leaves alone but for its case.
				String normal = end == unit + 1 && first < 0x80 ? ASCII_LOWER[first]
						: unify(Normalizer.normalize(original.substring(unit, end), Normalizer.Form.NFKC))
							.toLowerCase(Locale.ROOT);
				for (int i = 0; i < normal.length(); i++) {
					char c = normal.charAt(i);
					if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
						space = true;
						continue;
					}
					if (text.length() + 2 > starts.length) {
						starts = java.util.Arrays.copyOf(starts, starts.length * 2);
						ends = java.util.Arrays.copyOf(ends, ends.length * 2);
					}
					if (space && !text.isEmpty()) {
						starts[text.length()] = unit;
						ends[text.length()] = unit;
						text.append(' ');
					}
					space = false;
					starts[text.length()] = unit;
					ends[text.length()] = end;
					text.append(c);
				}
			}
			unit = end;
		}
		return new Mapped(text.toString(), java.util.Arrays.copyOf(starts, text.length()),
				java.util.Arrays.copyOf(ends, text.length()));
	}

	private static final String[] ASCII_LOWER = new String[0x80];

	static {
		for (char c = 0; c < 0x80; c++) {
			ASCII_LOWER[c] = String.valueOf(Character.toLowerCase(c));
		}
	}

	private static boolean combining(int codePoint) {
		int type = Character.getType(codePoint);
		return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
				|| type == Character.COMBINING_SPACING_MARK;
	}

	private static String unify(String text) {
		return text.replace('\u2018', '\'')
			.replace('\u2019', '\'')
			.replace('\u201C', '"')
			.replace('\u201D', '"')
			.replace('\u2013', '-')
			.replace('\u2014', '-');
	}

}
