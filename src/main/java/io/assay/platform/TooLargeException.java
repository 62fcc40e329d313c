package io.assay.platform;

/** A request body over the configured limit (413). */
public class TooLargeException extends RuntimeException {

	public TooLargeException(String detail) {
		super(detail);
	}

}
