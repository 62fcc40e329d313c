package io.assay.document.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

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
		EncryptedFileSystemStore store = new EncryptedFileSystemStore(this.temp.resolve("store"), key());
		byte[] plain = new byte[3 * ChunkedAesGcm.CHUNK + 17];
		new SecureRandom().nextBytes(plain);
		store.put("org/ranged", Files.write(this.temp.resolve("ranged.bin"), plain));

		StoreRanges.assertEveryOffsetReadsTheRightBytes(store, "org/ranged", plain);
	}

	@Test
	void aChunkMovedWithinTheObjectFailsItsIntegrityCheckWhenReadByRange() throws IOException {
		EncryptedFileSystemStore store = new EncryptedFileSystemStore(this.temp.resolve("store"), key());
		byte[] plain = new byte[3 * ChunkedAesGcm.CHUNK];
		java.util.Arrays.fill(plain, (byte) 'a');
		store.put("org/moved", Files.write(this.temp.resolve("moved.bin"), plain));
		Path stored = this.temp.resolve("store/org/moved");
		byte[] sealed = Files.readAllBytes(stored);
		int chunk = (int) (ChunkedAesGcm.sealedOffset(1) - ChunkedAesGcm.sealedOffset(0));
		// The first chunk copied over the second: authentic bytes at the wrong index.
		System.arraycopy(sealed, (int) ChunkedAesGcm.sealedOffset(0), sealed, (int) ChunkedAesGcm.sealedOffset(1),
				chunk);
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

	private static SecretKeySpec key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return new SecretKeySpec(key, "AES");
	}

}
