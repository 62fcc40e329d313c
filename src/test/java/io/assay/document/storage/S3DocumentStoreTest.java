package io.assay.document.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import io.assay.document.S3Server;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 store against a real S3-compatible server. */
class S3DocumentStoreTest {

	@TempDir
	Path temp;

	private final S3Server server = S3Server.start();

	private final S3DocumentStore store = new S3DocumentStore(this.server.client(), S3Server.BUCKET, key(), List.of());

	@Test
	void storesReadsAndDeletesEncryptedObjects() throws IOException {
		String key = "org-" + UUID.randomUUID() + "/report";
		byte[] report = SampleFiles.testReport();

		assertThat(this.store.exists(key)).isFalse();
		this.store.put(key, Files.write(this.temp.resolve("report.pdf"), report));

		assertThat(this.store.exists(key)).isTrue();
		try (InputStream in = this.store.open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(report);
		}
		try (S3Client s3 = this.server.client()) {
			byte[] raw = s3.getObjectAsBytes(request -> request.bucket(S3Server.BUCKET).key(key)).asByteArray();
			assertThat(new String(raw, StandardCharsets.ISO_8859_1)).as("what the store's operator sees")
				.doesNotContain("%PDF")
				.doesNotContain("Leakage current");
		}
		this.store.delete(key);
		assertThat(this.store.exists(key)).isFalse();
	}

	@Test
	void largeDocumentsStreamThroughIntact() throws IOException {
		byte[] large = new byte[5 * 1024 * 1024 + 123];
		new SecureRandom().nextBytes(large);
		String key = "org-" + UUID.randomUUID() + "/large";

		this.store.put(key, Files.write(this.temp.resolve("large.bin"), large));

		try (InputStream in = this.store.open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(large);
		}
	}

	@Test
	void aRangeIsReadFromTheChunkThatHoldsIt() throws IOException {
		byte[] large = new byte[3 * ChunkedAesGcm.CHUNK + 17];
		new SecureRandom().nextBytes(large);
		String key = "org-" + UUID.randomUUID() + "/ranged";
		this.store.put(key, Files.write(this.temp.resolve("ranged.bin"), large));

		StoreRanges.assertEveryOffsetReadsTheRightBytes(this.store, key, large);
	}

	@Test
	void anObjectSealedWithAKeyThisCopyDoesNotHaveIsRefusedSayingSo() throws IOException {
		String key = "org-" + UUID.randomUUID() + "/foreign";
		this.store.put(key, Files.write(this.temp.resolve("a.pdf"), SampleFiles.testReport()));
		S3DocumentStore otherKey = new S3DocumentStore(this.server.client(), S3Server.BUCKET, key(), List.of());

		assertThatThrownBy(() -> {
			try (InputStream in = otherKey.open(key)) {
				in.readAllBytes();
			}
		}).isInstanceOf(IOException.class).hasMessageContaining("ASSAY_STORAGE_PREVIOUS_KEYS");
	}

	@Test
	void aRotationResealsAnObjectWithTheCurrentKey() throws IOException {
		SecretKeySpec old = key();
		SecretKeySpec next = key();
		String key = "org-" + UUID.randomUUID() + "/rotated";
		byte[] plain = new byte[3 * ChunkedAesGcm.CHUNK + 5];
		new SecureRandom().nextBytes(plain);
		new S3DocumentStore(this.server.client(), S3Server.BUCKET, old, List.of()).put(key,
				Files.write(this.temp.resolve("rotated.bin"), plain));
		S3DocumentStore rotating = new S3DocumentStore(this.server.client(), S3Server.BUCKET, next, List.of(old));
		try (InputStream in = rotating.open(key, ChunkedAesGcm.CHUNK + 1)) {
			assertThat(in.readAllBytes())
				.isEqualTo(java.util.Arrays.copyOfRange(plain, ChunkedAesGcm.CHUNK + 1, plain.length));
		}

		assertThat(rotating.reseal(key)).isTrue();
		assertThat(rotating.reseal(key)).as("already sealed with the current key").isFalse();

		S3DocumentStore rotated = new S3DocumentStore(this.server.client(), S3Server.BUCKET, next, List.of());
		try (InputStream in = rotated.open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(plain);
		}
		StoreRanges.assertEveryOffsetReadsTheRightBytes(rotated, key, plain);
	}

	private static SecretKeySpec key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return new SecretKeySpec(key, "AES");
	}

}
