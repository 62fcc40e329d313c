package io.assay.platform;

/** A request that is well-formed but conflicts with the current state (409). */
public class ConflictException extends RuntimeException {

	public ConflictException(String detail) {
		super(detail);
	}

}
