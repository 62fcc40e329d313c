package io.assay.document;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTestBase;
import io.assay.document.storage.EncryptedFileSystemStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A storage key rotation as an operator runs it: the new key in
 * {@code ASSAY_STORAGE_KEY}, the old one in {@code ASSAY_STORAGE_PREVIOUS_KEYS}. What the
 * old key sealed (a PDF, a Word document and its layout) is read meanwhile, a pass
 * reseals it with the new key, and afterwards the new key alone opens everything.
 */
class StorageKeyRotationIntegrationTest extends IntegrationTestBase {

	private static final Path DATA = temporaryDirectory();

	private static final byte[] OLD_KEY = randomKey();

	private static final byte[] NEW_KEY = randomKey();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		configure(registry, DATA);
		registry.add("assay.documents.storage.key", () -> Base64.getEncoder().encodeToString(NEW_KEY));
		registry.add("assay.documents.storage.previous-keys", () -> Base64.getEncoder().encodeToString(randomKey())
				+ ", " + Base64.getEncoder().encodeToString(OLD_KEY));
	}

	@Test
	void whatThePreviousKeySealedIsReadThenResealedWithTheCurrentOne() throws Exception {
		SignedUp admin = this.api.signUp("Rotating body");
		String bucket = this.api.oneBucketWorkflow(admin.token(), "Rotation");
		byte[] pdf = SampleFiles.testReport();
		byte[] docx = SampleFiles.docx();
		String report = this.api.upload(admin.token(), bucket, "report.pdf", "application/pdf", pdf)
			.expect(201)
			.json()
			.at("/id")
			.asString();
		String plan = this.api
			.upload(admin.token(), bucket, "plan.docx",
					"application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx)
			.expect(201)
			.json()
			.at("/id")
			.asString();
		boolean laidOut = this.api.getBytes("/v1/documents/" + plan + "/layout.pdf", admin.token()).statusCode() == 200;
		// What an earlier version stored with the old key: every object sealed again with
		// it.
		Path stored = DATA.resolve("documents").resolve(admin.organizationId().toString());
		List<Path> objects;
		try (var files = Files.list(stored)) {
			objects = files.filter(Files::isRegularFile).toList();
		}
		assertThat(objects).hasSize(laidOut ? 3 : 2);
		EncryptedFileSystemStore old = new EncryptedFileSystemStore(DATA.resolve("documents"),
				new SecretKeySpec(OLD_KEY, "AES"), List.of());
		EncryptedFileSystemStore current = new EncryptedFileSystemStore(DATA.resolve("documents"),
				new SecretKeySpec(NEW_KEY, "AES"), List.of());
		for (Path object : objects) {
			String key = admin.organizationId() + "/" + object.getFileName();
			Path plain = Files.createTempFile(DATA, "plain-", ".bin");
			try (InputStream in = current.open(key)) {
				Files.copy(in, plain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			old.put(key, plain);
		}

		// Read meanwhile with the previous key, whole and by range.
		assertThat(this.api.getBytes("/v1/documents/" + report, admin.token()).body()).isEqualTo(pdf);
		assertThat(this.api.getBytes("/v1/documents/" + plan, admin.token()).body()).isEqualTo(docx);
		assertThat(this.api.getBytes("/v1/documents/" + report, admin.token(), "Range", "bytes=10-19").body())
			.isEqualTo(java.util.Arrays.copyOfRange(pdf, 10, 20));

		// A pass run here rather than waited for (the copy's own may run meanwhile too).
		StorageKeyRotation rotation = this.context.getBean(StorageKeyRotation.class);
		StorageKeyRotation.Pass pass = rotation.resealAll();
		assertThat(pass.failed()).isZero();
		assertThat(pass.checked()).isGreaterThanOrEqualTo(objects.size());
		assertThat(rotation.resealAll().resealed()).as("a second pass finds nothing left").isZero();
		assertThat(this.context.getBean(MeterRegistry.class).get("assay.storage.resealed").counter().count())
			.isGreaterThanOrEqualTo(objects.size());

		// The current key alone opens every object now.
		for (Path object : objects) {
			try (InputStream in = current.open(admin.organizationId() + "/" + object.getFileName())) {
				assertThat(in.readAllBytes()).isNotEmpty();
			}
		}
		assertThat(this.api.getBytes("/v1/documents/" + report, admin.token()).body()).isEqualTo(pdf);
		assertThat(this.api.getBytes("/v1/documents/" + plan, admin.token()).body()).isEqualTo(docx);
		assertThat(this.database.asOwner().sql("select count(*) from pending_store_writes").query(Long.class).single())
			.as("nothing left recorded as in progress")
			.isZero();
	}

	private static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

}
