package io.assay.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The workflow API of ../shared/design/API.md, over HTTP against real PostgreSQL. */
class WorkflowsIntegrationTest extends IntegrationTest {

	private SignedUp admin;

	private SignedUp manager;

	@BeforeEach
	void organization() {
		this.admin = this.api.signUp("Workflow body");
		this.manager = this.api.member(this.admin, "process_manager");
	}

	static Map<String, Object> classIIa() {
		return Map.of("name", "Medical device - class IIa", "description", "Pre-check of class IIa files", "buckets",
				List.of(Map.of("name", "Technical documentation", "required", true),
						Map.of("name", "Test reports", "required", true),
						Map.of("name", "Risk management file", "required", false)),
				"criteria",
				List.of(Map.of("name", "Signed and dated", "description",
						"Every document carries a signature and a date of approval.", "applies_to_bucket_indexes",
						List.of()),
						Map.of("name", "Test summary", "description",
								"The test report has a pass/fail summary of all tests.", "applies_to_bucket_indexes",
								List.of(1), "example_text", "Table 5: summary of results …")));
	}

	@Test
	void createReturnsTheWorkflowWithBucketsAndCriteriaInOrder() {
		Response response = this.api.post("/v1/workflows", this.manager.token(), classIIa()).expect(201);
		JsonNode workflow = response.json();

		assertThat(response.header("Location")).endsWith("/v1/workflows/" + workflow.at("/id").asString());
		assertThat(workflow.at("/version").asInt()).isEqualTo(1);
		assertThat(workflow.at("/is_active").asBoolean()).isTrue();
		assertThat(workflow.at("/created_by").asString()).isEqualTo(this.manager.userId().toString());
		assertThat(workflow.at("/buckets").findValuesAsString("name")).containsExactly("Technical documentation",
				"Test reports", "Risk management file");
		assertThat(workflow.at("/buckets/2/required").asBoolean()).isFalse();
		assertThat(workflow.at("/criteria/0/applies_to_bucket_ids").size()).isZero();
		assertThat(workflow.at("/criteria/1/applies_to_bucket_ids/0").asString())
			.isEqualTo(workflow.at("/buckets/1/id").asString());
		assertThat(workflow.at("/criteria/1/example_text").asString()).isEqualTo("Table 5: summary of results …");
		assertThat(
				this.api.get("/v1/workflows/" + workflow.at("/id").asString(), this.manager.token()).expect(200).json())
			.isEqualTo(workflow);
	}

	@Test
	void aReplaceAddsEditsAndRemovesItemsInOneRequest() {
		JsonNode v1 = this.api.post("/v1/workflows", this.manager.token(), classIIa()).expect(201).json();
		String id = v1.at("/id").asString();
		String technical = v1.at("/buckets/0/id").asString();
		String tests = v1.at("/buckets/1/id").asString();
		String signed = v1.at("/criteria/0/id").asString();

		Map<String, Object> replacement = Map.of("name", "Medical device - class IIa (2027)", "buckets",
				List.of(Map.of("id", tests, "name", "Test reports", "required", true),
						Map.of("id", technical, "name", "Technical documentation (Annex II)", "required", true),
						Map.of("name", "Clinical evaluation", "required", true)),
				"criteria",
				List.of(Map.of("id", signed, "name", "Signed and dated", "description",
						"Every document is signed and dated by its approver.", "applies_to_bucket_ids", List.of()),
						Map.of("name", "CER per Annex XIV", "description",
								"The clinical evaluation report follows MDR Annex XIV.", "applies_to_bucket_indexes",
								List.of(2)),
						Map.of("name", "Test reports cite standards", "description",
								"Every test report names the standard and edition it tested against.",
								"applies_to_bucket_ids", List.of(tests))));
		JsonNode v2 = this.api.put("/v1/workflows/" + id, this.manager.token(), replacement).expect(200).json();

		assertThat(v2.at("/version").asInt()).isEqualTo(2);
		assertThat(v2.at("/buckets").findValuesAsString("id").subList(0, 2)).containsExactly(tests, technical);
		assertThat(v2.at("/buckets").findValuesAsString("name")).containsExactly("Test reports",
				"Technical documentation (Annex II)", "Clinical evaluation");
		assertThat(v2.at("/buckets").findValuesAsString("order_index")).containsExactly("0", "1", "2");
		assertThat(v2.at("/criteria/0/id").asString()).isEqualTo(signed);
		assertThat(v2.at("/criteria/0/description").asString())
			.isEqualTo("Every document is signed and dated by its approver.");
		assertThat(v2.at("/criteria/1/applies_to_bucket_ids/0").asString())
			.isEqualTo(v2.at("/buckets/2/id").asString());
		assertThat(v2.at("/criteria/2/applies_to_bucket_ids/0").asString()).isEqualTo(tests);
		assertThat(v2.at("/criteria").findValuesAsString("name")).doesNotContain("Test summary");

		JsonNode revised = this.api.get("/v1/audit-logs?action=workflow_revised&resource_id=" + id, this.admin.token())
			.expect(200)
			.json()
			.at("/items/0/metadata");
		assertThat(revised.at("/version/from").asInt()).isEqualTo(1);
		assertThat(revised.at("/changes/buckets/added/0").asString()).isEqualTo("Clinical evaluation");
		assertThat(revised.at("/changes/buckets/removed/0").asString()).isEqualTo("Risk management file");
		assertThat(revised.at("/changes/criteria/removed/0").asString()).isEqualTo("Test summary");
		assertThat(revised.at("/changes/criteria/edited/0").asString()).isEqualTo("Signed and dated");
	}

	@Test
	void removedItemsAreRetiredNotDeletedAndOldVersionsStayReadable() {
		JsonNode v1 = this.api.post("/v1/workflows", this.manager.token(), classIIa()).expect(201).json();
		String id = v1.at("/id").asString();
		Map<String, Object> smaller = Map.of("name", "Slimmed", "buckets",
				List.of(Map.of("id", v1.at("/buckets/0/id").asString(), "name", "Technical documentation")), "criteria",
				List.of(Map.of("id", v1.at("/criteria/0/id").asString(), "name", "Signed and dated", "description",
						"Every document carries a signature and a date of approval.")));
		this.api.put("/v1/workflows/" + id, this.manager.token(), smaller).expect(200);

		JsonNode old = this.api.get("/v1/workflows/" + id + "/versions/1", this.project().token()).expect(200).json();
		assertThat(old).isEqualTo(v1);
		JsonNode history = this.api.get("/v1/workflows/" + id + "/versions", this.manager.token()).expect(200).json();
		assertThat(history.findValuesAsString("version")).containsExactly("2", "1");
		assertThat(this.database.asOwner()
			.sql("select retired_in_version from criteria where id = ?::uuid")
			.param(v1.at("/criteria/1/id").asString())
			.query(Integer.class)
			.single()).isEqualTo(2);
		this.api.get("/v1/workflows/" + id + "/versions/3", this.manager.token()).expect(404);
	}

	@Test
	void anIdenticalReplaceKeepsTheVersion() {
		JsonNode v1 = this.api.post("/v1/workflows", this.manager.token(), classIIa()).expect(201).json();

		JsonNode same = this.api.put("/v1/workflows/" + v1.at("/id").asString(), this.manager.token(), resend(v1))
			.expect(200)
			.json();

		assertThat(same.at("/version").asInt()).isEqualTo(1);
	}

	@Test
	void aStaleVersionIsAConflict() {
		JsonNode v1 = this.api.post("/v1/workflows", this.manager.token(), classIIa()).expect(201).json();
		String id = v1.at("/id").asString();
		Map<String, Object> edit = resend(v1);
		edit.put("name", "First edit");
		edit.put("version", 1);
		this.api.put("/v1/workflows/" + id, this.manager.token(), edit).expect(200);

		edit.put("name", "Second edit from the same old version");
		JsonNode problem = this.api.put("/v1/workflows/" + id, this.manager.token(), edit).expect(409).json();
		assertThat(problem.at("/detail").asString()).contains("changed meanwhile");
	}

	@Test
	void listIsPaginatedSortedAndHidesArchivedUnlessAsked() {
		String first = create("Alpha workflow");
		String second = create("Beta workflow");
		this.api.delete("/v1/workflows/" + first, this.manager.token()).expect(204);

		JsonNode active = this.api.get("/v1/workflows?sort=name", this.manager.token()).expect(200).json();
		assertThat(active.at("/items").findValuesAsString("id")).containsExactly(second);
		JsonNode all = this.api.get("/v1/workflows?include_archived=true&sort=name&limit=1", this.manager.token())
			.expect(200)
			.json();
		assertThat(all.at("/total").asLong()).isEqualTo(2);
		assertThat(all.at("/items/0/name").asString()).isEqualTo("Alpha workflow");
		assertThat(all.at("/items/0/is_active").asBoolean()).isFalse();
		assertThat(all.at("/items/0/bucket_count").asInt()).isEqualTo(3);
		assertThat(all.at("/items/0/criteria_count").asInt()).isEqualTo(2);
		this.api.get("/v1/workflows?sort=secret", this.manager.token()).expect(422);
	}

	@Test
	void archivingKeepsHistoryAndClosesTheWorkflowToChanges() {
		JsonNode v1 = this.api.post("/v1/workflows", this.manager.token(), classIIa()).expect(201).json();
		String id = v1.at("/id").asString();

		this.api.delete("/v1/workflows/" + id, this.manager.token()).expect(204);

		JsonNode archived = this.api.get("/v1/workflows/" + id, this.manager.token()).expect(200).json();
		assertThat(archived.at("/is_active").asBoolean()).isFalse();
		assertThat(archived.at("/buckets").size()).isEqualTo(3);
		this.api.put("/v1/workflows/" + id, this.manager.token(), resend(v1)).expect(409);
		assertThat(this.api.get("/v1/audit-logs?action=workflow_archived&resource_id=" + id, this.admin.token())
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isEqualTo(1);
	}

	@Test
	void aProjectHandlerMayReadButNotWrite() {
		SignedUp handler = project();
		String id = create("Read-only for handlers");
		Map<String, Object> body = classIIa();

		this.api.post("/v1/workflows", handler.token(), body).expect(403);
		this.api.put("/v1/workflows/" + id, handler.token(), body).expect(403);
		this.api.delete("/v1/workflows/" + id, handler.token()).expect(403);
		this.api.post("/v1/workflow-templates/eu-mdr-technical-documentation/copy", handler.token(), "").expect(403);

		this.api.get("/v1/workflows/" + id, handler.token()).expect(200);
		this.api.get("/v1/workflows", handler.token()).expect(200);
		this.api.get("/v1/workflows/" + id + "/versions", handler.token()).expect(200);
		this.api.get("/v1/workflow-templates", handler.token()).expect(200);
		this.api.post("/v1/workflows", this.admin.token(), body).expect(201);
	}

	@Test
	void anotherOrganizationsWorkflowIsNotFoundOnEveryCall() {
		JsonNode v1 = this.api.post("/v1/workflows", this.manager.token(), classIIa()).expect(201).json();
		String id = v1.at("/id").asString();
		SignedUp other = this.api.signUp("Other workflow body");

		this.api.get("/v1/workflows/" + id, other.token()).expect(404);
		this.api.put("/v1/workflows/" + id, other.token(), resend(v1)).expect(404);
		this.api.delete("/v1/workflows/" + id, other.token()).expect(404);
		this.api.get("/v1/workflows/" + id + "/versions", other.token()).expect(404);
		this.api.get("/v1/workflows/" + id + "/versions/1", other.token()).expect(404);
		assertThat(this.api.get("/v1/workflows?include_archived=true", other.token())
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isZero();

		JsonNode untouched = this.api.get("/v1/workflows/" + id, this.manager.token()).expect(200).json();
		assertThat(untouched).isEqualTo(v1);
	}

	@Test
	void bucketIdsOfAnotherWorkflowCannotBeSmuggledIntoAReplace() {
		JsonNode mine = this.api.post("/v1/workflows", this.manager.token(), classIIa()).expect(201).json();
		SignedUp other = this.api.signUp("Smuggling body");
		JsonNode theirs = this.api.post("/v1/workflows", other.token(), classIIa()).expect(201).json();
		Map<String, Object> body = resend(mine);
		body.put("buckets", List.of(Map.of("id", theirs.at("/buckets/0/id").asString(), "name", "Stolen")));

		JsonNode problem = this.api.put("/v1/workflows/" + mine.at("/id").asString(), this.manager.token(), body)
			.expect(422)
			.json();

		assertThat(problem.at("/errors/0/field").asString()).isEqualTo("buckets[0].id");
		assertThat(problem.at("/errors/0/message").asString()).isEqualTo("is not a bucket of this workflow");
	}

	@Test
	void malformedBodiesGet400() {
		this.api.post("/v1/workflows", this.manager.token(), "{\"name\": \"x\", \"buckets\": [").expect(400);
		this.api
			.post("/v1/workflows", this.manager.token(), "{\"name\": \"x\", \"buckets\": [{\"required\": \"often\"}]}")
			.expect(400);
		this.api.put("/v1/workflows/not-a-uuid", this.manager.token(), classIIa()).expect(404);
	}

	private String create(String name) {
		Map<String, Object> body = new java.util.HashMap<>(classIIa());
		body.put("name", name);
		return this.api.post("/v1/workflows", this.manager.token(), body).expect(201).json().at("/id").asString();
	}

	private SignedUp project() {
		return this.api.member(this.admin, "project_handler");
	}

	/** The request body that recreates a workflow exactly as GET showed it. */
	static Map<String, Object> resend(JsonNode workflow) {
		List<Map<String, Object>> buckets = new ArrayList<>();
		for (JsonNode bucket : workflow.at("/buckets")) {
			buckets.add(Map.of("id", bucket.at("/id").asString(), "name", bucket.at("/name").asString(), "required",
					bucket.at("/required").asBoolean()));
		}
		List<Map<String, Object>> criteria = new ArrayList<>();
		for (JsonNode criterion : workflow.at("/criteria")) {
			Map<String, Object> c = new java.util.HashMap<>();
			c.put("id", criterion.at("/id").asString());
			c.put("name", criterion.at("/name").asString());
			c.put("description", criterion.at("/description").asString());
			List<String> applies = new ArrayList<>();
			criterion.at("/applies_to_bucket_ids").forEach(node -> applies.add(node.asString()));
			c.put("applies_to_bucket_ids", applies);
			if (!criterion.at("/example_text").isNull()) {
				c.put("example_text", criterion.at("/example_text").asString());
			}
			criteria.add(c);
		}
		Map<String, Object> body = new java.util.HashMap<>();
		body.put("name", workflow.at("/name").asString());
		if (!workflow.at("/description").isNull()) {
			body.put("description", workflow.at("/description").asString());
		}
		body.put("buckets", buckets);
		body.put("criteria", criteria);
		return body;
	}

}
