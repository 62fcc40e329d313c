package io.assay.platform;

import org.jspecify.annotations.Nullable;

/**
 * NUL and the other control characters have no place in text a person typed: PostgreSQL
 * refuses NUL in text outright, and the rest only hide what a name really says. Tab and
 * line breaks are text. Half a character (a surrogate without its pair, which JSON's
 * {@code \uD800} escape can produce) is no text at all: it cannot be stored, hashed or
 * shown.
 */
public final class ControlCharacters {

	private ControlCharacters() {
	}

	/**
	 * What is wrong with the first character that does not belong in {@code text}, as a
	 * field's problem ("must not contain the control character U+0000", "… half a
	 * character, U+D800"), or null if all belong.
	 */
	public static @Nullable Wording mustNotContain(@Nullable String text) {
		if (text == null) {
			return null;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
				return Wording.of("field.control-character", code(c));
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return Wording.of("field.half-character", code(c));
			}
		}
		return null;
	}

	private static String code(char c) {
		return String.format("U+%04X", (int) c);
	}

}
