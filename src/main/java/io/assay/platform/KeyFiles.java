package io.assay.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 256-bit secret key kept outside the database: configured (base64, the same on every
 * copy of the service), or generated at the first start into a file only the
 * operating-system user may read.
 */
public final class KeyFiles {

	private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);

	private KeyFiles() {
	}

	/**
	 * The key's 32 bytes.
	 * @param setting the setting's name, for messages ({@code ASSAY_STORAGE_KEY})
	 * @param purpose what the key is for, for messages ("document encryption key")
	 */
	public static byte[] load(@Nullable String configured, Path keyFile, String setting, String purpose)
			throws IOException {
		if (configured != null && !configured.isBlank()) {
			return decode(configured.trim(), setting, purpose);
		}
		if (Files.exists(keyFile)) {
			return decode(Files.readString(keyFile).trim(), keyFile.toString(), purpose);
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
		log.info("Generated the {} in {}; back it up", purpose, keyFile.toAbsolutePath().normalize());
		return key;
	}

	/** A key given in a setting: 32 bytes, base64. */
	public static byte[] decode(String base64, String source, String purpose) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The " + purpose + " in " + source + " is not base64", ex);
		}
		if (key.length != 32) {
			throw new IllegalStateException("The " + purpose + " in " + source
					+ " must be 32 bytes, base64-encoded (openssl rand -base64 32); it is " + key.length + " bytes");
		}
		return key;
	}

}
