package io.assay.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the bytes of documents live. Keys are chosen by {@link Documents} (organisation
 * and content hash); an implementation never sees a file name. Writes are all-or-nothing:
 * a key either holds the complete object or does not exist.
 */
public interface DocumentStore {

	boolean exists(String key) throws IOException;

	/**
	 * Stores the file's bytes under {@code key}, replacing nothing that is there already.
	 */
	void put(String key, Path file) throws IOException;

	/** The stored bytes, as a stream read as it is consumed. */
	InputStream open(String key) throws IOException;

	void delete(String key) throws IOException;

}
