package io.assay.workflow;

import java.util.Map;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The templates Assay ships load, copy into an organisation, and save as workflows. */
class WorkflowTemplatesIntegrationTest extends IntegrationTest {

	@Test
	void theMdrTemplateLoadsCopiesAndSavesAsAWorkflow() {
		SignedUp admin = this.api.signUp("Template body");
		JsonNode templates = this.api.get("/v1/workflow-templates", admin.token()).expect(200).json();
		assertThat(templates.findValuesAsString("key")).contains("eu-mdr-technical-documentation",
				"harmonised-standard-test-report");

		JsonNode template = this.api.get("/v1/workflow-templates/eu-mdr-technical-documentation", admin.token())
			.expect(200)
			.json();
		assertThat(template.at("/basis").asString()).contains("2017/745");
		assertThat(template.at("/workflow/criteria").findValuesAsString("description"))
			.anyMatch(text -> text.contains("ISO 14971:2019"));

		JsonNode copy = this.api.post("/v1/workflow-templates/eu-mdr-technical-documentation/copy", admin.token(), "")
			.expect(201)
			.json();
		assertThat(copy.at("/buckets").size()).isEqualTo(template.at("/workflow/buckets").size());
		assertThat(copy.at("/criteria").size()).isEqualTo(template.at("/workflow/criteria").size());
		assertThat(copy.at("/buckets/0/name").asString()).isEqualTo("Device description and specification");

		Map<String, Object> edited = WorkflowsIntegrationTest.resend(copy);
		edited.put("name", "MDR pre-check, class IIb active devices");
		JsonNode saved = this.api.put("/v1/workflows/" + copy.at("/id").asString(), admin.token(), edited)
			.expect(200)
			.json();
		assertThat(saved.at("/version").asInt()).isEqualTo(2);
		assertThat(saved.at("/criteria")).isEqualTo(copy.at("/criteria"));

		JsonNode created = this.api
			.get("/v1/audit-logs?action=workflow_created&resource_id=" + copy.at("/id").asString(), admin.token())
			.expect(200)
			.json();
		assertThat(created.at("/items/0/metadata/template").asString()).isEqualTo("eu-mdr-technical-documentation");
	}

	@Test
	void anUnknownTemplateIsNotFound() {
		SignedUp admin = this.api.signUp("Curious body");

		this.api.get("/v1/workflow-templates/no-such-template", admin.token()).expect(404);
		this.api.post("/v1/workflow-templates/no-such-template/copy", admin.token(), "").expect(404);
	}

}
