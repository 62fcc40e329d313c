package io.assay.document.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default store on a real directory. */
class EncryptedFileSystemStoreTest {

	@TempDir
	Path temp;

	@Test
	void aRangeIsReadFromTheChunkThatHoldsIt() throws IOException {
		EncryptedFileSystemStore store = new EncryptedFileSystemStore(this.temp.resolve("store"), key(), List.of());
		byte[] plain = new byte[3 * ChunkedAesGcm.CHUNK + 17];
		new SecureRandom().nextBytes(plain);
		store.put("org/ranged", Files.write(this.temp.resolve("ranged.bin"), plain));

		StoreRanges.assertEveryOffsetReadsTheRightBytes(store, "org/ranged", plain);
	}

	@Test
	void aChunkMovedWithinTheObjectFailsItsIntegrityCheckWhenReadByRange() throws IOException {
		EncryptedFileSystemStore store = new EncryptedFileSystemStore(this.temp.resolve("store"), key(), List.of());
		byte[] plain = new byte[3 * ChunkedAesGcm.CHUNK];
		java.util.Arrays.fill(plain, (byte) 'a');
		store.put("org/moved", Files.write(this.temp.resolve("moved.bin"), plain));
		Path stored = this.temp.resolve("store/org/moved");
		byte[] sealed = Files.readAllBytes(stored);
		byte[] header = new byte[ChunkedAesGcm.LONGEST_HEADER];
		int chunk = (int) (ChunkedAesGcm.sealedOffset(header, 1) - ChunkedAesGcm.sealedOffset(header, 0));
		// The first chunk copied over the second: authentic bytes at the wrong index.
		System.arraycopy(sealed, (int) ChunkedAesGcm.sealedOffset(header, 0), sealed,
				(int) ChunkedAesGcm.sealedOffset(header, 1), chunk);
		Files.write(stored, sealed);

		assertThatThrownBy(() -> {
			try (InputStream in = store.open("org/moved", ChunkedAesGcm.CHUNK + 10)) {
				in.readNBytes(10);
			}
		}).isInstanceOf(IOException.class).hasMessageContaining("integrity check (chunk 1)");
		try (InputStream in = store.open("org/moved", 10)) {
			assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("aaaaa");
		}
	}

	@Test
	void aRotationResealsWhatThePreviousKeySealedAndThenThatKeyCanGo() throws IOException {
		SecretKeySpec old = key();
		SecretKeySpec next = key();
		byte[] plain = new byte[3 * ChunkedAesGcm.CHUNK + 99];
		new SecureRandom().nextBytes(plain);
		new EncryptedFileSystemStore(this.temp.resolve("store"), old, List.of()).put("org/kept",
				Files.write(this.temp.resolve("kept.bin"), plain));
		EncryptedFileSystemStore rotating = new EncryptedFileSystemStore(this.temp.resolve("store"), next,
				List.of(old));
		StoreRanges.assertEveryOffsetReadsTheRightBytes(rotating, "org/kept", plain);

		assertThat(rotating.reseal("org/kept")).isTrue();
		assertThat(rotating.reseal("org/kept")).as("already sealed with the current key").isFalse();

		EncryptedFileSystemStore rotated = new EncryptedFileSystemStore(this.temp.resolve("store"), next, List.of());
		StoreRanges.assertEveryOffsetReadsTheRightBytes(rotated, "org/kept", plain);
		assertThatThrownBy(
				() -> new EncryptedFileSystemStore(this.temp.resolve("store"), old, List.of()).open("org/kept")
					.readAllBytes())
			.isInstanceOf(IOException.class)
			.hasMessageContaining("ASSAY_STORAGE_PREVIOUS_KEYS");
	}

	/**
	 * Objects stored before keys had ids: sealed as the first layout was specified
	 * ("ASY1", the prefix, the chunks), independently of the code that reads them.
	 */
	@Test
	void anObjectOfTheFirstLayoutIsReadWithWhicheverKeyOpensItAndResealed() throws Exception {
		SecretKeySpec old = key();
		SecretKeySpec next = key();
		byte[] plain = new byte[3 * ChunkedAesGcm.CHUNK + 1234];
		new SecureRandom().nextBytes(plain);
		Path stored = this.temp.resolve("store/org/first");
		Files.createDirectories(stored.getParent());
		Files.write(stored, sealedInTheFirstLayout(old, plain));
		EncryptedFileSystemStore rotating = new EncryptedFileSystemStore(this.temp.resolve("store"), next,
				List.of(old));

		StoreRanges.assertEveryOffsetReadsTheRightBytes(rotating, "org/first", plain);
		assertThat(rotating.reseal("org/first")).isTrue();
		assertThat(Files.readAllBytes(stored)).startsWith("ASY2".getBytes(StandardCharsets.US_ASCII));
		StoreRanges.assertEveryOffsetReadsTheRightBytes(
				new EncryptedFileSystemStore(this.temp.resolve("store"), next, List.of()), "org/first", plain);
	}

	private static byte[] sealedInTheFirstLayout(SecretKeySpec key, byte[] plain) throws Exception {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		byte[] header = new byte[12];
		System.arraycopy("ASY1".getBytes(StandardCharsets.US_ASCII), 0, header, 0, 4);
		byte[] prefix = new byte[8];
		new SecureRandom().nextBytes(prefix);
		System.arraycopy(prefix, 0, header, 4, 8);
		out.write(header);
		int chunks = (plain.length + ChunkedAesGcm.CHUNK - 1) / ChunkedAesGcm.CHUNK;
		for (int index = 0; index < chunks; index++) {
			boolean last = index == chunks - 1;
			javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
			byte[] nonce = java.nio.ByteBuffer.allocate(12).put(header, 4, 8).putInt(index).array();
			cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, nonce));
			cipher.updateAAD(header);
			cipher.updateAAD(java.nio.ByteBuffer.allocate(5).putInt(index).put((byte) (last ? 1 : 0)).array());
			out.write(cipher.doFinal(java.util.Arrays.copyOfRange(plain, index * ChunkedAesGcm.CHUNK,
					Math.min(plain.length, (index + 1) * ChunkedAesGcm.CHUNK))));
		}
		return out.toByteArray();
	}

	private static SecretKeySpec key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return new SecretKeySpec(key, "AES");
	}

}
