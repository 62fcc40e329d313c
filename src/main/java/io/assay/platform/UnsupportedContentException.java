package io.assay.platform;

/**
 * Content of a kind Assay does not accept, whatever its name or declared type says (415).
 */
public class UnsupportedContentException extends WordedException {

	public UnsupportedContentException(String detail) {
		super(detail);
	}

	/** Worded in the reader's language when answered. */
	public UnsupportedContentException(Wording wording) {
		super(wording);
	}

}
