package io.assay.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.IntegrationTestBase;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page, signed out and signed in, at 1440 and at 390 pixels wide: axe-core finds no
 * violation, and no page is wider than the screen.
 */
class AccessibilityBrowserTest extends IntegrationTestBase {

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		configure(registry, temporaryDirectory());
	}

	@Test
	void noPageHasAnAccessibilityViolationOrScrollsSidewaysAtEitherWidth() throws IOException {
		SignedUp admin = this.api.signUp("Accessible body");
		SignedUp handler = this.api.member(admin, "project_handler");
		Api.StartedOnSample started = this.api.startOnSampleReport(admin, handler);
		this.api.awaitCompleted(started.assessmentId(), handler.token());
		JsonNode assessment = this.api.get("/v1/assessments/" + started.assessmentId(), handler.token())
			.expect(200)
			.json();
		String submission = assessment.at("/submission_id").asString();
		String share = this.api.post("/v1/assessments/" + started.assessmentId() + "/share", handler.token(), Map.of())
			.expect(201)
			.json()
			.at("/url")
			.asString();

		JsonNode revoked = this.api
			.post("/v1/assessments/" + started.assessmentId() + "/share", handler.token(), Map.of())
			.expect(201)
			.json();
		this.api
			.delete("/v1/assessments/" + started.assessmentId() + "/shares/" + revoked.at("/id").asString(),
					handler.token())
			.expect(204);
		String evidence = sharedEvidence(handler, admin);
		String invitation = this.api
			.post("/v1/invitations", admin.token(),
					Map.of("email", "invitee-" + UUID.randomUUID() + "@example.org", "role", "project_handler"))
			.expect(201)
			.json()
			.at("/accept_url")
			.asString();
		Map<String, String> signedOut = new LinkedHashMap<>();
		signedOut.put("invitation", invitation.substring(invitation.indexOf("/invitations/")));
		signedOut.put("used invitation link", "/invitations/" + "x".repeat(43));
		signedOut.put("forgot password", "/forgot-password");
		signedOut.put("shared evidence page", evidence.substring(evidence.indexOf("/public/")));
		signedOut.put("revoked share link", revoked.at("/url").asString().substring(share.indexOf("/public/")));
		signedOut.put("login", "/login");
		signedOut.put("sign-up", "/signup");
		signedOut.put("shared report", share.substring(share.indexOf("/public/")));
		Map<String, String> signedIn = new LinkedHashMap<>();
		signedIn.put("dashboard", "/app");
		signedIn.put("submissions", "/submissions");
		signedIn.put("new submission", "/submissions/new");
		signedIn.put("submission", "/submissions/" + submission);
		signedIn.put("runs", "/assessments");
		signedIn.put("choose a workflow", "/assessments/new");
		signedIn.put("new run", "/assessments/new?workflow=" + started.workflowId());
		signedIn.put("results", "/assessments/" + started.assessmentId());
		signedIn.put("results needing review", "/assessments/" + started.assessmentId() + "?filter=needs-review");
		signedIn.put("workflows", "/workflows");
		signedIn.put("workflow", "/workflows/" + started.workflowId());
		signedIn.put("workflow builder", "/workflows/new");
		signedIn.put("workflow templates", "/workflows/templates");
		signedIn.put("criteria analytics", "/workflows/" + started.workflowId() + "/analytics");
		signedIn.put("page not found", "/assessments/" + UUID.randomUUID());
		signedIn.put("no such page", "/settings-that-do-not-exist");
		signedIn.put("people", "/users");
		signedIn.put("remove a person", "/users/" + handler.userId() + "/delete");
		signedIn.put("your account", "/account");
		signedIn.put("settings", "/settings");

		List<String> problems = new ArrayList<>();
		try (Browser browser = Browser.open(this.api.base())) {
			for (int width : new int[] { 1440, 390 }) {
				browser.resize(width, 900);
				browser.driver().manage().deleteAllCookies();
				check(browser, signedOut, width, problems);
				browser.signIn(admin.email(), admin.password());
				check(browser, signedIn, width, problems);
				browser.go("/assessments/" + started.assessmentId());
				browser.find("a.evidence-link, a.read-link").click();
				browser.waitFor(d -> browser.find("#viewer").getAttribute("data-rendered-page") != null);
				problems.addAll(findings(browser, "results with the viewer open", width));
			}
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * A shared report's evidence page: an assessment whose one criterion the offline
	 * checker answers with a quote, shared.
	 */
	private String sharedEvidence(SignedUp handler, SignedUp admin) throws IOException {
		String assessment = this.api
			.startOnOneDocument(admin, handler,
					List.of(Map.of("name", "Leakage current", "description", "Leakage current was tested and passed.")),
					"report.pdf", SampleFiles.testReport())
			.assessmentId();
		this.api.awaitCompleted(assessment, handler.token());
		JsonNode result = this.api.get("/v1/assessments/" + assessment + "/results", handler.token())
			.expect(200)
			.json()
			.get(0);
		assertThat(result.at("/evidence_items/0/page").asInt()).as("the offline checker quotes a line").isPositive();
		String share = this.api.post("/v1/assessments/" + assessment + "/share", handler.token(), Map.of())
			.expect(201)
			.json()
			.at("/url")
			.asString();
		return share + "/evidence/" + result.at("/id").asString() + "/0";
	}

	private static void check(Browser browser, Map<String, String> pages, int width, List<String> problems) {
		pages.forEach((name, path) -> {
			browser.go(path);
			problems.addAll(findings(browser, name, width));
		});
	}

	private static List<String> findings(Browser browser, String name, int width) {
		List<String> found = new ArrayList<>();
		browser.accessibilityViolations().forEach(violation -> found.add(name + " at " + width + " px: " + violation));
		List<String> wide = browser.widerThanTheWindow();
		if (!wide.isEmpty()) {
			found.add(name + " at " + width + " px: wider than the screen: " + wide);
		}
		return found;
	}

}
