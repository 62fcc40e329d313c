package io.assay.platform;

/**
 * Something that existed and no longer can be used, said so to whoever holds its link
 * (410): a revoked or expired share link.
 */
public class GoneException extends WordedException {

	public GoneException(String message) {
		super(message);
	}

	/** Worded in the reader's language when answered. */
	public GoneException(Wording wording) {
		super(wording);
	}

}
