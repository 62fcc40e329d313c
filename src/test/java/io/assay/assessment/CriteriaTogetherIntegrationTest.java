package io.assay.assessment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.IntegrationTestBase;
import io.assay.StandInMessagesApi;
import io.assay.StandInMessagesApi.Reply;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Criteria over the same documents are put to a model in one call, the documents sent
 * once for all of them: an assessment of ten criteria over one report makes two calls of
 * five (at most eight a call, as even as can be), each result is checked on its own, the
 * call's price is shared by its criteria, and a criterion the model left out of its
 * answer is asked again on its own. A call that cannot be made leaves all of its criteria
 * pending, and "retry the unanswered" asks them together again.
 */
class CriteriaTogetherIntegrationTest extends IntegrationTestBase {

	private static final StandInMessagesApi CLAUDE = StandInMessagesApi.started();

	private static final Pattern NUMBERED = Pattern.compile("Criterion (\\d+): ([^\\\\\\n]+)");

	private static final Pattern ALONE = Pattern.compile("Criterion: ([^\\\\\\n]+)");

	private static final Pattern DOCUMENT = Pattern.compile("document_id: ([0-9a-f-]{36})");

	private static final String LEFT_OUT = "Left out";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void claude(DynamicPropertyRegistry registry) {
		configure(registry, temporaryDirectory());
		CLAUDE.judgeWithClaude(registry);
		// An outage is the job's to retry, not the client's.
		registry.add("assay.evaluation.anthropic.max-retries", () -> "0");
		registry.add("assay.evaluation.prices.[claude-test].input", () -> "3");
		registry.add("assay.evaluation.prices.[claude-test].output", () -> "15");
	}

	@AfterAll
	static void stop() {
		CLAUDE.close();
	}

	/**
	 * Every criterion passes on the report's first page; a call for several leaves
	 * {@value #LEFT_OUT} out.
	 */
	private static Reply answer(String body) {
		Matcher document = DOCUMENT.matcher(body);
		String id = document.find() ? document.group(1) : "";
		Matcher alone = ALONE.matcher(body);
		if (alone.find()) {
			return Reply
				.ok(StandInMessagesApi.verdict("pass", "high", id, 1, "This report covers the XY-200 infusion pump"));
		}
		List<Map<String, Object>> verdicts = new ArrayList<>();
		Matcher numbered = NUMBERED.matcher(body);
		while (numbered.find()) {
			if (numbered.group(2).strip().equals(LEFT_OUT)) {
				continue;
			}
			Map<String, Object> verdict = new LinkedHashMap<>();
			verdict.put("criterion", Integer.parseInt(numbered.group(1)));
			verdict.put("verdict", "pass");
			verdict.put("confidence", "high");
			verdict.put("reasoning", "The report says what it covers.");
			verdict.put("evidence", List
				.of(Map.of("document_id", id, "page", 1, "quote", "This report covers the XY-200 infusion pump")));
			verdicts.add(verdict);
		}
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("id", "msg_together");
		message.put("type", "message");
		message.put("role", "assistant");
		message.put("model", "claude-test");
		message.put("content", List.of(Map.of("type", "tool_use", "id", "toolu_together", "name", "record_verdicts",
				"input", Map.of("verdicts", verdicts))));
		message.put("stop_reason", "tool_use");
		message.put("stop_sequence", null);
		message.put("usage", Map.of("input_tokens", 1200, "output_tokens", 400));
		return Reply.ok(JSON.writeValueAsString(message));
	}

	private JsonNode waitForTheRun(SignedUp admin, String id) {
		return Eventually.until(Duration.ofSeconds(90),
				() -> this.api.get("/v1/assessments/" + id, admin.token()).expect(200).json(),
				json -> json.at("/status").asString().equals("completed")
						|| json.at("/status").asString().equals("failed"));
	}

	@Test
	void aCallThatCannotBeMadeLeavesAllOfItsCriteriaPendingUntilTheyAreRetried() throws java.io.IOException {
		CLAUDE.answerAsIs(body -> new Reply(503, "{\"type\":\"error\"}", null, 0));
		SignedUp admin = this.api.signUp("Together outage body");
		List<Map<String, String>> criteria = new ArrayList<>();
		for (int i = 1; i <= 4; i++) {
			criteria.add(Map.of("name", "Outage check " + i, "description", "Check " + i + " as the report shows it."));
		}
		String id = this.api.startOnOneDocument(admin, admin, criteria, "report.pdf", SampleFiles.testReport())
			.assessmentId();
		JsonNode done = waitForTheRun(admin, id);

		assertThat(done.at("/run_status").asString()).isEqualTo("incomplete");
		assertThat(done.at("/error_message").asString()).isEqualTo(
				"The AI provider could not be reached; 4 criteria were not answered. Retry them when it is back.");
		List<String> calls = CLAUDE.received().stream().map(StandInMessagesApi.Received::body).toList();
		assertThat(calls).filteredOn(body -> body.contains("Outage check"))
			.isNotEmpty()
			.allMatch(body -> body.contains("Criterion 4: Outage check 4"), "all four in every call");
		this.api.get("/v1/assessments/" + id + "/results", admin.token())
			.expect(200)
			.json()
			.forEach(result -> assertThat(result.at("/reasoning").asString())
				.startsWith("Not answered: the AI provider could not be reached"));

		CLAUDE.answerAsIs(CriteriaTogetherIntegrationTest::answer);
		int before = CLAUDE.received().size();
		this.api.post("/v1/assessments/" + id + "/retry", admin.token(), Map.of()).expect(202);
		Eventually.until(Duration.ofSeconds(60),
				() -> this.api.get("/v1/assessments/" + id, admin.token()).expect(200).json(),
				run -> run.at("/run_status").asString().equals("completed"));

		assertThat(CLAUDE.received().subList(before, CLAUDE.received().size())).as("the four asked again, together")
			.singleElement()
			.satisfies(call -> assertThat(NUMBERED.matcher(call.body()).results().count()).isEqualTo(4));
		this.api.get("/v1/assessments/" + id + "/results", admin.token())
			.expect(200)
			.json()
			.forEach(result -> assertThat(result.at("/pass").asBoolean()).isTrue());
	}

	@Test
	void criteriaOverTheSameDocumentsAreAskedInOneCallAndCheckedEachOnItsOwn() throws java.io.IOException {
		CLAUDE.answerAsIs(CriteriaTogetherIntegrationTest::answer);
		SignedUp admin = this.api.signUp("Together body");
		List<String> names = new ArrayList<>();
		for (int i = 1; i <= 9; i++) {
			names.add("Report check " + i);
		}
		names.add(4, LEFT_OUT);
		int before = CLAUDE.received().size();

		String id = this.api
			.startOnOneDocument(admin, admin,
					names.stream()
						.map(name -> Map.of("name", name, "description", name + " as the report shows it."))
						.toList(),
					"report.pdf", SampleFiles.testReport())
			.assessmentId();
		JsonNode done = waitForTheRun(admin, id);

		assertThat(done.at("/status").asString()).isEqualTo("completed");
		assertThat(done.at("/run_status").asString()).isEqualTo("completed");
		List<String> calls = CLAUDE.received()
			.subList(before, CLAUDE.received().size())
			.stream()
			.map(StandInMessagesApi.Received::body)
			.toList();
		List<String> together = calls.stream().filter(body -> NUMBERED.matcher(body).find()).toList();
		assertThat(together).as("ten criteria over one report: two calls of five").hasSize(2);
		for (String body : together) {
			assertThat(NUMBERED.matcher(body).results().count()).isEqualTo(5);
			assertThat(body).contains("record_verdicts");
			assertThat(Pattern.compile("\\| page: 1 \\|").matcher(body).results().count())
				.as("each page sent once for the five")
				.isEqualTo(1);
		}
		assertThat(calls).as("and the one left out, asked on its own").hasSize(3);
		assertThat(calls.stream().filter(body -> body.contains("Criterion: " + LEFT_OUT))).hasSize(1);

		List<JsonNode> results = new ArrayList<>();
		this.api.get("/v1/assessments/" + id + "/results", admin.token()).expect(200).json().forEach(results::add);
		assertThat(results).hasSize(10);
		for (JsonNode result : results) {
			assertThat(result.at("/pass").asBoolean()).as(result.at("/criteria_name").asString()).isTrue();
			assertThat(result.at("/confidence").asString()).isEqualTo("high");
			assertThat(result.at("/evidence/page").asInt()).isEqualTo(1);
			assertThat(result.at("/evidence_items/0/verified").asBoolean()).isTrue();
		}

		List<Map<String, Object>> recorded = this.database.asOwner().sql("""
				select c.name, r.cost_millicents, a.answer -> 'answer' ->> 'criteria_in_call' as in_call
				  from assessment_results r join criteria c on c.id = r.criteria_id
				  join assessment_result_answers a on a.result_id = r.id
				 where r.assessment_id = ?::uuid
				""").param(id).query().listOfRows();
		long alone = recorded.stream()
			.filter(row -> row.get("name").equals(LEFT_OUT))
			.mapToLong(row -> ((Number) row.get("cost_millicents")).longValue())
			.sum();
		long shared = recorded.stream()
			.filter(row -> !row.get("name").equals(LEFT_OUT))
			.mapToLong(row -> ((Number) row.get("cost_millicents")).longValue())
			.sum();
		// 1,200 input tokens at $3 and 400 output at $15 a million: 960 thousandths of a
		// cent a call, the stand-in's single answers 480.
		assertThat(alone).isEqualTo(480);
		assertThat(shared).as("two calls' price, shared by the criteria they answered").isEqualTo(2 * 960);
		assertThat(recorded.stream().filter(row -> !row.get("name").equals(LEFT_OUT)))
			.allMatch(row -> "5".equals(row.get("in_call")));
		assertThat(done.at("/ai_cost_cents").asInt()).as("2,400 thousandths of a cent, rounded up").isEqualTo(3);
	}

}
