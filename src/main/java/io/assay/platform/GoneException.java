package io.assay.platform;

import org.jspecify.annotations.Nullable;

/**
 * Something that existed and no longer can be used, said so to whoever holds its link
 * (410): a revoked or expired share link.
 */
public class GoneException extends RuntimeException {

	private final @Nullable Wording wording;

	public GoneException(String message) {
		super(message);
		this.wording = null;
	}

	/** Worded in the reader's language when answered. */
	public GoneException(Wording wording) {
		super(wording.english());
		this.wording = wording;
	}

	public @Nullable Wording wording() {
		return this.wording;
	}

}
