package io.assay.platform;

/**
 * Something that existed and no longer can be used, said so to whoever holds its link
 * (410): a revoked or expired share link.
 */
public class GoneException extends RuntimeException {

	public GoneException(String message) {
		super(message);
	}

}
