package io.assay.platform;

/** A request body over the configured limit (413). */
public class TooLargeException extends WordedException {

	public TooLargeException(String detail) {
		super(detail);
	}

	/** Worded in the reader's language when answered. */
	public TooLargeException(Wording wording) {
		super(wording);
	}

}
