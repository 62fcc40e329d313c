package io.assay.platform;

import org.jspecify.annotations.Nullable;

/**
 * Content of a kind Assay does not accept, whatever its name or declared type says (415).
 */
public class UnsupportedContentException extends RuntimeException {

	private final @Nullable Wording wording;

	public UnsupportedContentException(String detail) {
		super(detail);
		this.wording = null;
	}

	/** Worded in the reader's language when answered. */
	public UnsupportedContentException(Wording wording) {
		super(wording.english());
		this.wording = wording;
	}

	public @Nullable Wording wording() {
		return this.wording;
	}

}
