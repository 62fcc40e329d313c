package io.assay.platform;

/** An action this server or this user's role does not allow (403). */
public class ForbiddenException extends WordedException {

	public ForbiddenException(String detail) {
		super(detail);
	}

	/** Worded in the reader's language when answered. */
	public ForbiddenException(Wording wording) {
		super(wording);
	}

}
