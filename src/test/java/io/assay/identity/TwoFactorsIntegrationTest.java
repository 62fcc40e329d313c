package io.assay.identity;

import java.util.Map;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import io.assay.TotpCodes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two factors through the API: a person sets up an authenticator app; their login then
 * waits for its code (or a recovery code, once), each code works once, wrong codes lock
 * like wrong passwords; an organisation that demands two factors has its people set one
 * up at their next sign-in; only its administrators change that or clear a person's.
 */
class TwoFactorsIntegrationTest extends IntegrationTest {

	@Test
	void anEnrolledPersonSignsInWithTheirPasswordAndACodeThatWorksOnce() {
		SignedUp admin = this.api.signUp("Two factor body");
		JsonNode recovery = enrol(admin);
		assertThat(recovery.size()).isEqualTo(10);
		assertThat(this.database.asOwner()
			.sql("select octet_length(totp_secret) from users where id = ?")
			.param(admin.userId())
			.query(Integer.class)
			.single()).as("the 20-byte secret is stored sealed: nonce, ciphertext, tag").isEqualTo(12 + 20 + 16);

		JsonNode challenge = this.api
			.post("/v1/auth/login", null, Map.of("email", admin.email(), "password", admin.password()))
			.expect(401)
			.json();
		assertThat(challenge.at("/type").asString()).isEqualTo("urn:assay:problem:second-factor-required");
		assertThat(challenge.at("/enrolment").isMissingNode()).isTrue();
		String token = challenge.at("/challenge").asString();
		this.api
			.post("/v1/auth/login/second-factor", null,
					Map.of("challenge", token, "code", TotpCodes.wrong(this.lastSecret)))
			.expect(401);
		// The code the enrolment was confirmed with works no more.
		this.api.post("/v1/auth/login/second-factor", null, Map.of("challenge", token, "code", this.enrolmentCode))
			.expect(401);
		String code = TotpCodes.next(this.lastSecret);
		JsonNode grant = this.api.post("/v1/auth/login/second-factor", null, Map.of("challenge", token, "code", code))
			.expect(200)
			.json();
		this.api.get("/v1/me", grant.at("/access_token").asString()).expect(200);
		this.api.post("/v1/auth/login/second-factor", null, Map.of("challenge", token, "code", code)).expect(401);

		String again = login(admin);
		this.api.post("/v1/auth/login/second-factor", null, Map.of("challenge", again, "code", code))
			.expect(401)
			.json();
		String recoveryCode = recovery.get(0).asString();
		this.api.post("/v1/auth/login/second-factor", null, Map.of("challenge", again, "code", recoveryCode))
			.expect(200);
		this.api
			.post("/v1/auth/login/second-factor", null,
					Map.of("challenge", login(admin), "code", recoveryCode.toUpperCase()))
			.expect(401);
		assertThat(
				this.api.get("/v1/me/two-factor", admin.token()).expect(200).json().at("/recovery_codes_left").asInt())
			.isEqualTo(9);
		JsonNode trail = this.api.get("/v1/audit-logs?action=login_succeeded", admin.token()).expect(200).json();
		assertThat(trail.at("/items").findValuesAsString("second_factor")).contains("totp", "recovery_code");
	}

	@Test
	void wrongCodesLockTheAddressLikeWrongPasswords() {
		SignedUp admin = this.api.signUp("Locked factor body");
		enrol(admin);
		String wrong = TotpCodes.wrong(this.lastSecret);
		String token = login(admin);
		int refused = 0;
		Api.Response answer = null;
		for (int i = 0; i < 6; i++) {
			answer = this.api.post("/v1/auth/login/second-factor", null, Map.of("challenge", token, "code", wrong));
			if (answer.status() == 401) {
				refused++;
			}
			if (answer.status() == 429) {
				break;
			}
		}
		assertThat(refused).isBetween(1, 4);
		assertThat(answer.status()).isEqualTo(429);
		this.api.post("/v1/auth/login", null, Map.of("email", admin.email(), "password", admin.password())).expect(429);
	}

	@Test
	void anOrganizationThatDemandsTwoFactorsHasItsPeopleSetOneUpAtTheirNextSignIn() {
		SignedUp admin = this.api.signUp("Demanding body");
		SignedUp handler = this.api.member(admin, "project_handler");
		SignedUp stranger = this.api.signUp("Relaxed body");
		this.api.patch("/v1/organizations/me/settings", handler.token(), Map.of("require_two_factor", true))
			.expect(403);
		this.api.patch("/v1/organizations/me/settings", admin.token(), Map.of("require_two_factor", "yes")).expect(400);

		JsonNode settings = this.api
			.patch("/v1/organizations/me/settings", admin.token(), Map.of("require_two_factor", true))
			.expect(200)
			.json();
		assertThat(settings.at("/require_two_factor").asBoolean()).isTrue();
		this.api.post("/v1/auth/login", null, Map.of("email", stranger.email(), "password", stranger.password()))
			.expect(200);

		JsonNode challenge = this.api
			.post("/v1/auth/login", null, Map.of("email", handler.email(), "password", handler.password()))
			.expect(401)
			.json();
		String secret = challenge.at("/enrolment/secret").asString();
		assertThat(challenge.at("/enrolment/otpauth_uri").asString()).startsWith("otpauth://totp/")
			.contains("secret=" + secret);
		JsonNode passed = this.api
			.post("/v1/auth/login/second-factor", null,
					Map.of("challenge", challenge.at("/challenge").asString(), "code", TotpCodes.now(secret)))
			.expect(200)
			.json();
		assertThat(passed.at("/recovery_codes").size()).isEqualTo(10);
		JsonNode status = this.api.get("/v1/me/two-factor", passed.at("/access_token").asString()).expect(200).json();
		assertThat(status.at("/enabled").asBoolean()).isTrue();
		assertThat(status.at("/required_by_organization").asBoolean()).isTrue();
		this.api.post("/v1/me/two-factor/disable", handler.token(), Map.of("password", handler.password())).expect(409);
		JsonNode people = this.api.get("/v1/users/" + handler.userId(), admin.token()).expect(200).json();
		assertThat(people.at("/two_factor").asBoolean()).isTrue();

		this.api.delete("/v1/users/" + handler.userId() + "/two-factor", handler.token()).expect(403);
		this.api.delete("/v1/users/" + handler.userId() + "/two-factor", stranger.token()).expect(404);
		this.api.delete("/v1/users/" + handler.userId() + "/two-factor", admin.token()).expect(204);
		assertThat(
				this.api.post("/v1/auth/login", null, Map.of("email", handler.email(), "password", handler.password()))
					.expect(401)
					.json()
					.at("/enrolment/secret")
					.asString())
			.as("set up again after the administrator cleared it")
			.isNotEqualTo(secret);
	}

	@Test
	void turningTwoFactorsOffTakesThePassword() {
		SignedUp admin = this.api.signUp("Undecided body");
		enrol(admin);
		this.api.post("/v1/me/two-factor", admin.token(), Map.of()).expect(409);

		this.api.post("/v1/me/two-factor/disable", admin.token(), Map.of("password", "not the password at all"))
			.expect(422);
		this.api.post("/v1/me/two-factor/disable", admin.token(), Map.of("password", admin.password())).expect(204);

		this.api.post("/v1/auth/login", null, Map.of("email", admin.email(), "password", admin.password())).expect(200);
	}

	private String lastSecret = "";

	private String enrolmentCode = "";

	private JsonNode enrol(SignedUp user) {
		this.lastSecret = this.api.post("/v1/me/two-factor", user.token(), Map.of())
			.expect(200)
			.json()
			.at("/secret")
			.asString();
		this.api.post("/v1/me/two-factor/confirm", user.token(), Map.of("code", TotpCodes.wrong(this.lastSecret)))
			.expect(422);
		this.enrolmentCode = TotpCodes.now(this.lastSecret);
		return this.api.post("/v1/me/two-factor/confirm", user.token(), Map.of("code", this.enrolmentCode))
			.expect(200)
			.json()
			.at("/recovery_codes");
	}

	private String login(SignedUp user) {
		return this.api.post("/v1/auth/login", null, Map.of("email", user.email(), "password", user.password()))
			.expect(401)
			.json()
			.at("/challenge")
			.asString();
	}

}
