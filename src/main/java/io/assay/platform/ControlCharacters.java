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
	 * What {@link #firstIn} says, worded in the reader's language: "must not contain
	 * ...".
	 */
	public static @Nullable Wording mustNotContain(@Nullable String text) {
		String found = firstIn(text);
		if (found == null) {
			return null;
		}
		String code = found.substring(found.indexOf("U+"));
		return found.startsWith("half") ? Wording.of("field.half-character", code)
				: Wording.of("field.control-character", code);
	}

	/**
	 * What is wrong with the first character that does not belong in {@code text} ("the
	 * control character U+0000", "half a character, U+D800"), or null if all do.
	 */
	public static @Nullable String firstIn(@Nullable String text) {
		if (text == null) {
			return null;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
				return String.format("the control character U+%04X", (int) c);
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return String.format("half a character, U+%04X", (int) c);
			}
		}
		return null;
	}

}
