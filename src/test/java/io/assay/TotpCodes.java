package io.assay;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an authenticator app shows for a base32 secret now (RFC 6238, written here apart
 * from Assay's own, so that a test does not check Assay against itself).
 */
public final class TotpCodes {

	private TotpCodes() {
	}

	public static String now(String base32Secret) {
		return at(base32Secret, Instant.now().getEpochSecond() / 30);
	}

	/**
	 * The code of the next step, which Assay takes now too (a phone's clock may run
	 * ahead): a second code without waiting for the clock.
	 */
	public static String next(String base32Secret) {
		return at(base32Secret, Instant.now().getEpochSecond() / 30 + 1);
	}

	/** A code that is right for none of the steps around now. */
	public static String wrong(String base32Secret) {
		long step = Instant.now().getEpochSecond() / 30;
		java.util.Set<String> right = java.util.Set.of(at(base32Secret, step - 2), at(base32Secret, step - 1),
				at(base32Secret, step), at(base32Secret, step + 1), at(base32Secret, step + 2));
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!right.contains(code)) {
				return code;
			}
		}
	}

	public static String at(String base32Secret, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(decode(base32Secret), "HmacSHA1"));
			byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int o = h[19] & 0xf;
			int value = ((h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff))
					% 1_000_000;
			return String.format("%06d", value);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] decode(String base32) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		ByteBuffer out = ByteBuffer.allocate(base32.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (char c : base32.toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out.put((byte) (buffer >> (bits - 8)));
				bits -= 8;
			}
		}
		return out.array();
	}

}
