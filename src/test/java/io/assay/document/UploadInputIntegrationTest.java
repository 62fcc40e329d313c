package io.assay.document;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads with hostile framing: a file name of a thousand characters on a tiny file, and
 * multipart bodies that are broken. Each gets a precise answer, never a 500, and nothing
 * is stored from a refused one.
 */
class UploadInputIntegrationTest extends IntegrationTest {

	@Test
	void aVeryLongFileNameIsShortenedKeepingItsExtension() throws Exception {
		SignedUp admin = this.api.signUp("Long names body " + UUID.randomUUID());
		String bucket = this.api.oneBucketWorkflow(admin.token(), "Long names");
		String name = "a".repeat(1000) + ".pdf";

		Response uploaded = this.api.upload(admin.token(), bucket, name, "application/pdf", SampleFiles.testReport());

		uploaded.expect(201);
		String stored = uploaded.json().at("/file_name").asString();
		assertThat(stored).endsWith(".pdf").hasSizeLessThanOrEqualTo(255).startsWith("aaaa");
	}

	@Test
	void aBrokenMultipartBodyIsABadRequest() {
		SignedUp admin = this.api.signUp("Broken multipart body " + UUID.randomUUID());
		String bucket = this.api.oneBucketWorkflow(admin.token(), "Broken");
		long before = documents(admin);

		String boundary = "assay-broken";
		String truncated = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"bucket_id\"\r\n\r\n" + bucket
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n%PDF-1.7 and then the body just stops";
		Response cut = send(admin, "multipart/form-data; boundary=" + boundary, truncated);
		assertThat(cut.status()).isEqualTo(400);
		assertThat(cut.header("Content-Type")).startsWith("application/problem+json");

		Response noBoundary = send(admin, "multipart/form-data", "not multipart at all");
		assertThat(noBoundary.status()).isEqualTo(400);

		Response noFile = send(admin, "multipart/form-data; boundary=" + boundary,
				"--" + boundary + "\r\nContent-Disposition: form-data; name=\"bucket_id\"\r\n\r\n" + bucket + "\r\n--"
						+ boundary + "--\r\n");
		assertThat(noFile.status()).isIn(400, 422);

		assertThat(documents(admin)).isEqualTo(before);
	}

	private Response send(SignedUp admin, String contentType, String body) {
		return this.api.send(this.api.request("/v1/documents", admin.token())
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	private long documents(SignedUp admin) {
		return this.database.asOwner()
			.sql("select count(*) from documents where organization_id = ?")
			.param(admin.organizationId())
			.query(Long.class)
			.single();
	}

	@Test
	void largeUploadPartsWaitInTheScratchFolderNotTheSystemsTemporaryOne() {
		String location = this.context.getBean(jakarta.servlet.MultipartConfigElement.class).getLocation();

		assertThat(java.nio.file.Path.of(location)).isAbsolute()
			.isEqualTo(this.context.getBean(ScratchDirectory.class).path());
	}

}
