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
 * Decides one criterion: chooses the passages, asks the judge, checks its evidence. A
 * verdict whose evidence cannot be found, or differs from the documents, is demoted to
 * low confidence; a pass without evidence that proves it (found, and specific) is never
 * more than low; a judge that fails yields "not answered", never a silent pass or fail.
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
		this.selection = new PassageSelection(properties.passageBudgetChars());
		this.cache = cache;
		this.pricing = new Pricing(properties.prices());
		this.capacity = judge.limited() ? capacity : null;
		this.parallelism = properties.limits().concurrentCalls();
	}

	/**
	 * How many criteria of one assessment are best judged side by side: as many as the
	 * provider takes calls at once (the limits across copies hold either way).
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
	 */
	public record Outcome(@Nullable Boolean pass, Confidence confidence, List<Evidence> evidence, Reasoning reasoning,
			String judge, List<PassageSent> passagesSent, String raw, long costMillicents, boolean answered) {

		/** An answer of the judge. */
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

	private CriterionJudge.Answer judgeWithinLimits(CriterionJudge.Question question) throws InterruptedException {
		if (this.capacity == null) {
			return this.judge.judge(question);
		}
		long estimate = estimatedInputTokens(question) + OUTPUT_ALLOWANCE_TOKENS;
		JudgeCapacity.Call call = this.capacity.admit(this.judge.name(), estimate);
		long counted = estimate;
		try {
			CriterionJudge.Answer answer = this.judge.judge(question);
			CriterionJudge.TokenUsage usage = answer.usage();
			if (usage != null) {
				// Cache reads do not count against Anthropic's input limit.
				counted = usage.input() + usage.cacheWrite() + usage.output();
			}
			return answer;
		}
		finally {
			call.finished(counted);
		}
	}

	/**
	 * About four characters a token for English text: the figure providers give for
	 * estimates.
	 */
	static long estimatedInputTokens(CriterionJudge.Question question) {
		long characters = question.criterionName().length() + question.description().length()
				+ (question.exampleText() == null ? 0 : question.exampleText().length());
		for (Passage passage : question.passages()) {
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

	public Outcome evaluate(String criterionName, String description, @Nullable String exampleText,
			List<DocumentText> documents) {
		long selecting = System.nanoTime();
		List<Passage> passages = this.selection.select(criterionName,
				description + "\n" + (exampleText == null ? "" : exampleText), documents);
		List<PassageSent> sent = passages.stream().map(PassageSent::of).toList();
		log.debug("Chose {} passages for {} in {} ms", passages.size(), criterionName,
				(System.nanoTime() - selecting) / 1_000_000);
		CriterionJudge.Question question = new CriterionJudge.Question(criterionName, description, exampleText,
				passages, new JudgeSearches(this.selection, documents, passages));
		AnswerCache cache = this.judge.cacheable() ? this.cache : null;
		byte[] key = cache == null ? null : cache.key(this.judge, question);
		Optional<CriterionJudge.Answer> known = cached(cache, key);
		CriterionJudge.Answer answer;
		long cost = 0;
		if (known.isPresent()) {
			answer = known.get();
		}
		else {
			long calling = System.nanoTime();
			try {
				answer = judgeWithinLimits(question);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Stopped while waiting for the judge's limits", ex);
			}
			catch (JudgeUnavailableException | org.springframework.dao.DataAccessException ex) {
				// Not an answer: the caller leaves the criterion pending and asks again.
				this.meters.called(this.judge.name(), "unavailable", Duration.ofNanos(System.nanoTime() - calling));
				throw ex;
			}
			catch (RuntimeException ex) {
				this.meters.called(this.judge.name(), "failed", Duration.ofNanos(System.nanoTime() - calling));
				log.warn("The {} judge could not answer criterion {}: {}", this.judge.name(), criterionName,
						ex.getMessage());
				return new Outcome(
						null, Confidence.LOW, List.of(), Reasoning.noted(Wording.of("reasoning.judge-failed",
								this.judge.name(), String.valueOf(ex.getMessage()))),
						this.judge.name(), sent, "{}", 0, false);
			}
			this.meters.called(this.judge.name(), "answered", Duration.ofNanos(System.nanoTime() - calling));
			cost = this.pricing.millicents(answer.usage());
			this.meters.used(answer.usage(), cost);
			remember(cache, key, answer);
		}
		this.meters.judged(this.judge.name(), answer.pass(), known.isPresent());
		List<PassageSent> read = new java.util.ArrayList<>(sent);
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
			// reading was complete.
			if (!answer.searchedFor().isEmpty()) {
				reasoning = reasoning.and(Wording.of("reasoning.looked-for", quoted(answer.searchedFor())));
			}
			else if (answer.searches().isEmpty()) {
				confidence = Confidence.LOW;
				reasoning = reasoning.and(Wording.of("reasoning.nothing-cited"));
			}
			Wording unread = answer.searches().isEmpty() ? UnreadPages.describe(documents, read) : null;
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
		return new Outcome(answer.pass(), confidence, evidence, reasoning, this.judge.name(), read, answer.raw(), cost);
	}

}
