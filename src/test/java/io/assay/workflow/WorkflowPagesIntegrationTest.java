package io.assay.workflow;

import java.util.Map;
import java.util.UUID;

import io.assay.Api;
import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflow pages' own paths: copying a template, refusals shown as pages, history.
 */
class WorkflowPagesIntegrationTest extends IntegrationTest {

	private SignedUp admin;

	private SignedUp manager;

	@BeforeEach
	void organization() {
		this.admin = this.api.signUp("Paged body");
		this.manager = this.api.member(this.admin, "process_manager");
	}

	@Test
	void aTemplateIsCopiedFromTheTemplatesPageIntoTheBuilder() {
		Api browser = this.api.browserSession().signInWithForm(this.manager);
		Response page = browser.get("/workflows/templates", null).expect(200);
		assertThat(page.body()).contains("EU MDR technical documentation pre-check (Annex II and III)")
			.contains("Test report under a harmonised standard");

		Response copied = browser.form("/workflows/templates/eu-mdr-technical-documentation/copy", page, Map.of())
			.expect(302);

		String location = copied.header("Location");
		assertThat(location).matches(".*/workflows/[0-9a-f-]{36}/edit\\?from_template");
		String id = location.replaceAll(".*/workflows/([0-9a-f-]{36})/edit.*", "$1");
		assertThat(browser.get("/workflows/" + id + "/edit?from_template", null).expect(200).body())
			.contains("Copied from the template");
		JsonNode workflow = this.api.get("/v1/workflows/" + id, this.manager.token()).expect(200).json();
		assertThat(workflow.at("/name").asString()).isEqualTo("EU MDR technical documentation pre-check");
	}

	@Test
	void aProjectHandlerIsShownWhyTheBuilderIsClosedToThem() {
		SignedUp handler = this.api.member(this.admin, "project_handler");
		Api browser = this.api.browserSession().signInWithForm(handler);

		Response refused = browser.get("/workflows/new", null).expect(403);

		assertThat(refused.header("Content-Type")).startsWith("text/html");
		assertThat(refused.body()).contains("Only process managers and administrators can create or change workflows");
		assertThat(browser.get("/workflows/templates", null).expect(200).body()).doesNotContain("Use this template");
	}

	@Test
	void anUnknownOrForeignWorkflowIsANotFoundPage() {
		String id = this.api.post("/v1/workflows", this.manager.token(), WorkflowsIntegrationTest.classIIa())
			.expect(201)
			.json()
			.at("/id")
			.asString();
		SignedUp outsider = this.api.signUp("Outside body");
		Api browser = this.api.browserSession().signInWithForm(outsider);

		assertThat(browser.get("/workflows/" + id, null).expect(404).body()).contains("404");
		browser.get("/workflows/" + UUID.randomUUID(), null).expect(404);
		browser.get("/workflows/" + id + "/edit", null).expect(404);
	}

	@Test
	void archivingFromThePageClosesTheBuilder() {
		String id = this.api.post("/v1/workflows", this.manager.token(), WorkflowsIntegrationTest.classIIa())
			.expect(201)
			.json()
			.at("/id")
			.asString();
		Api browser = this.api.browserSession().signInWithForm(this.manager);
		Response page = browser.get("/workflows/" + id, null).expect(200);

		browser.form("/workflows/" + id + "/archive", page, Map.of()).expect(302);

		assertThat(browser.get("/workflows/" + id, null).expect(200).body()).contains("Archived")
			.doesNotContain("id=\"edit-workflow\"");
		assertThat(browser.get("/workflows/" + id + "/edit", null).expect(409).body())
			.contains("This workflow is archived; an archived workflow cannot be changed.");
		Api german = this.api.acceptingLanguage("de").browserSession().signInWithForm(this.admin);
		assertThat(german.get("/workflows/" + id + "/edit", null).expect(409).body())
			.contains("Dieser Workflow ist archiviert; ein archivierter Workflow kann nicht geändert werden.");
		assertThat(german.get("/assessments/new?workflow=" + id, null).expect(409).body())
			.contains("Dieser Workflow ist archiviert; Prüfungen laufen nur mit aktiven Workflows.");
	}

	@Test
	void anEarlierVersionIsShownAsSuch() {
		JsonNode v1 = this.api.post("/v1/workflows", this.manager.token(), WorkflowsIntegrationTest.classIIa())
			.expect(201)
			.json();
		String id = v1.at("/id").asString();
		Map<String, Object> renamed = WorkflowsIntegrationTest.resend(v1);
		renamed.put("name", "Renamed in version 2");
		this.api.put("/v1/workflows/" + id, this.manager.token(), renamed).expect(200);
		Api browser = this.api.browserSession().signInWithForm(this.manager);

		String old = browser.get("/workflows/" + id + "?version=1", null).expect(200).body();

		assertThat(old).contains("Medical device - class IIa").contains("An earlier version");
		assertThat(old).doesNotContain("id=\"edit-workflow\"");
		assertThat(browser.get("/workflows/" + id, null).expect(200).body()).contains("Renamed in version 2");
	}

}
