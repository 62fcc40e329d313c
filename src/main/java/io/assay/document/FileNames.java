package io.assay.document;

/** File names as users gave them, made safe to store and show. */
final class FileNames {

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
		return base.length() > 255 ? base.substring(0, 255) : base;
	}

}
