package io.assay.document;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload API with documents in an S3-compatible store (a real one, S3Proxy): accepted
 * files land there encrypted and once; refused ones leave no object behind.
 */
class S3DocumentsIntegrationTest extends IntegrationTestBase {

	private static final S3Server S3 = S3Server.start();

	private SignedUp handler;

	private String bucket;

	@DynamicPropertySource
	static void s3Storage(DynamicPropertyRegistry registry) throws IOException {
		// A context of its own, so it also needs files (and an embedded database) of its
		// own.
		configure(registry, Files.createTempDirectory("assay-test-s3-data-"));
		registry.add("assay.documents.storage.type", () -> "s3");
		registry.add("assay.documents.storage.key",
				() -> Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()));
		registry.add("assay.documents.storage.s3.endpoint", S3::endpoint);
		registry.add("assay.documents.storage.s3.bucket", () -> S3Server.BUCKET);
		registry.add("assay.documents.storage.s3.access-key", () -> S3Server.ACCESS_KEY);
		registry.add("assay.documents.storage.s3.secret-key", () -> S3Server.SECRET_KEY);
	}

	private SignedUp admin;

	@BeforeEach
	void organization() {
		this.admin = this.api.signUp("S3 body");
		this.handler = this.api.member(this.admin, "project_handler");
		this.bucket = this.api.oneBucketWorkflow(this.admin.token(), "W");
	}

	@Test
	void deletingTheOrganizationLeavesNoObjectOfItInTheBucket() throws IOException {
		this.api.upload(this.handler.token(), this.bucket, "report.pdf", "application/pdf", SampleFiles.testReport())
			.expect(201);
		this.api.upload(this.handler.token(), this.bucket, "other.pdf", "application/pdf", SampleFiles.testReport())
			.expect(201);
		assertThat(S3.keys(this.handler.organizationId() + "/")).hasSize(2);

		JsonNode deletion = this.api.delete("/v1/organization", this.admin.token(), Map.of("confirm", "S3 body"))
			.expect(200)
			.json();

		assertThat(deletion.at("/stored_objects_removed").asInt()).isEqualTo(2);
		assertThat(S3.keys(this.handler.organizationId() + "/")).isEmpty();
	}

	@Test
	void anUploadIsStoredOnceInTheBucketAndDownloadsIntact() throws IOException {
		byte[] report = SampleFiles.testReport();

		JsonNode document = this.api.upload(this.handler.token(), this.bucket, "report.pdf", "application/pdf", report)
			.expect(201)
			.json();
		this.api.upload(this.handler.token(), this.bucket, "copy.pdf", "application/pdf", report).expect(200);

		assertThat(S3.keys(this.handler.organizationId() + "/"))
			.containsExactly(this.handler.organizationId() + "/" + document.at("/sha256").asString());
		HttpResponse<byte[]> download = this.api.getBytes("/v1/documents/" + document.at("/id").asString(),
				this.handler.token());
		assertThat(download.body()).isEqualTo(report);

		this.api.delete("/v1/documents/" + document.at("/id").asString(), this.handler.token()).expect(204);
		assertThat(S3.keys(this.handler.organizationId() + "/")).isEmpty();
	}

	@ParameterizedTest(name = "{0} is refused and leaves no object")
	@MethodSource("io.assay.document.DocumentsIntegrationTest#refusedFiles")
	void aRefusedFileLeavesNoObject(String what, String name, byte[] content, int status, String reason) {
		Response refused = this.api.upload(this.handler.token(), this.bucket, name, "application/pdf", content)
			.expect(status);

		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(S3.keys(this.handler.organizationId() + "/")).isEmpty();
		assertThat(this.api.get("/v1/documents", this.handler.token()).expect(200).json().at("/total").asLong())
			.isZero();
	}

}
