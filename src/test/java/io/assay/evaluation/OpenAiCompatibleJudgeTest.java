package io.assay.evaluation;

import io.assay.StandInMessagesApi;
import io.assay.StandInMessagesApi.Reply;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.assay.evaluation.judges.OpenAiCompatibleJudge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The judge behind an OpenAI-compatible endpoint, against a real HTTP server speaking
 * that API.
 */
class OpenAiCompatibleJudgeTest {

	private static final UUID REPORT = UUID.randomUUID();

	private final List<DocumentText> documents = List.of(EvidenceCheckTest.document(REPORT, "report.pdf",
			"1 Scope\nThis report describes the XY-200 pump.", "3.2 Test results\nTable 5: summary of results"));

	private StandInMessagesApi api;

	@BeforeEach
	void standIn() throws Exception {
		this.api = new StandInMessagesApi("/v1/chat/completions");
	}

	@AfterEach
	void stop() {
		this.api.close();
	}

	@Test
	void aJsonVerdictIsReadCheckedAndPriced() {
		this.api.then(Reply.ok(StandInMessagesApi.chatCompletion("""
				```json
				{"verdict":"pass","confidence":"high","reasoning":"The summary is on page 2.",
				 "evidence":[{"document_id":"report.pdf","page":1,"quote":"Table 5: summary of results"}]}
				```""")));

		Evaluation.Outcome outcome = evaluation(2).evaluate("Test summary", "The report has a summary.", null,
				this.documents);

		assertThat(outcome.pass()).isTrue();
		assertThat(outcome.confidence()).isEqualTo(Confidence.HIGH);
		assertThat(outcome.judge()).isEqualTo("openai:gpt-test");
		assertThat(outcome.evidence()).singleElement().satisfies(evidence -> {
			assertThat(evidence.documentId()).as("named by file name").isEqualTo(REPORT);
			assertThat(evidence.page()).as("corrected").isEqualTo(2);
			assertThat(evidence.verified()).isTrue();
		});
		// Of 1,500 prompt tokens 500 were cached: 1,000 at $2, 500 at $0.50 and 100
		// completion
		// tokens at $8 per million make $0.00305.
		assertThat(outcome.costMillicents()).isEqualTo(305);
		StandInMessagesApi.Received request = this.api.received().getFirst();
		assertThat(request.apiKey()).isEqualTo("Bearer test-key");
		assertThat(request.body()).contains("\"temperature\":0")
			.contains("\"response_format\":{\"type\":\"json_object\"}");
	}

	@Test
	void criteriaAskedTogetherAreAnsweredByNumberAndOneLeftOutIsAskedAlone() {
		this.api.then(Reply.ok(StandInMessagesApi.chatCompletion("""
				{"verdicts":[
				 {"criterion":3,"verdict":"fail","confidence":"high","reasoning":"No signature.",
				  "evidence":[],"searched_for":["signature"]},
				 {"criterion":1,"verdict":"pass","confidence":"high","reasoning":"Summary on page 2.",
				  "evidence":[{"document_id":"report.pdf","page":2,"quote":"Table 5: summary of results"}]},
				 {"criterion":2,"verdict":"maybe","confidence":"high","reasoning":"?","evidence":[]}]}""")));
		this.api.then(Reply.ok(StandInMessagesApi.chatCompletion(
				"""
						{"verdict":"pass","confidence":"high","reasoning":"The scope names the pump.",
						 "evidence":[{"document_id":"report.pdf","page":1,"quote":"This report describes the XY-200 pump."}]}""")));

		List<Evaluation.Outcome> outcomes = evaluation(0)
			.evaluateTogether(List.of(new Evaluation.Criterion("Test summary", "The report has a summary.", null),
					new Evaluation.Criterion("Scope", "The report states its scope.", null),
					new Evaluation.Criterion("Signed", "The report is signed.", null)), this.documents);

		assertThat(outcomes).extracting(Evaluation.Outcome::pass).containsExactly(true, true, false);
		assertThat(outcomes).extracting(Evaluation.Outcome::together).containsExactly(3, 1, 3);
		assertThat(outcomes.get(0).evidence()).singleElement().satisfies(evidence -> {
			assertThat(evidence.verified()).isTrue();
			assertThat(evidence.page()).isEqualTo(2);
		});
		assertThat(outcomes.get(2).confidence()).as("every page was sent").isEqualTo(Confidence.HIGH);
		assertThat(this.api.received()).hasSize(2);
		String together = this.api.received().getFirst().body();
		assertThat(together).contains("Criterion 1: Test summary")
			.contains("Criterion 3: Signed")
			.contains("\\\"verdicts\\\": [");
		assertThat(together.split("Table 5: summary of results", -1)).as("the documents sent once").hasSize(2);
		assertThat(this.api.received().get(1).body()).as("the unreadable verdict asked again alone")
			.contains("Criterion: Scope");
		// The first call's price (1,000 tokens at $2, 500 cached at $0.50, 100 at $8 a
		// million: 305 thousandths of a cent) shared by the two criteria it answered.
		assertThat(outcomes.get(0).costMillicents() + outcomes.get(2).costMillicents()).isEqualTo(305);
		assertThat(outcomes.get(1).costMillicents()).isEqualTo(305);
		assertThat(outcomes.get(0).raw()).contains("\"criteria_in_call\":3");
	}

	@Test
	void aJudgeThatSearchesTheDocumentsThenAnswers() {
		List<DocumentText> long_ = List.of(EvidenceCheckTest.document(REPORT, "report.pdf",
				"1 Scope\nThis report describes the XY-200 pump. " + "Scope text. ".repeat(40),
				"2 Sterilisation\nEthylene oxide. " + "Sterile text. ".repeat(40),
				"9 Liquidated damages\nThe Supplier pays liquidated damages of 2 % a week of delay. "
						+ "Other text. ".repeat(40)));
		this.api.then(Reply.ok(StandInMessagesApi.chatCompletion("{\"search_documents\": \"liquidated damages\"}")));
		this.api.then(Reply.ok(StandInMessagesApi.chatCompletion("""
				{"verdict":"pass","confidence":"high","reasoning":"Clause 9.",
				 "evidence":[{"document_id":"report.pdf","page":3,
				              "quote":"The Supplier pays liquidated damages of 2 % a week of delay."}]}""")));

		Evaluation.Outcome outcome = new Evaluation(new OpenAiCompatibleJudge(this.api.baseUrl() + "/v1", "test-key",
				"gpt-test", 0, Duration.ofSeconds(10)), EvaluationTest.properties(600), null, null)
			.evaluate("Liquidated damages", "Delays are compensated by a fixed sum.", null, long_);

		assertThat(this.api.received()).hasSize(2);
		assertThat(this.api.received().get(1).body()).contains("Search results for")
			.contains("pays liquidated damages of 2 % a week");
		assertThat(outcome.pass()).isTrue();
		assertThat(outcome.evidence().getFirst().proof()).isTrue();
		assertThat(outcome.passagesSent()).extracting(Evaluation.PassageSent::page).contains(3);
		assertThat(outcome.reasoning().english())
			.contains("Searched the documents for: \u201cliquidated damages\u201d.");
	}

	@Test
	void rateLimitsAndServerErrorsAreRetriedThenGivenUpAsAnOutageNotAnAnswer() {
		this.api.then(new Reply(429, "{}", "0", 0));
		this.api.then(new Reply(503, "{}", null, 0));
		this.api.then(new Reply(500, "{}", null, 0));

		assertThatExceptionOfType(JudgeUnavailableException.class)
			.isThrownBy(() -> evaluation(2).evaluate("Signed", "The report is signed.", null, this.documents))
			.withMessageContaining("500");
		assertThat(this.api.received()).hasSize(3);
	}

	@Test
	void aClientErrorIsNotRetriedAndIsNoAnswer() {
		this.api.then(new Reply(401, "{\"error\":{\"message\":\"invalid key\"}}", null, 0));

		assertThatExceptionOfType(JudgeUnavailableException.class)
			.isThrownBy(() -> evaluation(3).evaluate("Signed", "The report is signed.", null, this.documents))
			.withMessageContaining("401");
		assertThat(this.api.received()).hasSize(1);
	}

	@Test
	void aTimeOutIsAnOutageAndAnAnswerThatIsNotJsonIsNotAnswered() {
		this.api.then(new Reply(200, "{}", null, 2_000));
		this.api.then(Reply.ok(StandInMessagesApi.chatCompletion("I think it passes.")));

		assertThatExceptionOfType(JudgeUnavailableException.class).as("a time-out is an outage")
			.isThrownBy(() -> new Evaluation(new OpenAiCompatibleJudge(this.api.baseUrl() + "/v1", "test-key",
					"gpt-test", 0, Duration.ofMillis(300)), EvaluationTest.properties(), null, null)
				.evaluate("Signed", "The report is signed.", null, this.documents));
		Evaluation.Outcome prose = evaluation(0).evaluate("Signed", "The report is signed.", null, this.documents);

		assertThat(prose.reasoning().english()).as("an answer that cannot be read is not answered")
			.startsWith("Not answered:");
		assertThat(prose.pass()).isNull();
	}

	@Test
	void aCallStoppedBeforeTheEndpointAnsweredIsAnOutageNotAnAnswer() throws Exception {
		this.api.then(new Reply(200, "{}", null, 60_000));

		Object ended = StoppedCall.endOf(this.api,
				() -> evaluation(0).evaluate("Signed", "The report is signed.", null, this.documents));

		assertThat(ended).as("no outcome, not answered or other").isInstanceOf(JudgeUnavailableException.class);
	}

	private Evaluation evaluation(int maxRetries) {
		return new Evaluation(new OpenAiCompatibleJudge(this.api.baseUrl() + "/v1", "test-key", "gpt-test", maxRetries,
				Duration.ofSeconds(10)), EvaluationTest.properties(), null, null);
	}

}
