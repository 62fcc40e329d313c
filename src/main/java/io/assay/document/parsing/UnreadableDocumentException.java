package io.assay.document.parsing;

/**
 * A file that is of an accepted kind but cannot be used: damaged, password-protected,
 * without pages, too big to parse. The message is written for the person who uploaded it
 * and names the file.
 */
public class UnreadableDocumentException extends Exception {

	public UnreadableDocumentException(String message) {
		super(message);
	}

	public UnreadableDocumentException(String message, Throwable cause) {
		super(message, cause);
	}

}
