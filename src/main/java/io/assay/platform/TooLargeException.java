package io.assay.platform;

import org.jspecify.annotations.Nullable;

/** A request body over the configured limit (413). */
public class TooLargeException extends RuntimeException {

	private final @Nullable Wording wording;

	public TooLargeException(String detail) {
		super(detail);
		this.wording = null;
	}

	/** Worded in the reader's language when answered. */
	public TooLargeException(Wording wording) {
		super(wording.english());
		this.wording = wording;
	}

	public @Nullable Wording wording() {
		return this.wording;
	}

}
