package io.assay.platform;

/**
 * A resource that does not exist for the current organisation: missing, or another
 * organisation's, which must look exactly the same (404).
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String resource) {
		super(resource + " not found");
	}

}
