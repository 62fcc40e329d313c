package io.assay.evaluation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Decides one criterion from the passages sent to it. Implementations: the offline
 * checker (no model, always available), and model-backed judges chosen by configuration.
 */
public interface CriterionJudge {

	/** Names the judge in results ("offline", or a provider and model). */
	String name();

	/**
	 * The question: the criterion as written for the AI, and the passages to decide it
	 * on.
	 */
	record Question(String criterionName, String description, @Nullable String exampleText, List<Passage> passages) {
	}

	/**
	 * A judge's answer. {@code pass} is null when the judge could not decide.
	 *
	 * @param raw the judge's answer as it gave it, kept for the record
	 */
	record Answer(@Nullable Boolean pass, Confidence confidence, List<Citation> citations, String reasoning, String raw,
			@Nullable TokenUsage usage) {
	}

	/** Tokens a model call used, as the provider counted them, for its price. */
	record TokenUsage(String model, long input, long output, long cacheRead, long cacheWrite) {
	}

	Answer judge(Question question);

	/**
	 * Whether answers may be kept and given again for the same question: true for judges
	 * that cost money; a change of model or prompt changes {@link #cacheIdentity()}.
	 */
	default boolean cacheable() {
		return false;
	}

	/**
	 * Whether its calls count against a model provider's limits (requests, tokens, calls
	 * at once): true for judges that call a model, false for the offline checker.
	 */
	default boolean limited() {
		return cacheable();
	}

	/** What, besides the question, an answer depends on: judge, model, prompt version. */
	default String cacheIdentity() {
		return name();
	}

}
