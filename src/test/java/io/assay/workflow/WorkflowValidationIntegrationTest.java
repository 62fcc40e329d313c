package io.assay.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each validation rule gives its own field error, and a refused workflow stores nothing.
 */
class WorkflowValidationIntegrationTest extends IntegrationTest {

	private SignedUp manager;

	@BeforeEach
	void organization() {
		this.manager = this.api.signUp("Validated body");
	}

	@SuppressWarnings("unchecked")
	static Stream<Arguments> brokenDrafts() {
		return Stream.of(rule("a name is required", "name", body -> body.put("name", "  ")),
				rule("a name has at most 255 characters", "name", body -> body.put("name", "x".repeat(256))),
				rule("at least one bucket", "buckets", body -> body.put("buckets", List.of())),
				rule("at least one criterion", "criteria", body -> body.put("criteria", List.of())),
				rule("at most 50 buckets", "buckets",
						body -> body.put("buckets",
								IntStream.range(0, 51).mapToObj(i -> Map.of("name", "Bucket " + i)).toList())),
				rule("at most 200 criteria", "criteria",
						body -> body.put("criteria",
								IntStream.range(0, 201)
									.mapToObj(i -> Map.of("name", "Criterion " + i, "description", "Must hold " + i))
									.toList())),
				rule("every bucket has a name", "buckets[1].name",
						body -> ((List<Map<String, Object>>) body.get("buckets")).set(1, Map.of("required", true))),
				rule("bucket names are unique in a workflow", "buckets[1].name",
						body -> ((List<Map<String, Object>>) body.get("buckets")).set(1,
								Map.of("name", "TECHNICAL documentation"))),
				rule("every criterion has a description for the AI", "criteria[0].description",
						body -> criterion(body, 0).remove("description")),
				rule("every criterion has a name", "criteria[1].name", body -> criterion(body, 1).put("name", "")),
				rule("bucket indexes are in range", "criteria[1].applies_to_bucket_indexes[0]",
						body -> criterion(body, 1).put("applies_to_bucket_indexes", List.of(3))),
				rule("new buckets have no ids to refer to", "criteria[1].applies_to_bucket_ids[0]", body -> {
					criterion(body, 1).remove("applies_to_bucket_indexes");
					criterion(body, 1).put("applies_to_bucket_ids", List.of(UUID.randomUUID().toString()));
				}),
				rule("buckets are named by id or index, not both", "criteria[1].applies_to_bucket_ids",
						body -> criterion(body, 1).put("applies_to_bucket_ids", List.of(UUID.randomUUID().toString()))),
				rule("a new workflow's buckets have no ids", "buckets[0].id",
						body -> ((List<Map<String, Object>>) body.get("buckets")).set(0,
								Map.of("id", UUID.randomUUID().toString(), "name", "Technical documentation"))),
				rule("texts have a limit", "criteria[0].example_text",
						body -> criterion(body, 0).put("example_text", "x".repeat(10_001))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenDrafts")
	void eachRuleGivesItsFieldErrorAndStoresNothing(String rule, String field, Consumer<Map<String, Object>> breakIt) {
		Map<String, Object> body = mutable(WorkflowsIntegrationTest.classIIa());
		breakIt.accept(body);

		JsonNode problem = this.api.post("/v1/workflows", this.manager.token(), body).expect(422).json();

		assertThat(problem.at("/type").asString()).isEqualTo("urn:assay:problem:validation");
		assertThat(problem.at("/errors").findValuesAsString("field")).contains(field);
		assertThat(this.api.get("/v1/workflows?include_archived=true", this.manager.token())
			.expect(200)
			.json()
			.at("/total")
			.asLong()).isZero();
		assertThat(this.database.asOwner()
			.sql("select count(*) from buckets where organization_id = ?")
			.param(this.manager.organizationId())
			.query(Long.class)
			.single()).isZero();
	}

	private static Arguments rule(String rule, String field, Consumer<Map<String, Object>> breakIt) {
		return Arguments.of(rule, field, breakIt);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> criterion(Map<String, Object> body, int index) {
		return ((List<Map<String, Object>>) body.get("criteria")).get(index);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> mutable(Map<String, Object> body) {
		Map<String, Object> copy = new HashMap<>(body);
		List<Map<String, Object>> buckets = new ArrayList<>();
		((List<Map<String, Object>>) body.get("buckets")).forEach(b -> buckets.add(new HashMap<>(b)));
		List<Map<String, Object>> criteria = new ArrayList<>();
		((List<Map<String, Object>>) body.get("criteria")).forEach(c -> criteria.add(new HashMap<>(c)));
		copy.put("buckets", buckets);
		copy.put("criteria", criteria);
		return copy;
	}

}
