package io.assay.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up, login, logout and the signed-in user's view of themselves, through HTTP only.
 */
class AccountsIntegrationTest extends IntegrationTest {

	@Test
	void signupCreatesATrialOrganizationWithItsFirstUserAsAdmin() {
		String email = "founder-" + UUID.randomUUID() + "@example.org";
		JsonNode body = this.api
			.post("/v1/signup", null, Map.of("organization_name", "TÜV Example", "email", email, "password",
					"quartz lantern meadow 42", "name", "Frieda Founder"))
			.expect(201)
			.json();

		assertThat(body.at("/organization/name").asString()).isEqualTo("TÜV Example");
		assertThat(body.at("/organization/subscription_tier").asString()).isEqualTo("trial");
		assertThat(body.at("/user/role").asString()).isEqualTo("admin");
		assertThat(body.at("/token_type").asString()).isEqualTo("Bearer");
		String token = body.at("/access_token").asString();
		JsonNode me = this.api.get("/v1/me", token).expect(200).json();
		assertThat(me.at("/user/email").asString()).isEqualTo(email);
		assertThat(me.at("/organization/id").asString()).isEqualTo(body.at("/organization/id").asString());
	}

	@Test
	void organizationOverviewShowsTierUsageAndLimits() {
		SignedUp org = this.api.signUp("Overview body");

		JsonNode overview = this.api.get("/v1/organizations/me", org.token()).expect(200).json();

		assertThat(overview.at("/organization/subscription_tier").asString()).isEqualTo("trial");
		assertThat(overview.at("/usage/assessments").asLong()).isZero();
		assertThat(overview.at("/usage/ai_cost_cents").asLong()).isZero();
		assertThat(overview.at("/users").asLong()).isEqualTo(1);
		assertThat(overview.at("/limits/users").asInt()).isEqualTo(5);
		assertThat(overview.at("/limits/assessments_per_month").asInt()).isEqualTo(25);
	}

	@Test
	void invalidSignupNamesEveryBadFieldAndStoresNothing() {
		String email = "not-an-address-" + UUID.randomUUID();
		JsonNode problem = this.api
			.post("/v1/signup", null, Map.of("organization_name", "", "email", email, "password", "short"))
			.expect(422)
			.json();

		assertThat(problem.at("/type").asString()).isEqualTo("urn:assay:problem:validation");
		assertThat(problem.at("/errors").findValuesAsString("field")).containsExactlyInAnyOrder("organization_name",
				"email", "password", "name");
		assertThat(this.database.asOwner()
			.sql("select count(*) from users where email = ?")
			.param(email)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void malformedJsonGetsA400ProblemWithoutStackTrace() {
		Response response = this.api.post("/v1/signup", null, "{\"organization_name\": ").expect(400);

		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().at("/detail").asString()).startsWith("The request body is not valid JSON");
		assertThat(response.body()).doesNotContain("at tools.").doesNotContain("Exception");
	}

	@Test
	void anAddressKnownElsewhereGetsTheSameAnswerAsANewOne() {
		SignedUp first = this.api.signUp("First body");
		String newAddress = "new-" + UUID.randomUUID() + "@example.org";

		Response known = this.api.post("/v1/signup", null, Map.of("organization_name", "Second body", "email",
				first.email().toUpperCase(), "password", first.password(), "name", "Namesake"));
		Response unknown = this.api.post("/v1/signup", null, Map.of("organization_name", "Third body", "email",
				newAddress, "password", first.password(), "name", "Newcomer"));

		known.expect(201);
		unknown.expect(201);
		assertThat(fieldNames(known.json())).isEqualTo(fieldNames(unknown.json()));
		SignedUp manager = new SignedUp(UUID.fromString(unknown.json().at("/organization/id").asString()),
				UUID.fromString(unknown.json().at("/user/id").asString()), newAddress, first.password(),
				unknown.json().at("/access_token").asString());
		Response added = this.api.post("/v1/users", manager.token(), Map.of("email", first.email(), "name", "Guest",
				"role", "project_handler", "password", "violet harbour engine 17"));
		Response addedNew = this.api.post("/v1/users", manager.token(),
				Map.of("email", "other-" + UUID.randomUUID() + "@example.org", "name", "Guest", "role",
						"project_handler", "password", "violet harbour engine 17"));
		added.expect(201);
		addedNew.expect(201);
		assertThat(fieldNames(added.json())).isEqualTo(fieldNames(addedNew.json()));
		this.api
			.post("/v1/users", manager.token(), Map.of("email", first.email().toUpperCase(), "name", "Twice", "role",
					"project_handler", "password", "violet harbour engine 17"))
			.expect(409);
	}

	@Test
	void aPasswordThatOpensAccountsInTwoOrganizationsAsksWhichOne() {
		SignedUp first = this.api.signUp("Home body");
		JsonNode second = this.api
			.post("/v1/signup", null,
					Map.of("organization_name", "Away body", "email", first.email(), "password", first.password(),
							"name", "Same person"))
			.expect(201)
			.json();

		Response ambiguous = this.api.post("/v1/auth/login", null,
				Map.of("email", first.email(), "password", first.password()));
		ambiguous.expect(409);
		assertThat(ambiguous.json().at("/organizations").findValuesAsString("name"))
			.containsExactlyInAnyOrder("Home body", "Away body");
		String away = second.at("/organization/id").asString();
		String token = this.api
			.post("/v1/auth/login", null,
					Map.of("email", first.email(), "password", first.password(), "organization_id", away))
			.expect(200)
			.json()
			.at("/access_token")
			.asString();
		assertThat(this.api.get("/v1/me", token).expect(200).json().at("/organization/id").asString()).isEqualTo(away);

		Response wrong = this.api.post("/v1/auth/login", null,
				Map.of("email", first.email(), "password", "not the password!"));
		wrong.expect(401);
		assertThat(wrong.body()).doesNotContain("Home body").doesNotContain("Away body");
	}

	private static java.util.List<String> fieldNames(JsonNode node) {
		java.util.List<String> names = new java.util.ArrayList<>();
		node.propertyNames().forEach(name -> {
			names.add(name);
			if (node.get(name).isObject()) {
				fieldNames(node.get(name)).forEach(inner -> names.add(name + "." + inner));
			}
		});
		return names;
	}

	@Test
	void loginReturnsABearerTokenThatWorks() {
		SignedUp org = this.api.signUp("Login body");

		JsonNode grant = this.api
			.post("/v1/auth/login", null, Map.of("email", org.email().toUpperCase(), "password", org.password()))
			.expect(200)
			.json();

		assertThat(grant.at("/token_type").asString()).isEqualTo("Bearer");
		assertThat(grant.at("/expires_in").asLong()).isEqualTo(12 * 3600);
		this.api.get("/v1/me", grant.at("/access_token").asString()).expect(200);
	}

	@Test
	void unknownEmailAndWrongPasswordGetTheSameAnswer() {
		SignedUp org = this.api.signUp("Careful body");

		Response wrongPassword = this.api
			.post("/v1/auth/login", null, Map.of("email", org.email(), "password", "not the password!"))
			.expect(401);
		Response unknownEmail = this.api
			.post("/v1/auth/login", null,
					Map.of("email", "nobody-" + UUID.randomUUID() + "@example.org", "password", "not the password!"))
			.expect(401);

		assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
		assertThat(unknownEmail.header("WWW-Authenticate")).isEqualTo(wrongPassword.header("WWW-Authenticate"));
	}

	@Test
	void failedLoginsAreAuditedIncludingUnknownAddresses() {
		SignedUp org = this.api.signUp("Watchful body");
		String unknown = "ghost-" + UUID.randomUUID() + "@example.org";
		this.api.post("/v1/auth/login", null, Map.of("email", org.email(), "password", "not the password!"))
			.expect(401);
		this.api.post("/v1/auth/login", null, Map.of("email", unknown, "password", "not the password!")).expect(401);

		JsonNode failed = this.api.get("/v1/audit-logs?action=login_failed", org.token()).expect(200).json();
		assertThat(failed.at("/items/0/metadata/reason").asString()).isEqualTo("wrong_password");
		// An address with no account belongs to no organisation: its entry is kept, but
		// no
		// tenant can read it.
		assertThat(this.database.asOwner()
			.sql("select count(*) from audit_logs where organization_id is null and metadata->>'email' = ?")
			.param(unknown)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void repeatedFailedLoginsLockTheAddressEvenForTheRightPassword() {
		SignedUp org = this.api.signUp("Guessed body");
		for (int attempt = 1; attempt <= 5; attempt++) {
			this.api.post("/v1/auth/login", null, Map.of("email", org.email(), "password", "guess number " + attempt))
				.expect(401);
		}

		Response locked = this.api
			.post("/v1/auth/login", null, Map.of("email", org.email(), "password", org.password()))
			.expect(429);

		assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 15L * 60);
		assertThat(locked.json().at("/detail").asString()).contains("Too many failed logins");
		JsonNode refused = this.api.get("/v1/audit-logs?action=login_failed&limit=1", org.token()).expect(200).json();
		assertThat(refused.at("/total").asLong()).isEqualTo(6);
		assertThat(refused.at("/items/0/metadata/reason").asString()).isEqualTo("locked");
	}

	@Test
	void concurrentGuessesCannotCheckMorePasswordsThanTheLimit() {
		SignedUp org = this.api.signUp("Stormed body");
		List<java.util.concurrent.CompletableFuture<Integer>> guesses = java.util.stream.IntStream.range(0, 30)
			.mapToObj(guess -> java.util.concurrent.CompletableFuture.supplyAsync(() -> this.api
				.post("/v1/auth/login", null, Map.of("email", org.email(), "password", "concurrent guess " + guess))
				.status()))
			.toList();
		List<Integer> statuses = guesses.stream().map(java.util.concurrent.CompletableFuture::join).toList();

		assertThat(statuses).filteredOn(status -> status == 401).as("passwords checked").hasSize(5);
		assertThat(statuses).filteredOn(status -> status == 429).hasSize(25);
		assertThat(this.database.asOwner()
			.sql("select count(*) from audit_logs where action = 'login_failed' and metadata->>'email' = ?"
					+ " and metadata->>'reason' = 'wrong_password'")
			.param(org.email())
			.query(Long.class)
			.single()).isEqualTo(5);
		this.api.post("/v1/auth/login", null, Map.of("email", org.email(), "password", org.password())).expect(429);
	}

	@Test
	void unknownAddressesAreThrottledAlikeSoTheLockRevealsNothing() {
		String unknown = "ghost-" + UUID.randomUUID() + "@example.org";
		for (int attempt = 1; attempt <= 5; attempt++) {
			this.api.post("/v1/auth/login", null, Map.of("email", unknown, "password", "guess number " + attempt))
				.expect(401);
		}

		this.api.post("/v1/auth/login", null, Map.of("email", unknown, "password", "guess number 6")).expect(429);
	}

	@Test
	void logoutEndsTheSession() {
		SignedUp org = this.api.signUp("Leaving body");

		this.api.post("/v1/auth/logout", org.token(), "").expect(204);

		this.api.get("/v1/me", org.token()).expect(401);
	}

	@Test
	void requestsWithoutOrWithABadTokenGet401Problems() {
		Response none = this.api.get("/v1/me", null).expect(401);
		Response forged = this.api.get("/v1/me", "assay_forged-token-that-was-never-issued").expect(401);

		assertThat(none.header("Content-Type")).startsWith("application/problem+json");
		assertThat(forged.json().at("/status").asInt()).isEqualTo(401);
		assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
	}

	@Test
	void aSessionTokenIsStoredOnlyAsItsHash() {
		SignedUp org = this.api.signUp("Hashing body");

		long plain = this.database.asOwner()
			.sql("select count(*) from access_tokens where encode(token_hash, 'escape') like ?")
			.param("%" + org.token() + "%")
			.query(Long.class)
			.single();
		long hashed = this.database.asOwner()
			.sql("select count(*) from access_tokens where token_hash = sha256(convert_to(?, 'UTF8'))")
			.param(org.token())
			.query(Long.class)
			.single();
		assertThat(plain).isZero();
		assertThat(hashed).isEqualTo(1);
	}

	@Test
	void unknownPathsAnswerWithProblems() {
		SignedUp org = this.api.signUp("Lost body");

		Response missing = this.api.get("/v1/no-such-thing", org.token()).expect(404);

		assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
		assertThat(missing.json().at("/detail").asString())
			.isEqualTo("There is nothing at /v1/no-such-thing; see /swagger-ui.html for the paths of the API.");
		assertThat(this.api.acceptingLanguage("de")
			.get("/v1/no-such-thing", org.token())
			.expect(404)
			.json()
			.at("/detail")
			.asString())
			.isEqualTo("Unter /v1/no-such-thing gibt es nichts; die Pfade der API stehen unter /swagger-ui.html.");
	}

	@Test
	void requestsTheFirewallRejectsStillGetProblems() {
		Response rejected = this.api.get("/v1/me;jsessionid=x/..;/audit-logs", null);

		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.header("Content-Type")).startsWith("application/problem+json");
		assertThat(rejected.json().at("/status").asInt()).isEqualTo(400);
	}

	private long countOrganizations() {
		return this.database.asOwner().sql("select count(*) from organizations").query(Long.class).single();
	}

}
