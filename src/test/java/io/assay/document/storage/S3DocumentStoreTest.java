package io.assay.document.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
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

	private final S3DocumentStore store = new S3DocumentStore(this.server.client(), S3Server.BUCKET, key());

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
	void anObjectEncryptedWithAnotherKeyFailsItsIntegrityCheck() throws IOException {
		String key = "org-" + UUID.randomUUID() + "/foreign";
		this.store.put(key, Files.write(this.temp.resolve("a.pdf"), SampleFiles.testReport()));
		S3DocumentStore otherKey = new S3DocumentStore(this.server.client(), S3Server.BUCKET, key());

		assertThatThrownBy(() -> {
			try (InputStream in = otherKey.open(key)) {
				in.readAllBytes();
			}
		}).isInstanceOf(IOException.class).hasMessageContaining("integrity check");
	}

	private static SecretKeySpec key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return new SecretKeySpec(key, "AES");
	}

}
