package io.assay.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator exports everything of the organisation as one archive, then deletes
 * it: no row anywhere holds its id afterwards, no stored object of it is left, its tokens
 * stop, another organisation is untouched, and a record of the deletion is kept outside
 * it.
 */
class OrganizationLifecycleIntegrationTest extends IntegrationTest {

	@Test
	void anAdministratorExportsEverythingThenDeletesTheOrganization() throws IOException {
		SignedUp admin = this.api.signUp("Departing body");
		SignedUp handler = this.api.member(admin, "project_handler");
		Api.StartedOnSample started = this.api.startOnSampleReport(admin, handler);
		this.api.awaitCompleted(started.assessmentId(), handler.token());
		this.api.post("/v1/invitations", admin.token(), Map.of("email", "later@example.org", "role", "admin"))
			.expect(201);
		this.api.post("/v1/api-tokens", handler.token(), Map.of("name", "nightly")).expect(201);
		SignedUp stranger = this.api.signUp("Staying body");
		String strangersBucket = this.api.oneBucketWorkflow(stranger.token(), "Theirs");
		this.api.upload(stranger.token(), strangersBucket, "theirs.pdf", "application/pdf", SampleFiles.testReport())
			.expect(201);

		this.api.get("/v1/organization/export", handler.token()).expect(403);
		HttpResponse<byte[]> export = this.api.getBytes("/v1/organization/export", admin.token());
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Type")).hasValue("application/zip");
		Map<String, byte[]> archive = unzip(export.body());
		JsonNode manifest = JsonMapper.builder().build().readTree(archive.get("manifest.json"));
		assertThat(manifest.at("/organization_id").asString()).isEqualTo(admin.organizationId().toString());
		assertThat(manifest.at("/tables/assessment_results").asLong()).isPositive();
		assertThat(manifest.at("/tables/users").asLong()).isEqualTo(2);
		assertThat(manifest.at("/documents").asInt()).isEqualTo(1);
		String users = new String(archive.get("tables/users.json"), StandardCharsets.UTF_8);
		assertThat(users).contains(admin.email()).contains(handler.email()).doesNotContain("password_hash");
		String everything = archive.entrySet()
			.stream()
			.filter(entry -> entry.getKey().startsWith("tables/"))
			.map(entry -> new String(entry.getValue(), StandardCharsets.UTF_8))
			.reduce("", String::concat);
		assertThat(everything).doesNotContain(stranger.email())
			.doesNotContain(stranger.organizationId().toString())
			.doesNotContain("token_hash")
			.doesNotContain("$argon2");
		String document = archive.keySet()
			.stream()
			.filter(name -> name.startsWith("documents/"))
			.findFirst()
			.orElseThrow();
		assertThat(document).isEqualTo("documents/" + started.documentId() + "/" + "report.pdf");
		assertThat(archive.get(document))
			.isEqualTo(this.api.getBytes("/v1/documents/" + started.documentId(), admin.token()).body());
		assertThat(this.api.get("/v1/audit-logs?action=organization_exported", admin.token())
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isOne();

		this.api.delete("/v1/organization", handler.token()).expect(403);
		this.api.delete("/v1/organization", admin.token(), Map.of("confirm", "Departing")).expect(422);
		this.api.get("/v1/me", admin.token()).expect(200);
		JsonNode deletion = this.api.delete("/v1/organization", admin.token(), Map.of("confirm", "Departing body"))
			.expect(200)
			.json();
		assertThat(deletion.at("/rows_deleted/assessment_results").asLong()).isPositive();
		assertThat(deletion.at("/stored_objects_removed").asInt()).isEqualTo(deletion.at("/stored_objects").asInt())
			.isPositive();

		this.api.get("/v1/me", admin.token()).expect(401);
		this.api.get("/v1/me", handler.token()).expect(401);
		JdbcClient owner = this.database.asOwner();
		assertThat(rowsHolding(owner, admin.organizationId())).as("rows anywhere holding the organisation's id")
			.isEmpty();
		Path stored = DATA_DIRECTORY.resolve("documents").resolve(admin.organizationId().toString());
		assertThat(!Files.exists(stored) || isEmpty(stored)).as("no stored object of it").isTrue();
		assertThat(owner.sql("""
				select organization_name from organization_deletions
				 where organization_id_sha256 = sha256(convert_to(?, 'UTF8'))
				""").param(admin.organizationId().toString()).query(String.class).list())
			.containsExactly("Departing body");
		this.api.get("/v1/me", stranger.token()).expect(200);
		assertThat(this.api.get("/v1/documents", stranger.token()).expect(200).json().at("/total").asLong()).isOne();
	}

	@Test
	void theSettingsPageDeletesTheOrganizationOnlyWithItsExactName() {
		SignedUp admin = this.api.signUp("Page-deleted body");
		Api page = this.api.browserSession().signInWithForm(admin);

		Api.Response settings = page.get("/settings", null).expect(200);
		assertThat(settings.body()).contains("/v1/organization/export").contains("delete-organization");
		assertThat(page.form("/settings/delete-organization", settings, Map.of("confirm", "Page-deleted"))
			.expect(302)
			.header("Location")).endsWith("/settings?done=not-deleted");
		this.api.get("/v1/me", admin.token()).expect(200);

		Api.Response deleted = page.form("/settings/delete-organization", page.get("/settings", null),
				Map.of("confirm", "Page-deleted body"));
		assertThat(deleted.expect(302).header("Location")).endsWith("/login?organization_deleted");
		this.api.get("/v1/me", admin.token()).expect(401);
		assertThat(rowsHolding(this.database.asOwner(), admin.organizationId())).isEmpty();
	}

	/** Every "table.column" of type uuid that holds this id in some row. */
	static List<String> rowsHolding(JdbcClient owner, UUID id) {
		return owner.sql("""
				select table_name, column_name from information_schema.columns
				 where table_schema = current_schema() and data_type = 'uuid'
				""").query((rs, n) -> rs.getString(1) + "." + rs.getString(2)).list().stream().filter(column -> {
			String[] parts = column.split("\\.");
			return owner.sql("select count(*) from \"" + parts[0] + "\" where \"" + parts[1] + "\" = ?")
				.param(id)
				.query(Long.class)
				.single() > 0;
		}).toList();
	}

	static Map<String, byte[]> unzip(byte[] zip) throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

	private static boolean isEmpty(Path directory) throws IOException {
		try (var files = Files.walk(directory)) {
			return files.noneMatch(Files::isRegularFile);
		}
	}

}
