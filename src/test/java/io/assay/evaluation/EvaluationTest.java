package io.assay.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.assay.TestMessages;
import io.assay.evaluation.judges.OfflineJudge;
import io.assay.platform.Wording;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict rules around a judge, and the offline checker's honesty. */
class EvaluationTest {

	private static final UUID REPORT = UUID.randomUUID();

	private final List<DocumentText> documents = List.of(EvidenceCheckTest.document(REPORT, "report.pdf",
			"1 Scope\nThis report describes the XY-200 pump.", "3.2 Test results\nTable 5: summary of results"));

	@Test
	void theOfflineCheckerFailsWhatNothingMentionsAndNeverPasses() {
		Evaluation evaluation = new Evaluation(new OfflineJudge(), properties(), null, null);

		Evaluation.Outcome absent = evaluation.evaluate("Biocompatibility",
				"Biological evaluation per ISO 10993-1 covers every patient-contacting material.", null,
				this.documents);
		Evaluation.Outcome present = evaluation.evaluate("Test summary",
				"The test report has a pass/fail summary of all tests.", null, this.documents);

		assertThat(absent.pass()).isFalse();
		assertThat(absent.confidence()).isEqualTo(Confidence.MEDIUM);
		assertThat(absent.reasoning().english()).startsWith("Offline checker: none of the");
		assertThat(absent.reasoning().in(messages(), Locale.GERMAN)).as("the checker is Assay's: it speaks German")
			.startsWith("Offline-Prüfer: Keiner der");
		assertThat(present.reasoning().in(messages(), Locale.GERMAN)).startsWith("Offline-Prüfer: Die Zeile");
		assertThat(present.pass()).isNull();
		assertThat(present.confidence()).isEqualTo(Confidence.LOW);
		assertThat(present.evidence()).singleElement().satisfies(evidence -> {
			assertThat(evidence.quote()).as("a line of the page about test results, verbatim")
				.isIn("3.2 Test results", "Table 5: summary of results");
			assertThat(evidence.verified()).isTrue();
			assertThat(evidence.page()).isEqualTo(2);
		});
	}

	@Test
	void aPassWhoseEvidenceCannotBeFoundIsOnlyLowConfidence() {
		CriterionJudge confident = judge(new CriterionJudge.Answer(true, Confidence.HIGH,
				List.of(new Citation(REPORT, 2, null, "Every test passed, signed by the lab director.")), "Looks fine.",
				"{}", null));

		Evaluation.Outcome outcome = new Evaluation(confident, properties(), null, null).evaluate("Signed",
				"The report is signed.", null, this.documents);

		assertThat(outcome.pass()).isTrue();
		assertThat(outcome.confidence()).isEqualTo(Confidence.LOW);
		assertThat(outcome.needsReview()).isTrue();
		assertThat(outcome.evidence().getFirst().verified()).isFalse();
		assertThat(outcome.reasoning().english()).contains("unverified");
	}

	@Test
	void aPassRestingOnlyOnWeakEvidenceNeedsReview() {
		CriterionJudge careless = judge(new CriterionJudge.Answer(true, Confidence.HIGH,
				List.of(new Citation(REPORT, 1, null, "the")), "The report covers it.", "{}", null));

		Evaluation.Outcome outcome = new Evaluation(careless, properties(), null, null).evaluate("Scope",
				"The report states its scope.", null, this.documents);

		assertThat(outcome.evidence().getFirst().strength()).isEqualTo(Evidence.Strength.WEAK);
		assertThat(outcome.confidence()).isEqualTo(Confidence.LOW);
		assertThat(outcome.needsReview()).isTrue();
		assertThat(outcome.reasoning().english()).contains("too general to prove the pass");
	}

	@Test
	void aPassOnSpecificEvidenceKeepsItsConfidence() {
		CriterionJudge careful = judge(new CriterionJudge.Answer(true, Confidence.HIGH,
				List.of(new Citation(REPORT, 1, null, "This report describes the XY-200 pump.")), "Scope stated.", "{}",
				null));

		Evaluation.Outcome outcome = new Evaluation(careful, properties(), null, null).evaluate("Scope",
				"The report states its scope.", null, this.documents);

		assertThat(outcome.evidence().getFirst().proof()).isTrue();
		assertThat(outcome.confidence()).isEqualTo(Confidence.HIGH);
		assertThat(outcome.needsReview()).isFalse();
	}

	@Test
	void aVerdictQuotingTheDocumentWronglyNeedsReview() {
		CriterionJudge misquoting = judge(new CriterionJudge.Answer(false, Confidence.HIGH,
				List.of(new Citation(REPORT, 1, null, "This report describes the XY-300 pump.")), "Wrong pump.", "{}",
				null));

		Evaluation.Outcome outcome = new Evaluation(misquoting, properties(), null, null).evaluate("Scope",
				"The report is about the XY-300.", null, this.documents);

		assertThat(outcome.evidence().getFirst().strength()).isEqualTo(Evidence.Strength.DIFFERS);
		assertThat(outcome.evidence().getFirst().context().text()).isEqualTo("This report describes the XY-200 pump");
		assertThat(outcome.confidence()).isEqualTo(Confidence.LOW);
		assertThat(outcome.reasoning().english()).contains("differs from the documents’ wording");
	}

	@Test
	void aFailOnPagesNeverReadNeedsReviewAndNamesThem() {
		List<DocumentText> long_ = longReport("3 Labels\nLabel text. " + "Label text. ".repeat(40),
				"4 Biocompatibility\nISO 10993-1 evaluation. " + "Bio text. ".repeat(40));
		CriterionJudge unsure = judge(new CriterionJudge.Answer(false, Confidence.HIGH, List.of(),
				"Not mentioned in the passages.", "{}", null, List.of(), List.of("biocompatibility", "ISO 10993")));

		Evaluation.Outcome outcome = new Evaluation(unsure, properties(600), null, null).evaluate("Biocompatibility",
				"Biocompatibility per ISO 10993-1.", null, long_);

		assertThat(outcome.passagesSent()).hasSizeLessThan(4);
		assertThat(outcome.confidence()).isEqualTo(Confidence.LOW);
		assertThat(outcome.needsReview()).isTrue();
		assertThat(outcome.reasoning().english())
			.contains("Looked for: \u201cbiocompatibility\u201d, \u201cISO 10993\u201d.")
			.containsPattern(
					"Failed as not shown, but the AI read \\d of 4 pages; not read: report\\.pdf [0-9, \u2013]+\\.");

		tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.shared();
		Reasoning stored = new Reasoning(outcome.reasoning().said(),
				Wording.readAll(json.readTree(json.writeValueAsString(outcome.reasoning().notes()))));
		assertThat(stored).as("the notes are kept as JSON and read back whole").isEqualTo(outcome.reasoning());
		assertThat(stored.in(messages(), Locale.GERMAN)).as("the judge's words as it wrote them, the notes in German")
			.startsWith("Not mentioned in the passages. Gesucht wurde nach: \u201cbiocompatibility\u201d")
			.containsPattern("aber die KI hat \\d von 4 Seiten gelesen; nicht gelesen: report\\.pdf [0-9, \u2013]+\\.");
	}

	@Test
	void aFailOnEveryPageReadKeepsItsConfidenceButMustSayWhatItLookedFor() {
		CriterionJudge thorough = judge(new CriterionJudge.Answer(false, Confidence.HIGH, List.of(), "Not mentioned.",
				"{}", null, List.of(), List.of("sterilisation")));
		CriterionJudge silent = judge(
				new CriterionJudge.Answer(false, Confidence.HIGH, List.of(), "Not mentioned.", "{}", null));

		Evaluation.Outcome looked = new Evaluation(thorough, properties(), null, null).evaluate("Sterile",
				"The device is sterilised.", null, this.documents);
		Evaluation.Outcome unsaid = new Evaluation(silent, properties(), null, null).evaluate("Sterile",
				"The device is sterilised.", null, this.documents);

		assertThat(looked.confidence()).isEqualTo(Confidence.HIGH);
		assertThat(unsaid.confidence()).isEqualTo(Confidence.LOW);
		assertThat(unsaid.reasoning().english()).contains("cited no evidence and did not say what it looked for");
	}

	@Test
	void pagesAJudgeFoundBySearchingCountAsRead() {
		List<DocumentText> long_ = longReport(
				"4 Biocompatibility\nISO 10993-1 evaluation of the housing. " + "Bio text. ".repeat(40));
		CriterionJudge searching = new CriterionJudge() {
			@Override
			public String name() {
				return "searching";
			}

			@Override
			public CriterionJudge.Answer judge(CriterionJudge.Question question) {
				List<Passage> found = question.search().find("ISO 10993-1 housing");
				return new CriterionJudge.Answer(true, Confidence.HIGH,
						List.of(new Citation(REPORT, 3, null, "ISO 10993-1 evaluation of the housing")), "Found it.",
						"{}", null, List.of(new CriterionJudge.Search("ISO 10993-1 housing",
								found.stream().map(Evaluation.PassageSent::of).toList())),
						List.of());
			}
		};

		Evaluation.Outcome outcome = new Evaluation(searching, properties(600), null, null).evaluate("Sterile",
				"The device is sterilised with ethylene oxide.", null, long_);

		assertThat(outcome.passagesSent()).extracting(Evaluation.PassageSent::page).contains(3);
		assertThat(outcome.confidence()).isEqualTo(Confidence.HIGH);
		assertThat(outcome.reasoning().english())
			.contains("Searched the documents for: \u201cISO 10993-1 housing\u201d.");
	}

	@Test
	void aJudgeThatFailsLeavesTheCriterionNotAnswered() {
		CriterionJudge broken = judge(null);

		Evaluation.Outcome outcome = new Evaluation(broken, properties(), null, null).evaluate("Signed",
				"The report is signed.", null, this.documents);

		assertThat(outcome.pass()).isNull();
		assertThat(outcome.needsReview()).isTrue();
		assertThat(outcome.reasoning().english()).startsWith("Not answered:");
	}

	@Test
	void overTheBudgetTheBestPageOfEveryBucketIsSent() {
		List<DocumentText> many = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			many.add(EvidenceCheckTest.document(UUID.randomUUID(), "doc" + i + ".pdf",
					"Device name XY-200, class IIb, intended for infusion. " + "filler text ".repeat(50),
					"Unrelated appendix " + "filler text ".repeat(50)));
		}
		PassageSelection selection = new PassageSelection(1_000, false);

		List<Passage> passages = selection.select("device name", "class intended purpose", many);

		assertThat(passages).extracting(Passage::fileName).containsExactly("doc0.pdf", "doc1.pdf", "doc2.pdf");
		assertThat(passages).extracting(Passage::page).containsOnly(1);
	}

	@Test
	void theCriterionsNameOutweighsItsDescription() {
		String filler = " Other matters are set out in the schedules.".repeat(12);
		DocumentText contract = EvidenceCheckTest.document(UUID.randomUUID(), "contract.pdf",
				"The supplier carries insurance; the insurance names the buyer." + filler,
				"Each party shall maintain its records." + filler, "Prices are fixed for a year." + filler);
		PassageSelection selection = new PassageSelection(700, false);

		List<Passage> passages = selection.select("Insurance",
				"Must a party maintain coverage for the benefit of the other?", List.of(contract));

		// Without the name's weight the page with two words of the description ranks
		// first.
		assertThat(passages).extracting(Passage::page).containsExactly(1);
	}

	@Test
	void aPageThatSaysWhatTheCriterionAsksInOtherWordsIsSent() {
		String filler = " Other matters are set out in the schedules.".repeat(12);
		DocumentText contract = EvidenceCheckTest.document(UUID.randomUUID(), "contract.pdf",
				"The Supplier shall deliver the goods to the Buyer's warehouse within ten days of each order." + filler,
				"Prices are fixed for the first year and may then rise by at most three percent." + filler,
				"Either party may end this agreement at any time and without giving reasons, on thirty days' written"
						+ " notice to the other." + filler,
				"Each party shall keep its books and records for six years." + filler,
				"This agreement is governed by the laws of England." + filler);
		String name = "Termination for convenience";
		String description = "Can the contract be terminated absent a breach?";

		// Not a word in common: ranked by words, every page scores nothing.
		assertThat(new PassageSelection(700, false).select(name, description, List.of(contract)))
			.extracting(Passage::page)
			.doesNotContain(3);
		assertThat(new PassageSelection(700, true).select(name, description, List.of(contract)))
			.extracting(Passage::page)
			.containsExactly(3);
		assertThat(new PassageSelection(700, false).search(name, List.of(contract), 700, Set.of()))
			.as("a judge's search by words")
			.isEmpty();
		assertThat(new PassageSelection(700, true).search(name, List.of(contract), 700, Set.of()))
			.as("a judge's search by words and meaning")
			.extracting(Passage::page)
			.containsExactly(3);
	}

	@Test
	void criteriaAskedTogetherEachGetTheirOwnBestPagesSentOnce() {
		String filler = " Other matters are set out in the schedules.".repeat(12);
		DocumentText contract = EvidenceCheckTest.document(UUID.randomUUID(), "contract.pdf",
				"The supplier carries insurance for the buyer." + filler, "Prices are fixed for a year." + filler,
				"Either party may terminate on notice." + filler, "Each party keeps records." + filler,
				"The supplier audits its insurance yearly." + filler);
		PassageSelection selection = new PassageSelection(700, false);

		List<Passage> together = selection.select(List.of(new PassageSelection.Query("Insurance", "insurance"),
				new PassageSelection.Query("Termination", "terminate on notice")), List.of(contract));

		// Two budgets of about one page each: each criterion's best page, in page order.
		assertThat(together).extracting(Passage::page).containsExactly(1, 3);
		assertThat(selection.select(List.of(new PassageSelection.Query("Insurance", "insurance"),
				new PassageSelection.Query("Insurance cover", "insurance")), List.of(contract)))
			.as("a page both want is sent once, and the budget left goes to the next best")
			.extracting(Passage::page)
			.containsExactly(1, 5);
	}

	/** A report longer than a small budget: scope and sterilisation pages, then these. */
	private static List<DocumentText> longReport(String... morePages) {
		List<String> pages = new ArrayList<>(
				List.of("1 Scope\nThis report describes the XY-200 pump. " + "Scope text. ".repeat(40),
						"2 Sterilisation\nEthylene oxide. " + "Sterile text. ".repeat(40)));
		pages.addAll(List.of(morePages));
		return List.of(EvidenceCheckTest.document(REPORT, "report.pdf", pages.toArray(String[]::new)));
	}

	static EvaluationProperties properties() {
		return properties(60_000);
	}

	static EvaluationProperties properties(int budget) {
		return properties(budget, 8);
	}

	static EvaluationProperties properties(int budget, int criteriaPerCall) {
		return new EvaluationProperties("offline", budget, criteriaPerCall, true,
				new EvaluationProperties.Anthropic(null, null, "claude-test", 0, java.time.Duration.ofSeconds(5)),
				new EvaluationProperties.OpenAi(null, null, "gpt-test", 0, java.time.Duration.ofSeconds(5)),
				new EvaluationProperties.Limits(8, 1000, 400_000, java.time.Duration.ofMinutes(10)),
				java.util.Map.of("claude-test", new Pricing.Price(3, 15, 0.3, 3.75), "gpt-test",
						new Pricing.Price(2, 8, 0.5, 0)));
	}

	private static CriterionJudge judge(CriterionJudge.Answer answer) {
		return new CriterionJudge() {
			@Override
			public String name() {
				return "test";
			}

			@Override
			public Answer judge(Question question) {
				if (answer == null) {
					throw new IllegalStateException("model unavailable");
				}
				return answer;
			}
		};
	}

	private static MessageSource messages() {
		return TestMessages.assays();
	}

}
