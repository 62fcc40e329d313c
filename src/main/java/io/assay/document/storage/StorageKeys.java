package io.assay.document.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.assay.platform.KeyFiles;
import org.jspecify.annotations.Nullable;

/**
 * The AES-256 keys of the document store: the current one, configured or generated once
 * and kept on disk, and those a rotation is moving away from.
 */
public final class StorageKeys {

	private StorageKeys() {
	}

	public static SecretKey load(@Nullable String configured, Path keyFile) throws IOException {
		return new SecretKeySpec(KeyFiles.load(configured, keyFile, "ASSAY_STORAGE_KEY", "document encryption key"),
				"AES");
	}

	/**
	 * The keys a rotation is moving away from ({@code ASSAY_STORAGE_PREVIOUS_KEYS}:
	 * base64 keys separated by commas), which open what they sealed until it is resealed.
	 */
	public static List<SecretKey> previous(@Nullable String configured) {
		if (configured == null || configured.isBlank()) {
			return List.of();
		}
		return Arrays.stream(configured.split(","))
			.map(String::trim)
			.filter(key -> !key.isEmpty())
			.map(key -> (SecretKey) new SecretKeySpec(
					KeyFiles.decode(key, "ASSAY_STORAGE_PREVIOUS_KEYS", "previous document encryption key"), "AES"))
			.toList();
	}

}
