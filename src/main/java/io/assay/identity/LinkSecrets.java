package io.assay.identity;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets in the links Assay emails (invitations, password resets): 256 random bits,
 * kept in the database only as a SHA-256, so that whoever reads the tables cannot use a
 * link.
 */
final class LinkSecrets {

	/** Longer than any secret made here: anything longer is not looked up at all. */
	static final int MAX_LENGTH = 64;

	private static final SecureRandom RANDOM = new SecureRandom();

	private LinkSecrets() {
	}

	static String create() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	/** The stored form of a secret. */
	static byte[] digest(String secret) {
		return AccessTokens.digest(secret);
	}

	static boolean plausible(String secret) {
		return !secret.isEmpty() && secret.length() <= MAX_LENGTH && secret.chars()
			.allMatch(
					c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_');
	}

}
