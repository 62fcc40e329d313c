package io.assay.platform;

/** A request that is well-formed but conflicts with the current state (409). */
public class ConflictException extends WordedException {

	public ConflictException(String detail) {
		super(detail);
	}

	/** Worded in the reader's language when answered. */
	public ConflictException(Wording wording) {
		super(wording);
	}

}
