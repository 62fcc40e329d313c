package io.assay.platform;

import org.jspecify.annotations.Nullable;

/**
 * NUL and the other control characters have no place in text a person typed: PostgreSQL
 * refuses NUL in text outright, and the rest only hide what a name really says. Tab and
 * line breaks are text.
 */
public final class ControlCharacters {

	private ControlCharacters() {
	}

	/**
	 * The first control character in {@code text}, as U+XXXX, or null if there is none.
	 */
	public static @Nullable String firstIn(@Nullable String text) {
		if (text == null) {
			return null;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
				return String.format("U+%04X", (int) c);
			}
		}
		return null;
	}

}
