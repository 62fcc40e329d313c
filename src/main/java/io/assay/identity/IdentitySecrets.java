package io.assay.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.assay.platform.KeyFiles;
import org.springframework.stereotype.Component;

/**
 * Secrets Assay must use again, not just recognise (a person's TOTP secret, an identity
 * provider's client secret), encrypted with AES-256-GCM under the identity key, which is
 * kept outside the database. Each is bound to the row it belongs to (the associated
 * data), so that one copied to another row does not decrypt.
 */
@Component
class IdentitySecrets {

	private static final int NONCE_LENGTH = 12;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	IdentitySecrets(IdentityProperties properties) {
		try {
			this.key = new SecretKeySpec(
					KeyFiles.load(properties.key(), properties.keyFile(), "ASSAY_IDENTITY_KEY", "identity secrets key"),
					"AES");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the identity secrets key", ex);
		}
	}

	byte[] encrypt(byte[] secret, String boundTo) {
		byte[] nonce = new byte[NONCE_LENGTH];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, nonce));
			cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(secret);
			return ByteBuffer.allocate(NONCE_LENGTH + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java runtime has AES/GCM", ex);
		}
	}

	/**
	 * @throws IllegalStateException when the value was not sealed under this key for this
	 * row (a changed key, a value moved between rows)
	 */
	byte[] decrypt(byte[] sealed, String boundTo) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(128, sealed, 0, NONCE_LENGTH));
			cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(sealed, NONCE_LENGTH, sealed.length - NONCE_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A stored secret does not open with the identity key (ASSAY_IDENTITY_KEY):"
					+ " was the key changed?", ex);
		}
	}

}
