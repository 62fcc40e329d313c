package io.assay.platform;

/** Credentials that do not identify anyone (401). */
public class UnauthenticatedException extends WordedException {

	/** Worded in the reader's language when answered. */
	public UnauthenticatedException(Wording wording) {
		super(wording);
	}

}
