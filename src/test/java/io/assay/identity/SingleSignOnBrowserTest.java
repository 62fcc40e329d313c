package io.assay.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.IntegrationTestBase;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on through a real OpenID Connect provider started here
 * (mock-oauth2-server): an administrator sets it up; a colleague signs in through it in
 * Chromium and is made just in time with the provider's role; the next sign-in finds the
 * same person; an address outside the organisation's domains is refused; and once the
 * organisation requires single sign-on, passwords are refused (its administrators keep
 * theirs).
 */
class SingleSignOnBrowserTest extends IntegrationTestBase {

	private static final MockOAuth2Server PROVIDER = startProvider();

	private static final Path DATA_DIRECTORY = temporaryDirectory();

	private static final String CLIENT_ID = "assay-nordlicht";

	private static MockOAuth2Server startProvider() {
		MockOAuth2Server server = new MockOAuth2Server(
				OAuth2Config.Companion.fromJson("{\"interactiveLogin\": false, \"httpServer\": \"NettyWrapper\"}"));
		try {
			server.start(InetAddress.getByName("127.0.0.1"), 0);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
		return server;
	}

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		configure(registry, DATA_DIRECTORY);
		// The provider runs on this machine, which only an operator's allowance reaches.
		registry.add("assay.outbound.allowed-hosts", () -> "localhost,127.0.0.1");
	}

	@AfterAll
	static void stop() {
		PROVIDER.shutdown();
	}

	@Test
	void aColleagueSignsInThroughTheProviderAndPasswordsAreRefusedOnceItIsRequired() {
		SignedUp admin = this.api.signUp("Nordlicht Notified Body");
		SignedUp handler = this.api.member(admin, "project_handler");
		String issuer = PROVIDER.issuerUrl("nordlicht").toString();
		this.api
			.put("/v1/organization/sso", admin.token(), Map.of("issuer", "http://10.1.2.3/realms/x", "client_id",
					CLIENT_ID, "client_secret", "s3cret", "email_domains", List.of("nordlicht.example")))
			.expect(422);
		this.api
			.put("/v1/organization/sso", admin.token(), Map.of("issuer", issuer, "client_id", CLIENT_ID,
					"client_secret", "s3cret", "email_domains", List.of("not a domain")))
			.expect(422);
		JsonNode settings = this.api
			.put("/v1/organization/sso", admin.token(),
					Map.of("issuer", issuer, "client_id", CLIENT_ID, "client_secret", "s3cret-of-the-client",
							"email_domains", List.of("Nordlicht.example"), "default_role", "process_manager"))
			.expect(200)
			.json();
		assertThat(settings.at("/email_domains/0").asString()).isEqualTo("nordlicht.example");
		String read = this.api.get("/v1/organization/sso", admin.token()).expect(200).body();
		assertThat(read).contains(CLIENT_ID).doesNotContain("s3cret-of-the-client");
		this.api.get("/v1/organization/sso", handler.token()).expect(403);
		SignedUp stranger = this.api.signUp("Other body");
		this.api.get("/v1/organization/sso", stranger.token()).expect(404);
		this.api
			.put("/v1/organization/sso", stranger.token(), Map.of("issuer", issuer, "client_id", "other",
					"client_secret", "other", "email_domains", List.of("nordlicht.example")))
			.expect(409);

		try (Browser browser = Browser.open(this.api.base())) {
			signInThroughProvider(browser, "subject-ines", "ines@nordlicht.example", "Ines Nord");
			browser.waitFor(d -> browser.path().equals("/app"));
			assertThat(browser.find("#nav-account").getText()).startsWith("Ines Nord");
			JsonNode people = this.api.get("/v1/users?limit=100", admin.token()).expect(200).json().at("/items");
			JsonNode ines = null;
			for (JsonNode person : people) {
				if (person.at("/email").asString().equals("ines@nordlicht.example")) {
					ines = person;
				}
			}
			assertThat(ines).as("made just in time").isNotNull();
			assertThat(ines.at("/role").asString()).isEqualTo("process_manager");
			assertThat(ines.at("/auth_provider").asString()).isEqualTo("oidc");

			browser.driver().manage().deleteAllCookies();
			signInThroughProvider(browser, "subject-ines", "ines@nordlicht.example", "Ines Nord");
			browser.waitFor(d -> browser.path().equals("/app"));
			assertThat(this.api.get("/v1/users?limit=100", admin.token()).expect(200).json().at("/total").asInt())
				.as("the same person the second time")
				.isEqualTo(3);

			browser.driver().manage().deleteAllCookies();
			signInThroughProvider(browser, "subject-eve", "eve@nordlicht.example", "eve@elsewhere.example", "Eve");
			browser.waitFor(d -> browser.path().equals("/login")
					&& !d.findElements(org.openqa.selenium.By.id("sso-refused")).isEmpty());
			assertThat(browser.find("#sso-refused").getText()).contains("does not serve");

			browser.go("/login");
			browser.type("#sso-email", "someone@unknown-domain.example");
			browser.find("#sign-in-sso").click();
			browser.waitFor(d -> !d.findElements(org.openqa.selenium.By.id("sso-problem")).isEmpty());
		}

		this.api.put("/v1/organization/sso", admin.token(), Map.of("issuer", issuer, "client_id", CLIENT_ID,
				"email_domains", List.of("nordlicht.example"), "default_role", "process_manager", "require_sso", true))
			.expect(200);
		JsonNode refused = this.api
			.post("/v1/auth/login", null, Map.of("email", handler.email(), "password", handler.password()))
			.expect(401)
			.json();
		assertThat(refused.at("/detail").asString()).contains("single sign-on");
		assertThat(
				this.api.post("/v1/auth/login", null, Map.of("email", handler.email(), "password", "not the password"))
					.expect(401)
					.json()
					.at("/detail")
					.asString())
			.as("a wrong password learns nothing")
			.isEqualTo(Accounts.BAD_CREDENTIALS.english());
		this.api.post("/v1/auth/login", null, Map.of("email", admin.email(), "password", admin.password())).expect(200);
		JsonNode trail = this.api.get("/v1/audit-logs?action=sso_configured", admin.token()).expect(200).json();
		assertThat(trail.at("/items/0/metadata/client_secret").asString()).isEqualTo("kept");

		try (Browser browser = Browser.open(this.api.base())) {
			browser.signIn(admin.email(), admin.password());
			browser.go("/settings");
			browser.find("#sso-settings").click();
			browser.waitFor(d -> browser.path().equals("/settings/sso"));
			assertThat(browser.find("#issuer").getAttribute("value")).isEqualTo(issuer);
			assertThat(browser.find("#client_secret").getAttribute("value")).isEmpty();
			assertThat(browser.find("#callback").getAttribute("value"))
				.endsWith("/login/oauth2/code/" + admin.organizationId());
			new org.openqa.selenium.support.ui.Select(browser.find("#default_role")).selectByValue("project_handler");
			browser.find("#save-sso").click();
			browser.waitFor(d -> browser.find("#done").getText().startsWith("Single sign-on saved"));
			browser.screenshot("sso-settings", 1440, 1100);
		}
		assertThat(
				this.api.get("/v1/organization/sso", admin.token()).expect(200).json().at("/default_role").asString())
			.isEqualTo("project_handler");
	}

	private static void signInThroughProvider(Browser browser, String subject, String email, String name) {
		signInThroughProvider(browser, subject, email, email, name);
	}

	/** Types one address on Assay's login page; the provider vouches for another. */
	private static void signInThroughProvider(Browser browser, String subject, String typed, String vouched,
			String name) {
		PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback("nordlicht", subject, "JWT", List.of(CLIENT_ID),
				Map.of("email", vouched, "email_verified", true, "name", name), 3600));
		browser.go("/login");
		browser.type("#sso-email", typed);
		browser.find("#sign-in-sso").click();
	}

}
