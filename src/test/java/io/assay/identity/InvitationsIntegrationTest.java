package io.assay.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.Api.SignedUp;
import io.assay.MailIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invitations and password resets through a real mail server: the link arrives by email,
 * works once, for a while, and only the latest one sent; nobody but an administrator of
 * the organisation may invite; a reset request answers the same for any address.
 */
class InvitationsIntegrationTest extends MailIntegrationTest {

	private SignedUp admin;

	@BeforeEach
	void organization() {
		this.admin = this.api.signUp("Inviting body " + UUID.randomUUID());
	}

	@Test
	void anInviteeFollowsTheEmailedLinkSetsAPasswordAndIsIn() {
		String email = address("invitee");
		JsonNode invitation = this.api
			.post("/v1/invitations", this.admin.token(), Map.of("email", email, "role", "project_handler"))
			.expect(201)
			.json();
		assertThat(invitation.at("/state").asString()).isEqualTo("pending");
		assertThat(invitation.at("/emailed").asBoolean()).isTrue();
		assertThat(invitation.at("/accept_url").isNull()).as("the link is only in the email").isTrue();

		Letter letter = awaitMail(email, 1);
		assertThat(letter.subject()).contains("You are invited to Inviting body");
		assertThat(letter.text()).contains("as Project handler").contains("works once, until");
		String secret = letter.linkPath().substring("/invitations/".length());
		assertThat(this.database.asOwner()
			.sql("select count(*) from invitations where token_hash = sha256(convert_to(?, 'UTF8'))")
			.param(secret)
			.query(Long.class)
			.single()).as("the secret is stored as its hash").isOne();

		String page = this.api.get(letter.linkPath(), null).expect(200).body();
		assertThat(page).contains(email).contains("Project handler");

		JsonNode grant = this.api
			.post("/v1/invitations/accept", null,
					Map.of("token", secret, "name", "Ines Invitee", "password", "a quiet orchard in autumn 7"))
			.expect(200)
			.json();
		JsonNode me = this.api.get("/v1/me", grant.at("/access_token").asString()).expect(200).json();
		assertThat(me.at("/user/email").asString()).isEqualTo(email);
		assertThat(me.at("/user/role").asString()).isEqualTo("project_handler");
		assertThat(me.at("/organization/id").asString()).isEqualTo(this.admin.organizationId().toString());
		this.api.post("/v1/auth/login", null, Map.of("email", email, "password", "a quiet orchard in autumn 7"))
			.expect(200);

		this.api
			.post("/v1/invitations/accept", null,
					Map.of("token", secret, "name", "Twice", "password", "a quiet orchard in autumn 7"))
			.expect(410);
		assertThat(this.api.get(letter.linkPath(), null).expect(410).body()).contains("no longer works");
		assertThat(this.api.get("/v1/invitations", this.admin.token()).expect(200).json().size()).isZero();
		JsonNode trail = this.api
			.get("/v1/audit-logs?resource_id=" + invitation.at("/id").asString() + "&sort=seq", this.admin.token())
			.expect(200)
			.json()
			.at("/items");
		assertThat(trail.findValuesAsString("action")).containsExactly("invitation_created", "invitation_accepted");
	}

	@Test
	void aResendReplacesTheLinkAndARevokeEndsIt() {
		String email = address("resent");
		String id = invite(email, "process_manager");
		String first = awaitMail(email, 1).linkPath();
		assertThat(this.api.post("/v1/invitations/" + id + "/resend", this.admin.token(), Map.of())
			.expect(409)
			.json()
			.at("/detail")
			.asString()).contains("less than a minute");
		this.database.asOwner()
			.sql("update invitations set last_sent_at = now() - interval '5 minutes' where id = ?::uuid")
			.param(id)
			.update();

		JsonNode resent = this.api.post("/v1/invitations/" + id + "/resend", this.admin.token(), Map.of())
			.expect(200)
			.json();
		assertThat(resent.at("/sent_count").asInt()).isEqualTo(2);
		String second = awaitMail(email, 2).linkPath();
		assertThat(second).isNotEqualTo(first);
		this.api.get(first, null).expect(410);
		this.api.get(second, null).expect(200);

		this.api.delete("/v1/invitations/" + id, this.admin.token()).expect(204);
		this.api.get(second, null).expect(410);
		this.api.delete("/v1/invitations/" + id, this.admin.token()).expect(409);
		this.api.post("/v1/invitations/" + id + "/resend", this.admin.token(), Map.of()).expect(409);
	}

	@Test
	void anExpiredLinkNoLongerWorksAndGivesItsSeatBack() {
		String email = address("late");
		String id = invite(email, "project_handler");
		String link = awaitMail(email, 1).linkPath();
		this.database.asOwner()
			.sql("update invitations set expires_at = now() - interval '1 second' where id = ?::uuid")
			.param(id)
			.update();

		this.api.get(link, null).expect(410);
		this.api
			.post("/v1/invitations/accept", null, Map.of("token", link.substring("/invitations/".length()), "name",
					"Late", "password", "a quiet orchard in autumn 7"))
			.expect(410);
		JsonNode listed = this.api.get("/v1/invitations", this.admin.token()).expect(200).json();
		assertThat(listed.get(0).at("/state").asString()).isEqualTo("expired");
	}

	@Test
	void openInvitationsTakeSeatsOfTheTier() {
		for (int i = 0; i < 3; i++) {
			this.api.member(this.admin, "project_handler");
		}
		invite(address("fifth"), "project_handler");

		JsonNode refused = this.api
			.post("/v1/invitations", this.admin.token(), Map.of("email", address("sixth"), "role", "project_handler"))
			.expect(409)
			.json();
		assertThat(refused.at("/detail").asString()).contains("trial tier allows 5 users")
			.contains("4 people and 1 open invitations");
		this.api
			.post("/v1/users", this.admin.token(),
					Map.of("email", address("direct"), "name", "Direct", "role", "project_handler"))
			.expect(409);
	}

	@Test
	void anAddressIsInvitedOnceAndNeverWhenItIsAlreadyAMember() {
		String email = address("twice");
		invite(email, "project_handler");

		assertThat(this.api
			.post("/v1/invitations", this.admin.token(), Map.of("email", email.toUpperCase(), "role", "admin"))
			.expect(409)
			.json()
			.at("/detail")
			.asString()).contains("already been invited");
		assertThat(this.api
			.post("/v1/invitations", this.admin.token(), Map.of("email", this.admin.email(), "role", "admin"))
			.expect(409)
			.json()
			.at("/detail")
			.asString()).contains("already has the address");
	}

	@Test
	void badInvitationsAreRefusedFieldByFieldAndNothingIsStored() {
		this.api.post("/v1/invitations", this.admin.token(), Map.of("email", "not an address", "role", "admin"))
			.expect(422);
		this.api.post("/v1/invitations", this.admin.token(), Map.of("email", "nul\u0000@example.org", "role", "admin"))
			.expect(400);
		this.api
			.post("/v1/invitations", this.admin.token(),
					Map.of("email", "x".repeat(300) + "@example.org", "role", "admin"))
			.expect(422);
		this.api.post("/v1/invitations", this.admin.token(), Map.of("email", address("role"), "role", "owner"))
			.expect(422);
		this.api.post("/v1/invitations", this.admin.token(), Map.of("email", List.of("a"), "role", 5)).expect(400);
		Map<String, Object> noRole = new HashMap<>();
		noRole.put("email", address("norole"));
		this.api.post("/v1/invitations", this.admin.token(), noRole).expect(422);
		this.api
			.post("/v1/invitations/accept", null,
					Map.of("token", "x".repeat(5000), "name", "N", "password", "a quiet orchard in autumn 7"))
			.expect(410);
		this.api.post("/v1/invitations/accept", null, Map.of("token", Map.of("nested", 1))).expect(400);

		assertThat(this.database.asOwner()
			.sql("select count(*) from invitations where organization_id = ?")
			.param(this.admin.organizationId())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void onlyAdministratorsOfTheOrganizationMayInvite() {
		String id = invite(address("guarded"), "project_handler");
		SignedUp manager = this.api.member(this.admin, "process_manager");
		SignedUp handler = this.api.member(this.admin, "project_handler");
		SignedUp stranger = this.api.signUp("Other body " + UUID.randomUUID());

		for (SignedUp outsider : List.of(manager, handler)) {
			this.api.get("/v1/invitations", outsider.token()).expect(403);
			this.api.post("/v1/invitations", outsider.token(), Map.of("email", address("x"), "role", "admin"))
				.expect(403);
			this.api.post("/v1/invitations/" + id + "/resend", outsider.token(), Map.of()).expect(403);
			this.api.delete("/v1/invitations/" + id, outsider.token()).expect(403);
		}
		this.api.get("/v1/invitations", null).expect(401);
		assertThat(this.api.get("/v1/invitations", stranger.token()).expect(200).json().size()).isZero();
		this.api.post("/v1/invitations/" + id + "/resend", stranger.token(), Map.of()).expect(404);
		this.api.delete("/v1/invitations/" + id, stranger.token()).expect(404);
		assertThat(
				this.api.get("/v1/invitations", this.admin.token()).expect(200).json().get(0).at("/state").asString())
			.isEqualTo("pending");
	}

	@Test
	void aForgottenPasswordIsResetByAnEmailedLinkThatWorksOnce() {
		SignedUp handler = this.api.member(this.admin, "project_handler");
		String unknown = address("nobody");

		JsonNode known = this.api.post("/v1/auth/password-reset", null, Map.of("email", handler.email()))
			.expect(202)
			.json();
		JsonNode stranger = this.api.post("/v1/auth/password-reset", null, Map.of("email", unknown)).expect(202).json();
		assertThat(stranger).as("the same answer for an unknown address").isEqualTo(known);

		Letter letter = awaitMail(handler.email(), 1);
		assertThat(letter.subject()).contains("Set a new Assay password");
		String secret = letter.linkPath().substring("/password-reset/".length());
		assertThat(this.api.get(letter.linkPath(), null).expect(200).body()).contains(handler.email());
		this.api.post("/v1/auth/password-reset/complete", null, Map.of("token", secret, "password", "password1234"))
			.expect(422);
		this.api
			.post("/v1/auth/password-reset/complete", null,
					Map.of("token", secret, "password", "a brand new lighthouse keeper 4"))
			.expect(204);

		// Every session of the account ended.
		this.api.get("/v1/me", handler.token()).expect(401);
		this.api.post("/v1/auth/login", null, Map.of("email", handler.email(), "password", handler.password()))
			.expect(401);
		this.api
			.post("/v1/auth/login", null,
					Map.of("email", handler.email(), "password", "a brand new lighthouse keeper 4"))
			.expect(200);
		this.api
			.post("/v1/auth/password-reset/complete", null,
					Map.of("token", secret, "password", "another new lighthouse keeper 5"))
			.expect(410);
		assertThat(mailTo(unknown)).isEmpty();
	}

	private String invite(String email, String role) {
		return this.api.post("/v1/invitations", this.admin.token(), Map.of("email", email, "role", role))
			.expect(201)
			.json()
			.at("/id")
			.asString();
	}

	private static String address(String who) {
		return who + "-" + UUID.randomUUID() + "@example.org";
	}

}
