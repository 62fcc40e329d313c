package io.assay.identity;

import java.util.Map;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person does with their own account: change their password (the old one
 * required), see and end their sessions, choose their language; and the pages for it.
 */
class OwnAccountIntegrationTest extends IntegrationTest {

	@Test
	void changingThePasswordNeedsTheOldOneAndEndsTheOtherSessions() {
		SignedUp admin = this.api.signUp("Password body");
		String other = login(admin, admin.password());

		JsonNode wrong = this.api
			.post("/v1/me/password", admin.token(),
					Map.of("current_password", "not my password at all", "new_password", "a fresh harbour light 42"))
			.expect(422)
			.json();
		assertThat(wrong.at("/errors/0/field").asString()).isEqualTo("current_password");
		JsonNode weak = this.api
			.post("/v1/me/password", admin.token(),
					Map.of("current_password", admin.password(), "new_password", "password1234"))
			.expect(422)
			.json();
		assertThat(weak.at("/errors/0/field").asString()).isEqualTo("new_password");
		this.api.get("/v1/me", other).expect(200);

		this.api
			.post("/v1/me/password", admin.token(),
					Map.of("current_password", admin.password(), "new_password", "a fresh harbour light 42"))
			.expect(204);

		this.api.get("/v1/me", admin.token()).expect(200);
		this.api.get("/v1/me", other).expect(401);
		login(admin, "a fresh harbour light 42");
		this.api.post("/v1/auth/login", null, Map.of("email", admin.email(), "password", admin.password())).expect(401);
	}

	@Test
	void aPersonSeesTheirSessionsWithTheirBrowserAndEndsThem() {
		SignedUp admin = this.api.signUp("Sessions body");
		SignedUp colleague = this.api.member(admin, "project_handler");
		String laptop = this.api
			.send(this.api.request("/v1/auth/login", null)
				.header("Content-Type", "application/json")
				.setHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chromium/140")
				.POST(java.net.http.HttpRequest.BodyPublishers
					.ofString("{\"email\":\"" + admin.email() + "\",\"password\":\"" + admin.password() + "\"}")))
			.expect(200)
			.json()
			.at("/access_token")
			.asString();

		JsonNode sessions = this.api.get("/v1/me/sessions", admin.token()).expect(200).json();
		assertThat(sessions.size()).isEqualTo(2);
		JsonNode laptopSession = sessions.get(0);
		assertThat(laptopSession.at("/user_agent").asString()).contains("Chromium/140");
		assertThat(laptopSession.at("/ip_address").asString()).isEqualTo("127.0.0.1");
		assertThat(laptopSession.at("/current").asBoolean()).isFalse();
		assertThat(sessions.get(1).at("/current").asBoolean()).isTrue();

		String laptopId = laptopSession.at("/id").asString();
		this.api.delete("/v1/me/sessions/" + laptopId, colleague.token()).expect(404);
		this.api.delete("/v1/me/sessions/" + laptopId, admin.token()).expect(204);
		this.api.get("/v1/me", laptop).expect(401);
		this.api.delete("/v1/me/sessions/" + laptopId, admin.token()).expect(404);

		String phone = login(admin, admin.password());
		assertThat(this.api.delete("/v1/me/sessions", admin.token()).expect(200).json().at("/ended").asInt())
			.isEqualTo(1);
		this.api.get("/v1/me", phone).expect(401);
		this.api.get("/v1/me", admin.token()).expect(200);
		this.api.get("/v1/me", colleague.token()).expect(200);
	}

	@Test
	void theChosenLanguageWritesThePages() {
		SignedUp admin = this.api.signUp("Sprachen body");
		Api browser = this.api.browserSession().signInWithForm(admin);
		assertThat(browser.get("/account", null).expect(200).body()).contains("Your account").contains("lang=\"en\"");

		this.api.put("/v1/me/language", admin.token(), Map.of("language", "fr")).expect(422);
		this.api.put("/v1/me/language", admin.token(), Map.of("language", "de")).expect(204);

		String german = browser.get("/account", null).expect(200).body();
		assertThat(german).contains("Ihr Konto").contains("Überall sonst abmelden").contains("lang=\"de\"");
		assertThat(browser.get("/app", null).expect(200).body()).contains("Meine Arbeit")
			.contains("Angemeldet bei Sprachen body als Administrator.");
		this.api
			.put("/v1/me/language", admin.token(),
					new java.util.HashMap<>(java.util.Collections.singletonMap("language", null)))
			.expect(204);
		assertThat(browser.get("/account", null).expect(200).body()).contains("Your account");
	}

	@Test
	void theBrowsersLanguageIsUsedWhenNobodyChoseOne() {
		String page = this.api
			.send(this.api.request("/login", null).header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5").GET())
			.expect(200)
			.body();
		assertThat(page).contains("Passwort vergessen?");
		assertThat(this.api.send(this.api.request("/login", null).header("Accept-Language", "fr-FR").GET())
			.expect(200)
			.body()).contains("Forgot your password?");
	}

	@Test
	void anUnknownPageIsAnHtmlPageAndAnUnknownApiPathIsAProblem() {
		Api.Response page = this.api
			.send(this.api.request("/settings-that-do-not-exist", null).header("Accept", "text/html").GET());
		// Signed out, a page asks to sign in first; signed in, it says there is none.
		assertThat(page.status()).isEqualTo(302);
		SignedUp admin = this.api.signUp("Lost body");
		Api.Response signedIn = this.api
			.send(this.api.request("/settings-that-do-not-exist", admin.token()).header("Accept", "text/html").GET());
		assertThat(signedIn.status()).isEqualTo(404);
		assertThat(signedIn.header("Content-Type")).startsWith("text/html");
		assertThat(signedIn.body()).contains("There is no page at this address");

		Api.Response api = this.api.get("/v1/no-such-thing", admin.token());
		assertThat(api.status()).isEqualTo(404);
		assertThat(api.header("Content-Type")).startsWith("application/problem+json");
	}

	private String login(SignedUp user, String password) {
		return this.api.post("/v1/auth/login", null, Map.of("email", user.email(), "password", password))
			.expect(200)
			.json()
			.at("/access_token")
			.asString();
	}

}
