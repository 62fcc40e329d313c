package io.assay.document;

/** File names as users gave them, made safe to store and show. */
final class FileNames {

	static final int MAX_LENGTH = 255;

	private FileNames() {
	}

	/** Drops any path a browser sent along, control characters, and overlong tails. */
	static String clean(String name) {
		String base = name.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1);
		base = base.replaceAll("[\\p{Cntrl}]", "").strip();
		if (base.isEmpty()) {
			base = "document";
		}
		if (base.length() <= MAX_LENGTH) {
			return base;
		}
		// Shortened in the middle of the name, so the extension still says what it is.
		int dot = base.lastIndexOf('.');
		String extension = dot > 0 && base.length() - dot <= 16 ? base.substring(dot) : "";
		return base.substring(0, MAX_LENGTH - extension.length() - 1) + "\u2026" + extension;
	}

}
