package io.assay.assessment;

import org.jspecify.annotations.Nullable;

/**
 * A criterion's verdict in a run, as it counts: a person's when there is a review, else
 * the AI's. It owns whether a person still has to look at it. The database function
 * {@code assay_result_verdict} says the same for lists and counts; a test holds the two
 * to each other.
 */
public sealed interface Verdict permits Verdict.Passed, Verdict.Failed, Verdict.Undecided, Verdict.NotAnswered {

	/** What the lists and the API call it: passed, failed, undecided, not_answered. */
	String value();

	/** A person still has to decide it. */
	boolean needsReview();

	/** True for passed, false for failed, null for neither. */
	@Nullable Boolean pass();

	/**
	 * @param reviewPass a person's verdict, null without a review
	 * @param aiPass the AI's verdict, null when it left the criterion undecided
	 * @param confidence the AI's: high, medium, low
	 * @param answered false when the judge could not be asked or gave no usable answer
	 */
	static Verdict of(@Nullable Boolean reviewPass, @Nullable Boolean aiPass, String confidence, boolean answered) {
		if (reviewPass != null) {
			return reviewPass ? new Passed(true) : new Failed(true);
		}
		if (!answered) {
			return new NotAnswered();
		}
		if (aiPass == null) {
			return new Undecided(null);
		}
		if ("low".equals(confidence)) {
			return new Undecided(aiPass);
		}
		return aiPass ? new Passed(false) : new Failed(false);
	}

	/** Passed: decided by a person, or by the AI with more than low confidence. */
	record Passed(boolean byPerson) implements Verdict {

		public String value() {
			return "passed";
		}

		public boolean needsReview() {
			return false;
		}

		public Boolean pass() {
			return true;
		}

	}

	/** Failed: decided by a person, or by the AI with more than low confidence. */
	record Failed(boolean byPerson) implements Verdict {

		public String value() {
			return "failed";
		}

		public boolean needsReview() {
			return false;
		}

		public Boolean pass() {
			return false;
		}

	}

	/**
	 * Not decided: the AI left it open, or leaned one way ({@code leaning}) with low
	 * confidence.
	 */
	record Undecided(@Nullable Boolean leaning) implements Verdict {

		public String value() {
			return "undecided";
		}

		public boolean needsReview() {
			return true;
		}

		public @Nullable Boolean pass() {
			return this.leaning;
		}

	}

	/** The judge could not be asked or gave no usable answer: never a verdict. */
	record NotAnswered() implements Verdict {

		public String value() {
			return "not_answered";
		}

		public boolean needsReview() {
			return true;
		}

		public @Nullable Boolean pass() {
			return null;
		}

	}

}
