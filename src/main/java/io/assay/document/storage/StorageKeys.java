package io.assay.document.storage;

import java.io.IOException;
import java.nio.file.Path;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.assay.platform.KeyFiles;
import org.jspecify.annotations.Nullable;

/**
 * The AES-256 key of the filesystem store: configured, or generated once and kept on
 * disk.
 */
public final class StorageKeys {

	private StorageKeys() {
	}

	public static SecretKey load(@Nullable String configured, Path keyFile) throws IOException {
		return new SecretKeySpec(KeyFiles.load(configured, keyFile, "ASSAY_STORAGE_KEY", "document encryption key"),
				"AES");
	}

}
