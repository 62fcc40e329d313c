package io.assay.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Personal API tokens: shown once, stored hashed, usable as bearer tokens, revocable. */
class ApiTokensIntegrationTest extends IntegrationTest {

	private SignedUp user;

	@BeforeEach
	void organization() {
		this.user = this.api.signUp("Scripting body");
	}

	@Test
	void aTokenIsShownOnceAndWorksAsBearer() {
		JsonNode created = this.api.post("/v1/api-tokens", this.user.token(), Map.of("name", "CI pipeline"))
			.expect(201)
			.json();
		String secret = created.at("/token").asString();

		this.api.get("/v1/me", secret).expect(200);
		String listed = this.api.get("/v1/api-tokens", this.user.token()).expect(200).body();
		assertThat(listed).contains("CI pipeline").doesNotContain(secret);
		assertThat(this.database.asOwner()
			.sql("select count(*) from access_tokens where token_hash = sha256(convert_to(?, 'UTF8'))")
			.param(secret)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aRevokedTokenStopsWorking() {
		JsonNode created = this.api.post("/v1/api-tokens", this.user.token(), Map.of("name", "old")).expect(201).json();

		this.api.delete("/v1/api-tokens/" + created.at("/id").asString(), this.user.token()).expect(204);

		this.api.get("/v1/me", created.at("/token").asString()).expect(401);
	}

	@Test
	void aTokenWithAnExpiryIsRefusedOnceExpired() {
		JsonNode created = this.api
			.post("/v1/api-tokens", this.user.token(),
					Map.of("name", "short-lived", "expires_at", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
			.expect(201)
			.json();
		String secret = created.at("/token").asString();
		this.api.get("/v1/me", secret).expect(200);

		this.database.asOwner()
			.sql("update access_tokens set expires_at = now() - interval '1 second' where id = ?::uuid")
			.param(created.at("/id").asString())
			.update();

		this.api.get("/v1/me", secret).expect(401);
	}

	@Test
	void anExpiryInThePastOrANamelessTokenIsRefused() {
		this.api
			.post("/v1/api-tokens", this.user.token(),
					Map.of("name", "too late", "expires_at", Instant.now().minusSeconds(60).toString()))
			.expect(422);
		this.api.post("/v1/api-tokens", this.user.token(), Map.of("name", " ")).expect(422);
		this.api.post("/v1/api-tokens", this.user.token(), Map.of("name", "x", "expires_at", "next week")).expect(400);

		assertThat(this.api.get("/v1/api-tokens", this.user.token()).expect(200).json().size()).isZero();
	}

	@Test
	void aColleaguesTokenCannotBeRevoked() {
		SignedUp colleague = this.api.member(this.user, "project_handler");
		String id = this.api.post("/v1/api-tokens", colleague.token(), Map.of("name", "colleague's"))
			.expect(201)
			.json()
			.at("/id")
			.asString();

		this.api.delete("/v1/api-tokens/" + id, this.user.token()).expect(404);
	}

	@Test
	void creatingAndRevokingAreAudited() {
		String id = this.api.post("/v1/api-tokens", this.user.token(), Map.of("name", "audited"))
			.expect(201)
			.json()
			.at("/id")
			.asString();
		this.api.delete("/v1/api-tokens/" + id, this.user.token()).expect(204);

		JsonNode trail = this.api.get("/v1/audit-logs?resource_type=api_token&sort=seq", this.user.token())
			.expect(200)
			.json()
			.at("/items");
		assertThat(trail.findValuesAsString("action")).containsExactly("api_token_created", "api_token_deleted");
		assertThat(trail.findValuesAsString("resource_id")).containsOnly(id);
	}

}
