package io.assay.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.assay.Api;
import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role is refused what it may not do (403), and every endpoint that takes an id
 * answers 404 for another organisation's, exactly as for one that does not exist.
 */
class RolesAndTenantsIntegrationTest extends IntegrationTest {

	private SignedUp adminA;

	private SignedUp adminB;

	@BeforeEach
	void twoOrganizations() {
		this.adminA = this.api.signUp("Body A");
		this.adminB = this.api.signUp("Body B");
	}

	/** The calls only an administrator may make, each given a target user id. */
	private List<Function<String, Response>> adminOnlyCalls(String token) {
		UUID someone = this.adminA.userId();
		return List.of(__ -> this.api.get("/v1/users", token), __ -> this.api.get("/v1/users/" + someone, token),
				__ -> this.api.post("/v1/users", token,
						Map.of("email", "x-" + UUID.randomUUID() + "@example.org", "name", "X", "role", "admin")),
				__ -> this.api.patch("/v1/users/" + someone, token, Map.of("role", "admin")),
				__ -> this.api.delete("/v1/users/" + someone, token), __ -> this.api.get("/v1/audit-logs", token),
				__ -> this.api.get("/v1/audit-logs/verify", token));
	}

	@Test
	void processManagersAndProjectHandlersAreRefusedAdministration() {
		for (String role : List.of("process_manager", "project_handler")) {
			SignedUp member = this.api.member(this.adminA, role);
			for (Function<String, Response> call : adminOnlyCalls(member.token())) {
				Response response = call.apply(null);
				assertThat(response.status()).as("%s: %s", role, response.body()).isEqualTo(403);
				assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			}
		}
		assertThat(this.api.get("/v1/users/" + this.adminA.userId(), this.adminA.token()).status()).isEqualTo(200);
	}

	@Test
	void everyRoleMayReadItselfAndManageItsOwnTokens() {
		for (String role : List.of("process_manager", "project_handler")) {
			SignedUp member = this.api.member(this.adminA, role);
			this.api.get("/v1/me", member.token()).expect(200);
			this.api.get("/v1/organizations/me", member.token()).expect(200);
			String id = this.api.post("/v1/api-tokens", member.token(), Map.of("name", "mine"))
				.expect(201)
				.json()
				.at("/id")
				.asString();
			this.api.get("/v1/api-tokens", member.token()).expect(200);
			this.api.delete("/v1/api-tokens/" + id, member.token()).expect(204);
		}
	}

	@Test
	void anotherOrganizationsUserIsNotFound() {
		String path = "/v1/users/" + this.adminA.userId();

		this.api.get(path, this.adminB.token()).expect(404);
		this.api.patch(path, this.adminB.token(), Map.of("name", "Renamed by B")).expect(404);
		this.api.delete(path, this.adminB.token()).expect(404);

		JsonNode stillThere = this.api.get(path, this.adminA.token()).expect(200).json();
		assertThat(stillThere.at("/name").asString()).isEqualTo("Admin of Body A");
		Response missing = this.api.get("/v1/users/" + UUID.randomUUID(), this.adminB.token()).expect(404);
		assertThat(this.api.get(path, this.adminB.token()).body().replaceAll("\"instance\":\"[^\"]*\"", ""))
			.isEqualTo(missing.body().replaceAll("\"instance\":\"[^\"]*\"", ""));
	}

	@Test
	void anotherOrganizationsApiTokenIsNotFound() {
		String tokenId = this.api.post("/v1/api-tokens", this.adminA.token(), Map.of("name", "A's integration"))
			.expect(201)
			.json()
			.at("/id")
			.asString();

		this.api.delete("/v1/api-tokens/" + tokenId, this.adminB.token()).expect(404);

		assertThat(this.api.get("/v1/api-tokens", this.adminB.token()).expect(200).json().size()).isZero();
		assertThat(this.api.get("/v1/api-tokens", this.adminA.token()).expect(200).json().findValuesAsString("id"))
			.containsExactly(tokenId);
	}

	@Test
	void eachOrganizationListsOnlyItsOwnUsers() {
		this.api.member(this.adminA, "project_handler");

		JsonNode usersOfB = this.api.get("/v1/users", this.adminB.token()).expect(200).json();

		assertThat(usersOfB.at("/total").asLong()).isEqualTo(1);
		assertThat(usersOfB.at("/items/0/id").asString()).isEqualTo(this.adminB.userId().toString());
		assertThat(this.api.get("/v1/organizations/me", this.adminB.token())
			.expect(200)
			.json()
			.at("/organization/id")
			.asString()).isEqualTo(this.adminB.organizationId().toString());
	}

	@Test
	void anIdThatIsNoUuidIsSimplyNotFound() {
		this.api.get("/v1/users/not-a-uuid", this.adminA.token()).expect(404);
	}

	@Test
	void theOrganizationComesFromTheTokenNotTheRequest() {
		Api.Response response = this.api.send(this.api.request("/v1/organizations/me", this.adminB.token())
			.header("X-Organization-Id", this.adminA.organizationId().toString())
			.GET());

		assertThat(response.json().at("/organization/id").asString())
			.isEqualTo(this.adminB.organizationId().toString());
	}

}
