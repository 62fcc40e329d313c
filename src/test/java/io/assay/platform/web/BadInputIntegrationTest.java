package io.assay.platform.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile text and absurd paging get a precise 400 or 422, never a 500: a NUL or another
 * control character in any JSON field or query parameter, and page numbers past any list.
 */
class BadInputIntegrationTest extends IntegrationTest {

	@Test
	void aControlCharacterInAnyTextFieldIsRefusedNamingTheField() {
		SignedUp admin = this.api.signUp("Bad input body " + UUID.randomUUID());

		assertRefused(
				this.api.post("/v1/signup", null, Map.of("organization_name", "Evil\u0000Corp", "email",
						"nul-" + UUID.randomUUID() + "@example.org", "password", "a long passphrase", "name", "N")),
				"organization_name", "U+0000");
		assertRefused(this.api.post("/v1/auth/login", null,
				Map.of("email", "someone\u0000@example.org", "password", "whatever it is")), "email", "U+0000");
		assertRefused(this.api.post("/v1/workflows", admin.token(),
				Map.of("name", "Class\u0007IIa", "buckets", List.of(Map.of("name", "Docs")), "criteria",
						List.of(Map.of("name", "Signed", "description", "Signed.")))),
				"name", "U+0007");
		assertRefused(
				this.api.post("/v1/workflows", admin.token(),
						Map.of("name", "Class IIa", "buckets", List.of(Map.of("name", "Docs\u0000")), "criteria",
								List.of(Map.of("name", "Signed", "description", "Signed.")))),
				"buckets[0].name", "U+0000");
		assertRefused(this.api.post("/v1/users", admin.token(), Map.of("email",
				"u-" + UUID.randomUUID() + "@example.org", "name", "\u0000", "role", "project_handler")), "name",
				"U+0000");
		assertRefused(this.api.post("/v1/api-tokens", admin.token(), Map.of("name", "ci\u001b[31m")), "name", "U+001B");
		assertRefused(this.api.get("/v1/audit-logs?action=%00", admin.token()), "action", "U+0000");
		assertRefused(this.api.get("/v1/submissions?q=nb%00", admin.token()), "q", "U+0000");

		// Tabs and line breaks are text.
		this.api.post("/v1/api-tokens", admin.token(), Map.of("name", "line one\nline two")).expect(201);
	}

	@Test
	void pagesPastAnyListAreRefusedNotOverflowed() {
		SignedUp admin = this.api.signUp("Paging body " + UUID.randomUUID());
		for (String list : List.of("/v1/workflows", "/v1/assessments", "/v1/users", "/v1/audit-logs")) {
			Response answer = this.api.get(list + "?page=2147483647", admin.token());
			answer.expect(422);
			assertThat(answer.json().at("/errors/0/field").asString()).as(list).isEqualTo("page");
			this.api.get(list + "?page=-1", admin.token()).expect(422);
			this.api.get(list + "?page=99999999999", admin.token()).expect(422);
			this.api.get(list + "?page=100000", admin.token()).expect(200);
		}
	}

	@Test
	void halfACharacterIsRefusedLikeAControlCharacter() throws Exception {
		java.net.http.HttpResponse<String> answer = this.api.httpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.api.base() + "/v1/auth/login"))
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers
					.ofString("{\"email\":\"a@example.org\",\"password\":\"\\uD800 and then some\"}"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("password").contains("half a character, U+D800");
	}

	@Test
	void datesOutsideWhatCanBeStoredAreRefused() {
		SignedUp admin = this.api.signUp("Dates body " + UUID.randomUUID());
		String workflow = this.api
			.post("/v1/workflows", admin.token(),
					Map.of("name", "Dated", "buckets", List.of(Map.of("name", "Docs")), "criteria",
							List.of(Map.of("name", "Signed", "description", "Signed."))))
			.expect(201)
			.json()
			.at("/id")
			.asString();

		Response farFuture = this.api.post("/v1/submissions", admin.token(),
				Map.of("workflow_id", workflow, "reference", "NB-FAR", "due_date", 2147483648L));
		farFuture.expect(422);
		assertThat(farFuture.json().at("/errors/0/field").asString()).isEqualTo("due_date");
		this.api
			.post("/v1/submissions", admin.token(),
					Map.of("workflow_id", workflow, "reference", "NB-OLD", "due_date", "0001-01-01"))
			.expect(422);
		this.api.get("/v1/submissions?created_from=%2B999999999-12-31", admin.token()).expect(400);
		this.api.get("/v1/audit-logs?from=%2B1000000-01-01T00:00:00Z", admin.token()).expect(400);
	}

	private static void assertRefused(Response answer, String field, String character) {
		answer.expect(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().at("/detail").asString()).contains(field).contains(character);
	}

}
