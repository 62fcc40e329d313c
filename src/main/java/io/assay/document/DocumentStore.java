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

	/**
	 * The stored bytes from the plain byte {@code from} on, reading (and decrypting) as
	 * little before it as the storage allows: a viewer asking for page 180 of a long PDF
	 * does not cost the whole document.
	 */
	InputStream open(String key, long from) throws IOException;

	void delete(String key) throws IOException;

	/**
	 * Seals the object again with the current key if another key sealed it, replacing it
	 * whole (a reader sees the old object or the new one); answers whether it did.
	 */
	boolean reseal(String key) throws IOException;

}
