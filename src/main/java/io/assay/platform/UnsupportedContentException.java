package io.assay.platform;

/**
 * Content of a kind Assay does not accept, whatever its name or declared type says (415).
 */
public class UnsupportedContentException extends RuntimeException {

	public UnsupportedContentException(String detail) {
		super(detail);
	}

}
