package io.assay.document.parsing;

import io.assay.platform.Wording;

/**
 * A file that is of an accepted kind but cannot be used: damaged, password-protected,
 * without pages, too big to parse. The message is written for the person who uploaded it
 * and names the file.
 */
public class UnreadableDocumentException extends Exception {

	private final Wording wording;

	public UnreadableDocumentException(Wording wording) {
		super(wording.english());
		this.wording = wording;
	}

	public UnreadableDocumentException(Wording wording, Throwable cause) {
		super(wording.english(), cause);
		this.wording = wording;
	}

	/** What to tell the person who uploaded it, in their language. */
	public Wording wording() {
		return this.wording;
	}

}
