package io.assay.evaluation;

import java.util.List;

import io.assay.evaluation.accuracy.LabelledCase;

/**
 * A stand-in judge that answers labelled cases perfectly: the labelled verdict, sure of
 * it, and for a pass the text the labeller marked as its quotes. What the engine then
 * makes of the answer (evidence found, on which pages, how strong, what confidence is
 * kept) is what the engine alone does to a perfect judge. It stands in for a model, so
 * the criteria over the same documents are put to it together, as they would be to a
 * model.
 */
final class LabelledAnswers implements CriterionJudge {

	private final List<LabelledCase> labelled;

	LabelledAnswers(List<LabelledCase> labelled) {
		this.labelled = List.copyOf(labelled);
	}

	@Override
	public String name() {
		return "labels";
	}

	@Override
	public boolean answersTogether() {
		return true;
	}

	@Override
	public Answer judge(Question question) {
		LabelledCase labelled = this.labelled.stream()
			.filter(candidate -> candidate.criterion().equals(question.criterionName())
					&& candidate.description().equals(question.description()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no label for " + question.criterionName()));
		boolean pass = labelled.expectedPass();
		List<Citation> quotes = pass ? labelled.goldEvidence() : List.of();
		return new Answer(pass, Confidence.HIGH, quotes,
				pass ? "The label says it passes." : "The label says it fails.", "{}", null);
	}

}
