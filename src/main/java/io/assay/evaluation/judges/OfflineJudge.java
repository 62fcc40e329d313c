package io.assay.evaluation.judges;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.assay.evaluation.Citation;
import io.assay.evaluation.Confidence;
import io.assay.evaluation.CriterionJudge;
import io.assay.evaluation.Passage;
import io.assay.document.Terms;
import io.assay.platform.Wording;

/**
 * The judge that needs no model and no key. It decides only what word matching can
 * honestly decide: when no passage mentions any of the criterion's words, the documents
 * do not address it (fail). Otherwise it quotes the line most related to the criterion
 * and leaves the verdict to a person. It never passes a criterion and is never more than
 * medium confidence; every verdict says it comes from the offline checker.
 */
public final class OfflineJudge implements CriterionJudge {

	@Override
	public String name() {
		return "offline";
	}

	@Override
	public Answer judge(Question question) {
		Set<String> terms = Terms.keyTerms(question.criterionName() + " " + question.description());
		Set<String> nameTerms = Terms.keyTerms(question.criterionName());
		if (question.passages().isEmpty()) {
			Wording noText = Wording.of("offline.no-text");
			return new Answer(null, Confidence.LOW, List.of(), noText.english(), raw("no-text", 0, terms), null,
					List.of(), List.of(), noText);
		}
		// A word found in few lines tells more than one found everywhere ("summary"
		// more than "report"), so each is weighted by its rarity, as in BM25's inverse
		// document frequency.
		java.util.Map<String, Integer> linesWith = new java.util.HashMap<>();
		int lines = 0;
		for (Passage passage : question.passages()) {
			for (String line : passage.text().split("\n")) {
				lines++;
				Terms.keyTerms(line).stream().filter(terms::contains).forEach(t -> linesWith.merge(t, 1, Integer::sum));
			}
		}
		Passage best = null;
		String bestLine = null;
		double bestScore = 0;
		int bestHits = 0;
		for (Passage passage : question.passages()) {
			for (String line : passage.text().split("\n")) {
				Set<String> words = Terms.keyTerms(line);
				double score = 0;
				int hits = 0;
				for (String term : terms) {
					if (words.contains(term)) {
						// The name says what the criterion is about: its words count
						// twice.
						double weight = nameTerms.contains(term) ? 2 : 1;
						score += weight * Math.log(1 + (double) lines / linesWith.get(term));
						hits++;
					}
				}
				if (score > bestScore) {
					bestScore = score;
					bestHits = hits;
					best = passage;
					bestLine = line.strip();
				}
			}
		}
		if (best == null || bestLine == null) {
			Wording notMentioned = Wording.of("offline.not-mentioned", question.passages().size(),
					String.join(", ", terms));
			return new Answer(false, Confidence.MEDIUM, List.of(), notMentioned.english(),
					raw("not-mentioned", 0, terms), null, List.of(), List.copyOf(terms), notMentioned);
		}
		List<String> found = new ArrayList<>();
		Set<String> lineTerms = Terms.keyTerms(bestLine);
		terms.stream().filter(lineTerms::contains).forEach(found::add);
		Wording mostRelated = Wording.of("offline.most-related", String.join(", ", found));
		return new Answer(null, Confidence.LOW,
				List.of(new Citation(best.documentId(), best.page(), best.section(), bestLine)), mostRelated.english(),
				raw("most-related", bestHits, terms), null, List.of(), List.of(), mostRelated);
	}

	private static String raw(String outcome, int hits, Set<String> terms) {
		return "{\"judge\":\"offline\",\"outcome\":\"" + outcome + "\",\"term_hits\":" + hits + ",\"terms\":"
				+ terms.size() + "}";
	}

}
