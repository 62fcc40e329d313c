package io.assay.evaluation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Decides criteria: chooses the passages (once for criteria asked together), asks the
 * judge, checks each criterion's evidence. A verdict whose evidence cannot be found, or
 * differs from the documents, is demoted to low confidence; a pass without evidence that
 * proves it (found, and specific) is never more than low; a judge that fails yields "not
 * answered", never a silent pass or fail.
 */
@Service
public class Evaluation {

	private static final Logger log = LoggerFactory.getLogger(Evaluation.class);

	private final CriterionJudge judge;

	private final PassageSelection selection;

	private final @Nullable AnswerCache cache;

	private final Pricing pricing;

	private final @Nullable JudgeCapacity capacity;

	private final int parallelism;

	private final JudgeMeters meters;

	private final int criteriaPerCall;

	/**
	 * What passages already checked hold addressed to an AI (or not), by their text. The
	 * criteria of a run are sent mostly the same passages, and each was checked for every
	 * criterion: a third of the work of judging a criterion whose answer came at once.
	 */
	private final Map<String, Optional<String>> addressed = new java.util.concurrent.ConcurrentHashMap<>();

	/** How many passages' findings are kept; all are forgotten when it is reached. */
	private static final int ADDRESSED_KEPT = 1024;

	/**
	 * @param cache where paid judges' answers are kept; null to ask every time
	 * @param capacity keeps calls within the provider's limits; null for no limits
	 */
	Evaluation(CriterionJudge judge, EvaluationProperties properties, @Nullable AnswerCache cache,
			@Nullable JudgeCapacity capacity) {
		this(judge, properties, cache, capacity, JudgeMeters.unregistered());
	}

	@Autowired
	Evaluation(CriterionJudge judge, EvaluationProperties properties, @Nullable AnswerCache cache,
			@Nullable JudgeCapacity capacity, JudgeMeters meters) {
		this.meters = meters;
		this.judge = judge;
		this.selection = new PassageSelection(properties.passageBudgetChars(), properties.rankByMeaning());
		this.cache = cache;
		this.pricing = new Pricing(properties.prices());
		this.capacity = judge.limited() ? capacity : null;
		this.parallelism = properties.limits().concurrentCalls();
		this.criteriaPerCall = judge.answersTogether() ? properties.criteriaPerCall() : 1;
	}

	/**
	 * How many calls of one assessment are best made side by side: as many as the
	 * provider takes at once (the limits across copies hold either way).
	 */
	public int parallelism() {
		return this.parallelism;
	}

	/** Where a passage sent to the judge came from. */
	public record PassageSent(java.util.UUID documentId, @Nullable Integer page, @Nullable String section) {

		static PassageSent of(Passage passage) {
			return new PassageSent(passage.documentId(), passage.page(), passage.section());
		}

	}

	/**
	 * A verdict ready to record. {@code pass} is null when it is not decided.
	 *
	 * @param raw the judge's own answer, for the record
	 * @param costMillicents what this verdict cost, in thousandths of a cent (nothing
	 * when answered from the cache)
	 * @param together how many criteria were put to the judge with the same passages in
	 * one call (1 when alone): the passages were sent once for all of them
	 */
	public record Outcome(@Nullable Boolean pass, Confidence confidence, List<Evidence> evidence, Reasoning reasoning,
			String judge, List<PassageSent> passagesSent, String raw, long costMillicents, boolean answered,
			int together) {

		/**
		 * An answer of the judge, or none ({@code answered} false), to this criterion
		 * alone.
		 */
		public Outcome(@Nullable Boolean pass, Confidence confidence, List<Evidence> evidence, Reasoning reasoning,
				String judge, List<PassageSent> passagesSent, String raw, long costMillicents, boolean answered) {
			this(pass, confidence, evidence, reasoning, judge, passagesSent, raw, costMillicents, answered, 1);
		}

		/** An answer of the judge to this criterion alone. */
		public Outcome(@Nullable Boolean pass, Confidence confidence, List<Evidence> evidence, Reasoning reasoning,
				String judge, List<PassageSent> passagesSent, String raw, long costMillicents) {
			this(pass, confidence, evidence, reasoning, judge, passagesSent, raw, costMillicents, true);
		}

		public boolean needsReview() {
			return this.pass == null || this.confidence == Confidence.LOW;
		}

	}

	/** A cache that cannot be read is no reason not to answer: it counts as a miss. */
	private static Optional<CriterionJudge.Answer> cached(@Nullable AnswerCache cache, byte @Nullable [] key) {
		if (cache == null || key == null) {
			return Optional.empty();
		}
		try {
			return cache.find(key);
		}
		catch (RuntimeException ex) {
			log.warn("The answer cache could not be read; asking the judge: {}", ex.getMessage());
			return Optional.empty();
		}
	}

	/** A paid answer is kept even if it cannot be cached. */
	private void remember(@Nullable AnswerCache cache, byte @Nullable [] key, CriterionJudge.Answer answer) {
		if (cache == null || key == null) {
			return;
		}
		try {
			cache.store(key, this.judge.name(), answer);
		}
		catch (RuntimeException ex) {
			log.warn("An answer could not be cached: {}", ex.getMessage());
		}
	}

	/** Output a verdict may take, counted against the tokens per minute beforehand. */
	private static final long OUTPUT_ALLOWANCE_TOKENS = 1024;

	/** One call for questions that share their passages; its answers in their order. */
	private List<CriterionJudge.@Nullable Answer> judgeWithinLimits(List<CriterionJudge.Question> questions)
			throws InterruptedException {
		if (this.capacity == null) {
			return ask(questions);
		}
		long estimate = estimatedInputTokens(questions) + OUTPUT_ALLOWANCE_TOKENS * questions.size();
		JudgeCapacity.Call call = this.capacity.admit(this.judge.name(), estimate);
		long counted = estimate;
		try {
			List<CriterionJudge.@Nullable Answer> answers = ask(questions);
			CriterionJudge.TokenUsage usage = usage(answers);
			if (usage != null) {
				// Cache reads do not count against Anthropic's input limit.
				counted = usage.input() + usage.cacheWrite() + usage.output();
			}
			return answers;
		}
		finally {
			call.finished(counted);
		}
	}

	/** One question as a question alone, several together. */
	private List<CriterionJudge.@Nullable Answer> ask(List<CriterionJudge.Question> questions) {
		return questions.size() == 1 ? List.of(this.judge.judge(questions.getFirst()))
				: this.judge.judgeTogether(questions);
	}

	/**
	 * The tokens of one call: each answer a call gave carries the whole call's, once for
	 * all.
	 */
	private static CriterionJudge.@Nullable TokenUsage usage(List<CriterionJudge.@Nullable Answer> answers) {
		return answers.stream()
			.filter(java.util.Objects::nonNull)
			.map(CriterionJudge.Answer::usage)
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	/**
	 * About four characters a token for English text: the figure providers give for
	 * estimates. The passages count once: the questions share them.
	 */
	static long estimatedInputTokens(List<CriterionJudge.Question> questions) {
		long characters = 0;
		for (CriterionJudge.Question question : questions) {
			characters += question.criterionName().length() + question.description().length()
					+ (question.exampleText() == null ? 0 : question.exampleText().length());
		}
		for (Passage passage : questions.getFirst().passages()) {
			characters += passage.text().length();
		}
		return characters / 4;
	}

	/**
	 * What the reviewer is told when a passage sent speaks to the AI; null if none does.
	 */
	private @Nullable Wording addressedToTheJudge(List<Passage> passages) {
		for (Passage passage : passages) {
			Optional<String> known = this.addressed.get(passage.text());
			if (known == null) {
				known = Optional.ofNullable(AddressedText.first(passage.text()));
				if (this.addressed.size() >= ADDRESSED_KEPT) {
					this.addressed.clear();
				}
				this.addressed.put(passage.text(), known);
			}
			String found = known.orElse(null);
			if (found != null) {
				return passage.page() == null ? Wording.of("reasoning.addressed", passage.fileName(), found)
						: Wording.of("reasoning.addressed-on-page", passage.fileName(), passage.page(), found);
			}
		}
		return null;
	}

	/** Search terms as the notes quote them: “one”, “two”. */
	private static String quoted(List<String> terms) {
		return String.join(", ", terms.stream().map(term -> "\u201c" + term + "\u201d").toList());
	}

	/** A criterion as it is put to the judge. */
	public record Criterion(String name, String description, @Nullable String exampleText) {
	}

	/**
	 * Most criteria put to a model judge in one call; 1 for a judge that cannot answer
	 * several at once.
	 */
	public int criteriaPerCall() {
		return this.criteriaPerCall;
	}

	/**
	 * Criteria over the same documents in the groups they are best put to the judge in:
	 * as few calls as {@link #criteriaPerCall()} allows, of sizes as even as can be (41
	 * criteria at 8 a call: six calls, five of 7 and one of 6).
	 */
	public <T> List<List<T>> calls(List<T> criteria) {
		int calls = Math.ceilDiv(criteria.size(), this.criteriaPerCall);
		List<List<T>> groups = new java.util.ArrayList<>();
		int from = 0;
		for (int i = 0; i < calls; i++) {
			int size = criteria.size() / calls + (i < criteria.size() % calls ? 1 : 0);
			groups.add(List.copyOf(criteria.subList(from, from + size)));
			from += size;
		}
		return groups;
	}

	public Outcome evaluate(String criterionName, String description, @Nullable String exampleText,
			List<DocumentText> documents) {
		return evaluateTogether(List.of(new Criterion(criterionName, description, exampleText)), documents).getFirst();
	}

	/**
	 * Decides criteria over the same documents in one call to the judge (one group of
	 * {@link #calls}): the passages chosen for all of them are sent once. Answers known
	 * from the cache are not asked again; a criterion the judge left out of its answer is
	 * asked on its own.
	 * @return the outcomes in the order of the criteria
	 * @throws JudgeUnavailableException when the judge could not be reached: none of them
	 * is answered
	 */
	public List<Outcome> evaluateTogether(List<Criterion> criteria, List<DocumentText> documents) {
		long selecting = System.nanoTime();
		List<Passage> passages = this.selection.select(criteria.stream()
			.map(criterion -> new PassageSelection.Query(criterion.name(),
					criterion.description() + "\n" + (criterion.exampleText() == null ? "" : criterion.exampleText())))
			.toList(), documents);
		List<PassageSent> sent = passages.stream().map(PassageSent::of).toList();
		log.debug("Chose {} passages for {} criteria in {} ms", passages.size(), criteria.size(),
				(System.nanoTime() - selecting) / 1_000_000);
		JudgeSearches search = new JudgeSearches(this.selection, documents, passages);
		List<CriterionJudge.Question> questions = criteria.stream()
			.map(criterion -> new CriterionJudge.Question(criterion.name(), criterion.description(),
					criterion.exampleText(), passages, search))
			.toList();
		AnswerCache cache = this.judge.cacheable() ? this.cache : null;
		List<byte @Nullable []> keys = new java.util.ArrayList<>();
		List<CriterionJudge.@Nullable Answer> answers = new java.util.ArrayList<>();
		List<Integer> asking = new java.util.ArrayList<>();
		for (int i = 0; i < questions.size(); i++) {
			byte[] key = cache == null ? null : cache.key(this.judge, questions.get(i));
			keys.add(key);
			CriterionJudge.Answer known = cached(cache, key).orElse(null);
			answers.add(known);
			if (known == null) {
				asking.add(i);
			}
		}
		long[] costs = new long[questions.size()];
		RuntimeException failed = null;
		if (!asking.isEmpty()) {
			long calling = System.nanoTime();
			List<CriterionJudge.@Nullable Answer> given = null;
			try {
				given = judgeWithinLimits(asking.stream().map(questions::get).toList());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Stopped while waiting for the judge's limits", ex);
			}
			catch (JudgeUnavailableException | org.springframework.dao.DataAccessException ex) {
				// Not an answer: the caller leaves the criteria pending and asks again.
				this.meters.called(this.judge.name(), "unavailable", Duration.ofNanos(System.nanoTime() - calling));
				throw ex;
			}
			catch (RuntimeException ex) {
				// An answer that came back unusable: recorded as not answered.
				this.meters.called(this.judge.name(), "failed", Duration.ofNanos(System.nanoTime() - calling));
				log.warn("The {} judge could not answer {}: {}", this.judge.name(),
						asking.stream().map(i -> criteria.get(i).name()).toList(), ex.getMessage());
				failed = ex;
			}
			if (failed == null) {
				this.meters.called(this.judge.name(), "answered", Duration.ofNanos(System.nanoTime() - calling));
				record(given, asking, answers, costs, keys, cache);
			}
		}
		List<Outcome> outcomes = new java.util.ArrayList<>();
		for (int i = 0; i < criteria.size(); i++) {
			CriterionJudge.Answer answer = answers.get(i);
			if (answer == null && failed == null && criteria.size() > 1) {
				// Left out of the answer together: asked alone, with its own passages.
				outcomes.add(evaluateTogether(List.of(criteria.get(i)), documents).getFirst());
				continue;
			}
			if (answer == null) {
				outcomes
					.add(notAnswered(failed != null ? failed : new IllegalStateException("the answer has no verdict"),
							sent, criteria.size()));
				continue;
			}
			outcomes.add(outcome(answer, documents, passages, costs[i], !asking.contains(i), criteria.size()));
		}
		return outcomes;
	}

	/**
	 * Takes a call's answers into {@code answers} at the places of the criteria asked,
	 * each with its share of the call's cost, and keeps them in the cache.
	 */
	private void record(List<CriterionJudge.@Nullable Answer> given, List<Integer> asking,
			List<CriterionJudge.@Nullable Answer> answers, long[] costs, List<byte @Nullable []> keys,
			@Nullable AnswerCache cache) {
		CriterionJudge.TokenUsage usage = usage(given);
		long cost = this.pricing.millicents(usage);
		this.meters.used(usage, cost);
		long answeredCount = given.stream().filter(java.util.Objects::nonNull).count();
		int shared = 0;
		for (int k = 0; k < asking.size(); k++) {
			int i = asking.get(k);
			CriterionJudge.Answer answer = given.get(k);
			answers.set(i, answer);
			if (answer != null) {
				// The call's cost, shared by the criteria it answered; the first takes
				// what
				// does not divide.
				costs[i] = cost / answeredCount + (shared++ == 0 ? cost % answeredCount : 0);
				remember(cache, keys.get(i), answer);
			}
		}
	}

	private Outcome notAnswered(RuntimeException ex, List<PassageSent> sent, int together) {
		return new Outcome(null, Confidence.LOW, List.of(),
				Reasoning
					.noted(Wording.of("reasoning.judge-failed", this.judge.name(), String.valueOf(ex.getMessage()))),
				this.judge.name(), sent, "{}", 0, false, together);
	}

	/** Checks a judge's answer to one criterion against the documents. */
	private Outcome outcome(CriterionJudge.Answer answer, List<DocumentText> documents, List<Passage> passages,
			long cost, boolean fromCache, int together) {
		this.meters.judged(this.judge.name(), answer.pass(), fromCache);
		List<PassageSent> read = new java.util.ArrayList<>(passages.stream().map(PassageSent::of).toList());
		for (CriterionJudge.Search search : answer.searches()) {
			search.found().stream().filter(found -> !read.contains(found)).forEach(read::add);
		}
		List<Evidence> evidence = EvidenceCheck.verify(answer.citations(), documents);
		Confidence confidence = answer.confidence();
		Reasoning reasoning = answer.worded() == null ? Reasoning.said(answer.reasoning())
				: Reasoning.noted(answer.worded());
		if (evidence.stream().anyMatch(item -> item.strength() == Evidence.Strength.NOT_FOUND)) {
			confidence = Confidence.LOW;
			reasoning = reasoning.and(Wording.of("reasoning.evidence-not-found"));
		}
		if (evidence.stream().anyMatch(item -> item.strength() == Evidence.Strength.DIFFERS)) {
			confidence = Confidence.LOW;
			reasoning = reasoning.and(Wording.of("reasoning.evidence-differs"));
		}
		Wording addressed = addressedToTheJudge(passages);
		if (addressed != null) {
			// The judge was told not to follow it; whether it did is for a person to see.
			confidence = Confidence.LOW;
			reasoning = reasoning.and(addressed);
		}
		if (!answer.searches().isEmpty()) {
			reasoning = reasoning.and(Wording.of("reasoning.searched",
					quoted(answer.searches().stream().map(CriterionJudge.Search::query).toList())));
		}
		if (Boolean.FALSE.equals(answer.pass()) && evidence.stream().noneMatch(Evidence::verified)) {
			// A fail because the documents do not show something: only as sure as the
			// reading was complete. A search in a call for several criteria may have been
			// for another of them.
			boolean searchedForIt = !answer.searches().isEmpty() && together == 1;
			if (!answer.searchedFor().isEmpty()) {
				reasoning = reasoning.and(Wording.of("reasoning.looked-for", quoted(answer.searchedFor())));
			}
			else if (!searchedForIt) {
				confidence = Confidence.LOW;
				reasoning = reasoning.and(Wording.of("reasoning.nothing-cited"));
			}
			Wording unread = searchedForIt ? null : UnreadPages.describe(documents, read);
			if (unread != null) {
				confidence = Confidence.LOW;
				reasoning = reasoning.and(unread);
			}
		}
		if (Boolean.TRUE.equals(answer.pass()) && evidence.stream().noneMatch(Evidence::proof)) {
			confidence = Confidence.LOW;
			if (evidence.stream().anyMatch(item -> item.strength() == Evidence.Strength.WEAK)) {
				reasoning = reasoning.and(Wording.of("reasoning.too-general"));
			}
		}
		return new Outcome(answer.pass(), confidence, evidence, reasoning, this.judge.name(), read, answer.raw(), cost,
				true, together);
	}

}
