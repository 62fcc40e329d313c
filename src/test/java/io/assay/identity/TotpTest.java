package io.assay.identity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-time passwords match RFC 6238's test vectors (SHA-1, last six digits). */
class TotpTest {

	private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@Test
	void codesMatchTheRfcTestVectors() {
		assertThat(Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
		assertThat(Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
		assertThat(Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(1111111111)))).isEqualTo("050471");
		assertThat(Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
		assertThat(Totp.code(SECRET, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
	}

	@Test
	void aCodeIsTakenFromTheNeighbouringStepsOnlyOnceAndOnlyAsSixDigits() {
		Instant now = Instant.ofEpochSecond(1234567890);
		long step = Totp.step(now);
		String before = Totp.code(SECRET, step - 1);

		assertThat(Totp.accepted(SECRET, before, now, 0)).hasValue(step - 1);
		assertThat(Totp.accepted(SECRET, Totp.code(SECRET, step + 1), now, 0)).hasValue(step + 1);
		assertThat(Totp.accepted(SECRET, Totp.code(SECRET, step - 2), now, 0)).isEmpty();
		assertThat(Totp.accepted(SECRET, before, now, step - 1)).as("used already").isEmpty();
		assertThat(Totp.accepted(SECRET, "005 924", now, 0)).hasValue(step);
		assertThat(Totp.accepted(SECRET, "5924", now, 0)).isEmpty();
		assertThat(Totp.accepted(SECRET, "00592４", now, 0)).as("only ASCII digits").isEmpty();
	}

	@Test
	void secretsAreWrittenInBase32ForAuthenticatorApps() {
		assertThat(Totp.base32(SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
		assertThat(Totp.uri(SECRET, "ines@example.org", "Assay (Nord Body)")).isEqualTo(
				"otpauth://totp/Assay%20%28Nord%20Body%29:ines%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
						+ "&issuer=Assay%20%28Nord%20Body%29&algorithm=SHA1&digits=6&period=30");
	}

}
