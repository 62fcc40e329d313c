package io.assay.platform;

/** Credentials that do not identify anyone (401). */
public class UnauthenticatedException extends RuntimeException {

	public UnauthenticatedException(String detail) {
		super(detail);
	}

}
