package io.assay.evaluation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The searches one criterion's judge may make before it answers: a few, each finding at
 * most a few pages' worth of characters, never a page it was already given. This keeps a
 * judge that searches within a token budget.
 */
final class JudgeSearches implements CriterionJudge.DocumentSearch {

	static final int MOST_SEARCHES = 3;

	static final int CHARACTERS_PER_SEARCH = 8_000;

	private final PassageSelection selection;

	private final List<DocumentText> documents;

	private final Set<Evaluation.PassageSent> given = new HashSet<>();

	private int made;

	JudgeSearches(PassageSelection selection, List<DocumentText> documents, List<Passage> sent) {
		this.selection = selection;
		this.documents = documents;
		sent.forEach(passage -> this.given.add(Evaluation.PassageSent.of(passage)));
	}

	@Override
	public synchronized List<Passage> find(String query) {
		if (this.made >= MOST_SEARCHES || query == null || query.isBlank()) {
			return List.of();
		}
		this.made++;
		List<Passage> found = this.selection.search(query.strip(), this.documents, CHARACTERS_PER_SEARCH, this.given);
		found.forEach(passage -> this.given.add(Evaluation.PassageSent.of(passage)));
		return found;
	}

	@Override
	public synchronized boolean spent() {
		return this.made >= MOST_SEARCHES;
	}

}
