package io.assay.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headers every kind of answer carries: no framing, a content security policy, no
 * sniffing, no Referer beyond the origin (none at all from share pages), never indexed;
 * and a robots.txt that keeps search engines off share links.
 */
class SecurityHeadersIntegrationTest extends IntegrationTest {

	@Test
	void everyPageTypeCarriesTheHeaders() {
		SignedUp admin = this.api.signUp("Headers body");
		io.assay.Api browser = this.api.browserSession().signInWithForm(admin);
		Map<String, Response> answers = Map.of("API JSON", this.api.get("/v1/me", admin.token()).expect(200),
				"API error",
				this.api.get("/v1/workflows/00000000-0000-0000-0000-000000000000", admin.token()).expect(404),
				"login page", this.api.get("/login", null).expect(200), "signed-in page",
				browser.get("/app", null).expect(200), "static script",
				this.api.get("/js/new-assessment.js", null).expect(200), "unknown share link",
				this.api.get("/public/reports/not-a-token", null).expect(404), "robots.txt",
				this.api.get("/robots.txt", null).expect(200));

		answers.forEach((kind, answer) -> {
			HttpResponse<String> raw = answer.raw();
			assertThat(raw.headers().firstValue("Content-Security-Policy")).as(kind)
				.hasValueSatisfying(
						csp -> assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'self'"));
			assertThat(raw.headers().firstValue("X-Frame-Options")).as(kind).hasValue("DENY");
			assertThat(raw.headers().firstValue("X-Content-Type-Options")).as(kind).hasValue("nosniff");
			assertThat(raw.headers().firstValue("X-Robots-Tag")).as(kind).hasValue("noindex, nofollow");
			assertThat(raw.headers().allValues("Referrer-Policy")).as(kind)
				.containsExactly(kind.equals("unknown share link") ? "no-referrer" : "strict-origin");
		});
	}

	@Test
	void robotsTxtKeepsSearchEnginesOffShareLinks() {
		Response robots = this.api.get("/robots.txt", null).expect(200);

		assertThat(robots.header("Content-Type")).startsWith("text/plain");
		assertThat(robots.body().lines().toList()).contains("User-agent: *", "Disallow: /public/");
		assertThat(List.of(robots.body())).noneMatch(body -> body.contains("<html"));
	}

}
