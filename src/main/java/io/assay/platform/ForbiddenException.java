package io.assay.platform;

import org.jspecify.annotations.Nullable;

/** An action this server or this user's role does not allow (403). */
public class ForbiddenException extends RuntimeException {

	private final @Nullable Wording wording;

	public ForbiddenException(String detail) {
		super(detail);
		this.wording = null;
	}

	/** Worded in the reader's language when answered. */
	public ForbiddenException(Wording wording) {
		super(wording.english());
		this.wording = wording;
	}

	public @Nullable Wording wording() {
		return this.wording;
	}

}
