package io.assay.document.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key of the filesystem store: configured, or generated once and kept on
 * disk.
 */
public final class StorageKeys {

	private static final Logger log = LoggerFactory.getLogger(StorageKeys.class);

	private StorageKeys() {
	}

	public static SecretKey load(@Nullable String configured, Path keyFile) throws IOException {
		if (configured != null && !configured.isBlank()) {
			return decode(configured.trim(), "ASSAY_STORAGE_KEY");
		}
		if (Files.exists(keyFile)) {
			return decode(Files.readString(keyFile).trim(), keyFile.toString());
		}
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		Files.createDirectories(keyFile.toAbsolutePath().getParent());
		Files.writeString(keyFile, Base64.getEncoder().encodeToString(key), StandardOpenOption.CREATE_NEW);
		try {
			Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			log.warn("Could not restrict the permissions of {}", keyFile);
		}
		log.info("Generated the document encryption key in {}; back it up: documents cannot be read without it",
				keyFile.toAbsolutePath().normalize());
		return new SecretKeySpec(key, "AES");
	}

	private static SecretKey decode(String base64, String source) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The document encryption key in " + source + " is not base64", ex);
		}
		if (key.length != 32) {
			throw new IllegalStateException("The document encryption key in " + source
					+ " must be 32 bytes (AES-256), base64-encoded; it is " + key.length + " bytes");
		}
		return new SecretKeySpec(key, "AES");
	}

}
