package io.assay.platform;

/**
 * A resource that does not exist for the current organisation: missing, or another
 * organisation's, which must look exactly the same (404).
 */
public class NotFoundException extends RuntimeException {

	private final String resource;

	/**
	 * @param resource what was not found, in English ("Workflow"); answered in the
	 * reader's language through the message
	 * {@code resource.<its name in lower case, dashed>}
	 */
	public NotFoundException(String resource) {
		super(resource + " not found");
		this.resource = resource;
	}

	/** What was not found, as a message key's last part: "workflow-version". */
	public String resourceKey() {
		return this.resource.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
	}

	public String resource() {
		return this.resource;
	}

}
