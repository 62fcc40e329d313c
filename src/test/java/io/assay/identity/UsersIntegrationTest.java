package io.assay.identity;

import java.util.Map;
import java.util.UUID;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator manages the organisation's users; nobody else may, and no one outside.
 */
class UsersIntegrationTest extends IntegrationTest {

	private SignedUp admin;

	@BeforeEach
	void organization() {
		this.admin = this.api.signUp("Managed body");
	}

	@Test
	void adminCreatesUpdatesAndDeletesAUserWithEveryStepAudited() {
		String email = "handler-" + UUID.randomUUID() + "@example.org";
		JsonNode created = this.api
			.post("/v1/users", this.admin.token(), Map.of("email", email, "name", "Hana Handler", "role",
					"project_handler", "password", "handler's quiet orchard 9"))
			.expect(201)
			.json();
		String id = created.at("/user/id").asString();
		assertThat(created.at("/user/role").asString()).isEqualTo("project_handler");
		assertThat(created.at("/temporary_password").isNull()).isTrue();

		JsonNode updated = this.api
			.patch("/v1/users/" + id, this.admin.token(), Map.of("role", "process_manager", "name", "Hana Manager"))
			.expect(200)
			.json();
		assertThat(updated.at("/role").asString()).isEqualTo("process_manager");
		assertThat(updated.at("/name").asString()).isEqualTo("Hana Manager");

		this.api.delete("/v1/users/" + id, this.admin.token()).expect(204);
		this.api.get("/v1/users/" + id, this.admin.token()).expect(404);

		JsonNode trail = this.api.get("/v1/audit-logs?resource_id=" + id + "&sort=seq", this.admin.token())
			.expect(200)
			.json()
			.at("/items");
		assertThat(trail.findValuesAsString("action")).containsExactly("user_created", "user_updated", "user_deleted");
		assertThat(trail.get(1).at("/metadata/changes/role/from").asString()).isEqualTo("project_handler");
		assertThat(trail.get(1).at("/metadata/changes/role/to").asString()).isEqualTo("process_manager");
	}

	@Test
	void aUserCreatedWithoutPasswordGetsATemporaryOneShownOnce() {
		String email = "temp-" + UUID.randomUUID() + "@example.org";
		JsonNode created = this.api
			.post("/v1/users", this.admin.token(),
					Map.of("email", email, "name", "Tem Porary", "role", "project_handler"))
			.expect(201)
			.json();
		String temporary = created.at("/temporary_password").asString();

		this.api.post("/v1/auth/login", null, Map.of("email", email, "password", temporary)).expect(200);
		assertThat(this.api.get("/v1/users/" + created.at("/user/id").asString(), this.admin.token()).body())
			.doesNotContain(temporary);
	}

	@Test
	void invalidUsersAreRefusedFieldByFieldAndNothingIsStored() {
		String email = "bad-" + UUID.randomUUID() + "@example.org";
		JsonNode problem = this.api
			.post("/v1/users", this.admin.token(), Map.of("email", email, "name", "Bad Role", "role", "owner"))
			.expect(422)
			.json();
		assertThat(problem.at("/errors/0/field").asString()).isEqualTo("role");
		assertThat(problem.at("/errors/0/message").asString()).contains("process_manager");

		this.api.post("/v1/users", this.admin.token(), Map.of("email", "nope", "name", "", "role", "admin"))
			.expect(422);
		this.api
			.post("/v1/users", this.admin.token(),
					Map.of("email", email, "name", "Short", "role", "admin", "password", "short"))
			.expect(422);
		this.api.patch("/v1/users/" + this.admin.userId(), this.admin.token(), Map.of("role", "king")).expect(422);

		assertThat(this.database.asOwner()
			.sql("select count(*) from users where email = ?")
			.param(email)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.api.get("/v1/audit-logs?action=user_created", this.admin.token())
			.expect(200)
			.json()
			.at("/total")
			.asLong()).as("only the signup's own user").isEqualTo(1);
	}

	@Test
	void aDuplicateEmailIsAConflictAndLeavesNoAuditEntry() {
		this.api
			.post("/v1/users", this.admin.token(), Map.of("email", this.admin.email(), "name", "Twin", "role", "admin",
					"password", "twin's long password"))
			.expect(409);

		assertThat(this.api.get("/v1/audit-logs?action=user_created", this.admin.token())
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isEqualTo(1);
	}

	@Test
	void theLastAdministratorCannotBeDemotedOrDeleted() {
		SignedUp manager = this.api.member(this.admin, "process_manager");

		this.api.patch("/v1/users/" + this.admin.userId(), this.admin.token(), Map.of("role", "project_handler"))
			.expect(409);
		this.api.delete("/v1/users/" + this.admin.userId(), this.admin.token()).expect(409);

		this.api.patch("/v1/users/" + manager.userId(), this.admin.token(), Map.of("role", "admin")).expect(200);
		this.api.patch("/v1/users/" + this.admin.userId(), this.admin.token(), Map.of("role", "project_handler"))
			.expect(200);
	}

	@Test
	void theTrialTierAllowsFiveUsers() {
		for (int i = 0; i < 4; i++) {
			this.api.member(this.admin, "project_handler");
		}

		JsonNode problem = this.api
			.post("/v1/users", this.admin.token(), Map.of("email", "sixth-" + UUID.randomUUID() + "@example.org",
					"name", "Sixth", "role", "project_handler"))
			.expect(409)
			.json();
		assertThat(problem.at("/detail").asString()).contains("trial tier allows 5 users");
	}

	@Test
	void aDeletedUsersTokensStopWorking() {
		SignedUp handler = this.api.member(this.admin, "project_handler");

		this.api.delete("/v1/users/" + handler.userId(), this.admin.token()).expect(204);

		this.api.get("/v1/me", handler.token()).expect(401);
	}

	@Test
	void usersListIsPaginatedAndSorted() {
		this.api.member(this.admin, "project_handler");
		this.api.member(this.admin, "process_manager");

		JsonNode page = this.api.get("/v1/users?limit=2&page=1&sort=-created_at", this.admin.token())
			.expect(200)
			.json();

		assertThat(page.at("/total").asLong()).isEqualTo(3);
		assertThat(page.at("/items").size()).isEqualTo(2);
		assertThat(page.at("/items/0/role").asString()).isEqualTo("process_manager");
	}

	@Test
	void deactivatingAUserEndsTheirSessionsAndTokensAtOnceAndReactivatingLetsThemSignInAgain() {
		SignedUp handler = this.api.member(this.admin, "project_handler");
		String personal = this.api.post("/v1/api-tokens", handler.token(), Map.of("name", "ci"))
			.expect(201)
			.json()
			.at("/token")
			.asString();

		JsonNode deactivated = this.api
			.patch("/v1/users/" + handler.userId(), this.admin.token(), Map.of("is_active", false))
			.expect(200)
			.json();

		assertThat(deactivated.at("/is_active").asBoolean()).isFalse();
		this.api.get("/v1/me", handler.token()).expect(401);
		this.api.get("/v1/me", personal).expect(401);
		this.api.post("/v1/auth/login", null, Map.of("email", handler.email(), "password", handler.password()))
			.expect(401);

		this.api.patch("/v1/users/" + handler.userId(), this.admin.token(), Map.of("is_active", true)).expect(200);
		// The tokens a deactivation revoked stay revoked.
		this.api.get("/v1/me", personal).expect(401);
		String again = this.api
			.post("/v1/auth/login", null, Map.of("email", handler.email(), "password", handler.password()))
			.expect(200)
			.json()
			.at("/access_token")
			.asString();
		this.api.get("/v1/me", again).expect(200);
		JsonNode trail = this.api
			.get("/v1/audit-logs?resource_id=" + handler.userId() + "&sort=seq", this.admin.token())
			.expect(200)
			.json()
			.at("/items");
		assertThat(trail.findValuesAsString("action")).contains("user_deactivated", "user_reactivated");
	}

	@Test
	void nobodyDeactivatesThemselvesTheLastAdministratorOrAnotherOrganizationsUser() {
		SignedUp handler = this.api.member(this.admin, "project_handler");
		SignedUp stranger = this.api.signUp("Stranger body");

		this.api.patch("/v1/users/" + this.admin.userId(), this.admin.token(), Map.of("is_active", false)).expect(409);
		this.api.patch("/v1/users/" + this.admin.userId(), handler.token(), Map.of("is_active", false)).expect(403);
		this.api.patch("/v1/users/" + handler.userId(), stranger.token(), Map.of("is_active", false)).expect(404);
		this.api.patch("/v1/users/" + handler.userId(), this.admin.token(), Map.of("is_active", "no")).expect(400);
		this.api.get("/v1/me", handler.token()).expect(200);
	}

}
