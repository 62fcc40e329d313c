package io.assay.evaluation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.assay.platform.Wording;
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
	record Question(String criterionName, String description, @Nullable String exampleText, List<Passage> passages,
			@JsonIgnore @Nullable DocumentSearch search) {

		/** A question without the means to search the documents further. */
		public Question(String criterionName, String description, @Nullable String exampleText,
				List<Passage> passages) {
			this(criterionName, description, exampleText, passages, null);
		}

	}

	/**
	 * The criterion's documents as a judge may search them before it answers, within a
	 * budget of searches and characters. What it finds counts as read.
	 */
	interface DocumentSearch {

		/**
		 * The best passages for the query that were not already given; empty once spent.
		 */
		List<Passage> find(String query);

		/** Whether no search is left. */
		boolean spent();

	}

	/** One search a judge made: its query and the pages it found. */
	record Search(String query, List<Evaluation.PassageSent> found) {

		public Search {
			found = found == null ? List.of() : List.copyOf(found);
		}

	}

	/**
	 * A judge's answer. {@code pass} is null when the judge could not decide.
	 *
	 * @param raw the judge's answer as it gave it, kept for the record
	 * @param worded the reasoning as a message, for a judge that is Assay's own code (the
	 * offline checker), so that it reads in each reader's language; null for a model's
	 * own words, which {@code reasoning} keeps as written
	 */
	record Answer(@Nullable Boolean pass, Confidence confidence, List<Citation> citations, String reasoning, String raw,
			@Nullable TokenUsage usage, List<Search> searches, List<String> searchedFor, @Nullable Wording worded) {

		/**
		 * @param searches the searches the judge made before answering
		 * @param searchedFor what the judge says it looked for (for a fail: what is not
		 * there)
		 */
		public Answer {
			// Answers cached before judges could search have neither.
			searches = searches == null ? List.of() : List.copyOf(searches);
			searchedFor = searchedFor == null ? List.of() : List.copyOf(searchedFor);
		}

		/** A model's answer, in its own words. */
		public Answer(@Nullable Boolean pass, Confidence confidence, List<Citation> citations, String reasoning,
				String raw, @Nullable TokenUsage usage, List<Search> searches, List<String> searchedFor) {
			this(pass, confidence, citations, reasoning, raw, usage, searches, searchedFor, null);
		}

		/** An answer without searches. */
		public Answer(@Nullable Boolean pass, Confidence confidence, List<Citation> citations, String reasoning,
				String raw, @Nullable TokenUsage usage) {
			this(pass, confidence, citations, reasoning, raw, usage, List.of(), List.of());
		}

	}

	/** Tokens a model call used, as the provider counted them, for its price. */
	record TokenUsage(String model, long input, long output, long cacheRead, long cacheWrite) {

		/** The tokens of two calls answering one question. */
		public TokenUsage plus(@Nullable TokenUsage other) {
			return other == null ? this : new TokenUsage(this.model, this.input + other.input,
					this.output + other.output, this.cacheRead + other.cacheRead, this.cacheWrite + other.cacheWrite);
		}

	}

	Answer judge(Question question);

	/**
	 * Decides several criteria (two or more; one is asked with {@link #judge}) on the
	 * same passages in one call, so that the documents are sent once for all of them. The
	 * questions share their passages and their search; the answers come in their order,
	 * null for a question the judge left unanswered (which is then asked on its own). A
	 * judge that cannot answer together asks each in turn.
	 */
	default List<@Nullable Answer> judgeTogether(List<Question> questions) {
		List<@Nullable Answer> answers = new java.util.ArrayList<>();
		for (Question question : questions) {
			answers.add(judge(question));
		}
		return answers;
	}

	/**
	 * Whether {@link #judgeTogether} answers several criteria in one call (a model
	 * judge), so that criteria over the same documents are best put to it together.
	 */
	default boolean answersTogether() {
		return false;
	}

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
