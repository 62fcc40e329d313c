package io.assay.evaluation;

import java.util.List;

import io.assay.evaluation.accuracy.LabelledCase;

/**
 * A stand-in judge that answers one labelled case perfectly: the labelled verdict, sure
 * of it, and for a pass the text the labeller marked as its quotes. What the engine then
 * makes of the answer (evidence found, on which pages, how strong, what confidence is
 * kept) is what the engine alone does to a perfect judge.
 */
final class LabelledAnswers implements CriterionJudge {

	private final LabelledCase labelled;

	LabelledAnswers(LabelledCase labelled) {
		this.labelled = labelled;
	}

	@Override
	public String name() {
		return "labels";
	}

	@Override
	public Answer judge(Question question) {
		boolean pass = this.labelled.expectedPass();
		List<Citation> quotes = pass ? this.labelled.goldEvidence() : List.of();
		return new Answer(pass, Confidence.HIGH, quotes,
				pass ? "The label says it passes." : "The label says it fails.", "{}", null);
	}

}
