package io.assay.web;

import java.util.Map;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser's way in, over plain HTTP as a browser sends it: the login form with its
 * CSRF token, the session cookie, the signed-in page, sign-out.
 */
class BrowserPagesIntegrationTest extends IntegrationTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Test
	void aPersonSignsInSeesTheirHomePageAndSignsOut() {
		SignedUp org = this.api.signUp("Browser body");
		Response page = this.api.get("/login", null).expect(200);
		assertThat(page.body()).contains("<label for=\"email\">Email address</label>");
		String csrfCookie = cookie(page, "XSRF-TOKEN");

		Response login = form("/login",
				"email=" + encode(org.email()) + "&password=" + encode(org.password()) + "&_csrf=" + csrfToken(page),
				"XSRF-TOKEN=" + csrfCookie)
			.expect(302);
		assertThat(login.header("Location")).endsWith("/app");
		String session = cookie(login, "assay_session");
		assertThat(login.raw().headers().allValues("Set-Cookie"))
			.filteredOn(value -> value.startsWith("assay_session="))
			.singleElement()
			.asString()
			.contains("HttpOnly")
			.contains("SameSite=Lax");
		assertThat(login.raw().headers().allValues("Set-Cookie")).as("the CSRF token is renewed at login")
			.anyMatch(value -> value.startsWith("XSRF-TOKEN=;"));

		// The CSRF token is renewed at login; the home page hands out the new one.
		Response home = this.api.send(this.api.request("/app", null).header("Cookie", "assay_session=" + session).GET())
			.expect(200);
		assertThat(home.body()).contains("<h1>Dashboard</h1>")
			.contains("Admin of Browser body")
			.contains("Browser body");

		Response signOut = form("/logout", "_csrf=" + csrfToken(home),
				"assay_session=" + session + "; XSRF-TOKEN=" + cookie(home, "XSRF-TOKEN"))
			.expect(302);
		assertThat(signOut.header("Location")).contains("/login");
		this.api.get("/v1/me", session).expect(401);
	}

	@Test
	void aFormPostedWithoutItsCsrfTokenIsRefused() {
		SignedUp org = this.api.signUp("Forged body");

		form("/login", "email=" + encode(org.email()) + "&password=" + encode(org.password()), "").expect(403);
	}

	@Test
	void aWrongPasswordShowsTheReasonOnTheForm() {
		Response page = this.api.get("/login", null);

		Response refused = form("/login", "email=nobody%40example.org&password=wrong&_csrf=" + csrfToken(page),
				"XSRF-TOKEN=" + cookie(page, "XSRF-TOKEN"))
			.expect(401);

		assertThat(refused.body()).contains("The email address or password is incorrect.");
	}

	@Test
	void anAddressWithAccountsInTwoOrganizationsChoosesOneOnTheForm() {
		SignedUp home = this.api.signUp("Home office");
		String away = this.api
			.post("/v1/signup", null,
					Map.of("organization_name", "Field office", "email", home.email(), "password", home.password(),
							"name", "Same person"))
			.expect(201)
			.json()
			.at("/organization/id")
			.asString();
		Response page = this.api.get("/login", null);
		String credentials = "email=" + encode(home.email()) + "&password=" + encode(home.password()) + "&_csrf="
				+ csrfToken(page);
		String cookies = "XSRF-TOKEN=" + cookie(page, "XSRF-TOKEN");

		Response choose = form("/login", credentials, cookies).expect(409);
		assertThat(choose.body()).contains("Home office")
			.contains("Field office")
			.contains("name=\"organization_id\" value=\"" + away + "\"");

		form("/login", credentials + "&organization_id=" + away, cookies).expect(302);
	}

	@Test
	void signedOutVisitorsAreSentToTheLoginPage() {
		Response response = this.api.get("/app", null).expect(302);

		assertThat(response.header("Location")).endsWith("/login");
	}

	@Test
	void theSignupPageCreatesAnOrganizationAndSignsIn() {
		Response page = this.api.get("/signup", null).expect(200);
		String email = "browser-" + System.nanoTime() + "@example.org";

		Response created = form("/signup",
				"organization_name=Form+body&name=Fiona+Form&email=" + encode(email)
						+ "&password=quartz+lantern+meadow+42&_csrf=" + csrfToken(page),
				"XSRF-TOKEN=" + cookie(page, "XSRF-TOKEN"))
			.expect(302);

		assertThat(created.header("Location")).endsWith("/app");
		this.api.get("/v1/me", cookie(created, "assay_session")).expect(200);
	}

	@Test
	void apiDocumentationIsPublished() {
		Response docs = this.api.get("/v3/api-docs", null).expect(200);

		assertThat(docs.json().at("/paths").has("/v1/signup")).isTrue();
		assertThat(docs.json().at("/paths").has("/v1/audit-logs/verify")).isTrue();
		Response yaml = this.api.get("/v3/api-docs.yaml", null).expect(200);
		assertThat(yaml.header("Content-Type")).startsWith("application/vnd.oai.openapi");
		assertThat(yaml.body()).startsWith("openapi: ").contains("  /v1/signup:");
		this.api.get("/swagger-ui/index.html", null).expect(200);
	}

	@Test
	void healthIsUp() {
		assertThat(this.api.get("/actuator/health", null).expect(200).json().at("/status").asString()).isEqualTo("UP");
	}

	private Response form(String path, String body, String cookies) {
		HttpRequest.Builder request = this.api.request(path, null)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (!cookies.isEmpty()) {
			request.header("Cookie", cookies);
		}
		return this.api.send(request);
	}

	private static String csrfToken(Response page) {
		Matcher matcher = CSRF.matcher(page.body());
		assertThat(matcher.find()).as("CSRF field in %s", page.body()).isTrue();
		return encode(matcher.group(1));
	}

	private static String cookie(Response response, String name) {
		return response.raw()
			.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(value -> value.startsWith(name + "="))
			.map(value -> value.substring(name.length() + 1, value.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.raw().headers()));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
