package io.assay.platform;

import org.jspecify.annotations.Nullable;

/** A request that is well-formed but conflicts with the current state (409). */
public class ConflictException extends RuntimeException {

	private final @Nullable Wording wording;

	public ConflictException(String detail) {
		super(detail);
		this.wording = null;
	}

	/** Worded in the reader's language when answered. */
	public ConflictException(Wording wording) {
		super(wording.english());
		this.wording = wording;
	}

	public @Nullable Wording wording() {
		return this.wording;
	}

}
