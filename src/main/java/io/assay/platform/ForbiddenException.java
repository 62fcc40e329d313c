package io.assay.platform;

/** An action this server or this user's role does not allow (403). */
public class ForbiddenException extends RuntimeException {

	public ForbiddenException(String detail) {
		super(detail);
	}

}
