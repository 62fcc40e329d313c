package io.assay.evaluation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.assay.StandInMessagesApi;
import io.assay.StandInMessagesApi.Reply;
import io.assay.document.ParsedDocument;
import io.assay.evaluation.accuracy.LabelledCase;
import io.assay.evaluation.accuracy.LabelledSet;
import io.assay.evaluation.accuracy.SampleSet;
import io.assay.evaluation.accuracy.Scorecard;
import io.assay.evaluation.judges.AnthropicJudge;
import io.assay.evaluation.judges.OfflineJudge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The labelled sample set through the engine and the accuracy figures: the offline
 * checker on it, and a stand-in for Claude that answers as the labels say (every figure
 * perfect) or always passes (every should-fail criterion a false pass).
 */
class SampleSetAccuracyTest {

	private static final Pattern CRITERION = Pattern.compile("Criterion: ([^\\\\\\n]+)");

	private static LabelledSet samples;

	private StandInMessagesApi claude;

	@BeforeAll
	static void read() throws IOException {
		samples = SampleSet.read();
	}

	@BeforeEach
	void standIn() throws IOException {
		this.claude = new StandInMessagesApi();
	}

	@AfterEach
	void stop() {
		this.claude.close();
	}

	@Test
	void theSampleSetHasItsDocumentsAndLabels() {
		assertThat(samples.documents()).isEqualTo(3);
		assertThat(samples.cases()).hasSize(18);
		assertThat(samples.cases().stream().filter(LabelledCase::expectedPass)).hasSize(10);
		for (LabelledCase labelled : samples.cases()) {
			labelled.evidencePages().forEach((document, pages) -> {
				ParsedDocument parsed = labelled.documents()
					.stream()
					.filter(candidate -> candidate.documentId().equals(document))
					.findFirst()
					.orElseThrow(() -> new AssertionError(
							labelled.criterion() + ": evidence in a document it is not" + " asked about"))
					.parsed();
				assertThat(pages).allMatch(page -> page >= 1 && page <= parsed.pageCount());
			});
		}
	}

	@Test
	void aWrongArgumentOrSettingIsSaidPlainly() throws IOException {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		int status = AccuracyCommand.run(java.util.List.of("cuad", "contracts", "--max", "all"),
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		assertThat(status).isEqualTo(2);
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--max needs a number of documents, not 'all'");
		for (Map.Entry<String, String> setting : Map
			.of("criteria-per-call", "assay.evaluation.criteria-per-call: 'eight' is not a whole number",
					"passage-budget-chars", "assay.evaluation.passage-budget-chars: 'eight' is not a whole number",
					"rank-by-meaning", "assay.evaluation.rank-by-meaning: 'eight' is neither true nor false")
			.entrySet()) {
			Binder binder = new Binder(
					new MapConfigurationPropertySource(Map.of("assay.evaluation." + setting.getKey(), "eight")));
			assertThatExceptionOfType(BindException.class)
				.isThrownBy(() -> binder.bindOrCreate("assay.evaluation", Bindable.of(EvaluationProperties.class)))
				.satisfies(ex -> assertThat(AccuracyCommand.settingProblem(ex)).isEqualTo(setting.getValue()));
		}
	}

	@Test
	void theOfflineCheckerNeverPassesAndFindsEveryLabelledPage() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		Scorecard scorecard = AccuracyCommand.score(samples,
				labelled -> new Evaluation(new OfflineJudge(), EvaluationTest.properties(), null, null), 2,
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		String summary = scorecard.summary();
		assertThat(summary).contains("criteria judged:   18").contains("false pass rate:     0.0 %");
		assertThat(summary).contains("retrieval recall:  100.0 % (16 of 16)");
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Test equipment calibrated");
	}

	@Test
	void aJudgeThatAnswersAsTheLabelsSayScoresPerfectly() {
		this.claude.answerWith(body -> answer(body, false));
		String summary = AccuracyCommand
			.score(samples, labelled -> claude(), 4, new PrintStream(new ByteArrayOutputStream()))
			.summary();

		assertThat(summary).contains("accuracy:          100.0 % (18 of 18)")
			.contains("false pass rate:     0.0 % (0 of 8)")
			.contains("false fail rate:     0.0 % (0 of 10)")
			.contains("evidence page:     100.0 % (16 of 16)");
	}

	@Test
	void aJudgeThatAlwaysPassesHasEveryShouldFailAsAFalsePass() {
		this.claude.answerWith(body -> answer(body, true));
		String summary = AccuracyCommand
			.score(samples, labelled -> claude(), 4, new PrintStream(new ByteArrayOutputStream()))
			.summary();

		assertThat(summary).contains("accuracy:           55.6 % (10 of 18)")
			.contains("false pass rate:   100.0 % (8 of 8)")
			.contains("false fail rate:     0.0 % (0 of 10)");
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(booleans = { false, true })
	void theGermanSetIsJudgedOnGermanDocumentsWithCriteriaInEitherLanguage(boolean englishCriteria) throws IOException {
		LabelledSet german = SampleSet.readGerman(englishCriteria);

		String perfect = AccuracyCommand
			.score(german,
					labelled -> new Evaluation(new LabelledAnswers(labelled), EvaluationTest.properties(), null, null),
					2, new PrintStream(new ByteArrayOutputStream()))
			.summary();
		String offline = AccuracyCommand
			.score(german, labelled -> new Evaluation(new OfflineJudge(), EvaluationTest.properties(), null, null), 2,
					new PrintStream(new ByteArrayOutputStream()))
			.summary();

		assertThat(german.cases()).hasSize(10);
		assertThat(german.cases().getFirst().criterion())
			.isEqualTo(englishCriteria ? "Intended purpose stated" : "Zweckbestimmung angegeben");
		assertThat(perfect).contains("accuracy:          100.0 % (10 of 10)")
			.contains("evidence strength: 6 proof, 0 weak, 0 differing, 0 not found")
			.contains("right passes kept high confidence: 100.0 % (6 of 6)")
			.contains("extraction:        100.0 % (9 of 9)");
		assertThat(offline).contains("false pass rate:     0.0 % (0 of 4)")
			.contains("retrieval recall:  100.0 % (9 of 9)");
	}

	private Evaluation claude() {
		return new Evaluation(
				new AnthropicJudge("test-key", this.claude.baseUrl(), "claude-test", 0, Duration.ofSeconds(10)),
				EvaluationTest.properties(), null, null);
	}

	/** The labelled verdict, quoting the first line of the first labelled page. */
	private static Reply answer(String body, boolean alwaysPass) {
		Matcher criterion = CRITERION.matcher(body);
		if (!criterion.find()) {
			return new Reply(400, "{}", null, 0);
		}
		LabelledCase labelled = samples.cases()
			.stream()
			.filter(candidate -> candidate.criterion().equals(criterion.group(1)))
			.findFirst()
			.orElseThrow();
		Map<String, Object> quote = new HashMap<>(Map.of("document", labelled.documents().getFirst().documentId(),
				"page", 1, "text", labelled.documents().getFirst().parsed().pages().getFirst().lines().get(1).text()));
		labelled.evidencePages().forEach((document, pages) -> pages.stream().findFirst().ifPresent(page -> {
			DocumentText text = labelled.documents()
				.stream()
				.filter(candidate -> candidate.documentId().equals(document))
				.findFirst()
				.orElseThrow();
			quote.put("document", document);
			quote.put("page", page);
			quote.put("text", text.parsed().pages().get(page - 1).lines().get(2).text());
		}));
		String verdict = alwaysPass || labelled.expectedPass() ? "pass" : "fail";
		return Reply.ok(StandInMessagesApi.verdict(verdict, "high", quote.get("document").toString(),
				(Integer) quote.get("page"), ((String) quote.get("text")).replace("\"", "\\\"")));
	}

}
