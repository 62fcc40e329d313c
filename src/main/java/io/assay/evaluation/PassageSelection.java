package io.assay.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.assay.document.ParsedDocument;
import io.assay.document.Terms;
import io.assay.evaluation.retrieval.Bm25;
import io.assay.evaluation.retrieval.SentenceEncoder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses what the judge reads for one criterion, or once for several, within a character
 * budget for each: everything when it fits, otherwise the best-ranked pages, always
 * including the best page of every bucket, so that a criterion comparing documents sees
 * each of them. Pages are ranked by their words (BM25) and, for a criterion written in
 * English, by their meaning too (a sentence embedding model), the two rankings fused.
 */
final class PassageSelection {

	private static final Logger log = LoggerFactory.getLogger(PassageSelection.class);

	/**
	 * Reciprocal rank fusion's constant: a page's fused score is the sum over the
	 * rankings of 1 / (k + its rank), so that a page near the top of either ranking comes
	 * up without the two rankings' scores, which mean different things, being compared.
	 */
	private static final int FUSION_K = 60;

	/** Documents whose terms are kept counted: those of the assessments running now. */
	private static final int COUNTED_DOCUMENTS = 200;

	/**
	 * How much more a term of the criterion's name counts than one of its description: on
	 * the CUAD contracts at 0.3 times the characters, the share of should-pass criteria
	 * sent their clause rose from 84.7 to 87.1 % (docs/benchmarks.md).
	 */
	static final double NAME_WEIGHT = 2.0;

	private final int budgetChars;

	/**
	 * Whether pages are ranked by meaning as well; false once the model failed to load.
	 */
	private volatile boolean byMeaning;

	/**
	 * The term counts of each page or section of recently ranked documents whose terms
	 * were not counted at upload (a Word document read without pages, the accuracy
	 * command's), by document: every criterion of an assessment ranks the same pages, and
	 * counting their terms costs far more than scoring them. A document's content never
	 * changes under its id.
	 */
	private final Map<UUID, List<Map<String, Integer>>> counted = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<UUID, List<Map<String, Integer>>> eldest) {
			return size() > COUNTED_DOCUMENTS;
		}
	};

	/**
	 * @param byMeaning whether pages are ranked by their meaning as well as their words
	 */
	PassageSelection(int budgetChars, boolean byMeaning) {
		this.budgetChars = budgetChars;
		this.byMeaning = byMeaning;
	}

	/**
	 * What one criterion is ranked by: its name, and its description with its example.
	 */
	record Query(String name, String description) {
	}

	/**
	 * The pages to send for a criterion, ranked by its name and its description (with its
	 * example text). The name's terms weigh {@value #NAME_WEIGHT} times as much: a name
	 * says in a few words what the criterion is about, which the many words of a
	 * description would otherwise outweigh.
	 */
	List<Passage> select(String name, String description, List<DocumentText> documents) {
		return select(List.of(new Query(name, description)), documents);
	}

	/**
	 * The pages to send once for several criteria, within their budgets together:
	 * everything when it fits; otherwise each criterion's best page of every bucket, then
	 * each criterion's next best page in turn, so that every criterion gets about its own
	 * budget's worth of its own best pages and the pages two criteria both want are sent
	 * once.
	 */
	List<Passage> select(List<Query> queries, List<DocumentText> documents) {
		List<Unit> units = units(documents);
		long budget = (long) this.budgetChars * queries.size();
		long total = units.stream().mapToLong(unit -> unit.passage.text().length()).sum();
		if (total <= budget) {
			return units.stream().map(Unit::passage).toList();
		}
		Bm25 bm25 = new Bm25(termCounts(documents, units));
		List<List<Integer>> rankings = new ArrayList<>();
		for (Query query : queries) {
			Map<String, Double> terms = new LinkedHashMap<>();
			Terms.queryTerms(query.description()).forEach(term -> terms.put(term, 1.0));
			Terms.queryTerms(query.name()).forEach(term -> terms.put(term, NAME_WEIGHT));
			rankings.add(ranked(scores(query, bm25.scores(terms), units)));
		}
		Set<Integer> chosen = new java.util.HashSet<>();
		long used = 0;
		for (List<Integer> ranked : rankings) {
			Map<UUID, Integer> bestPerBucket = new LinkedHashMap<>();
			for (int i : ranked) {
				bestPerBucket.putIfAbsent(units.get(i).document.bucketId(), i);
			}
			for (int i : bestPerBucket.values()) {
				if (chosen.add(i)) {
					used += units.get(i).passage.text().length();
				}
			}
		}
		int[] next = new int[rankings.size()];
		for (boolean added = true; added;) {
			added = false;
			for (int q = 0; q < rankings.size(); q++) {
				List<Integer> ranked = rankings.get(q);
				// This criterion's best page not yet chosen that still fits.
				while (next[q] < ranked.size()) {
					int i = ranked.get(next[q]++);
					int length = units.get(i).passage.text().length();
					if (!chosen.contains(i) && used + length <= budget) {
						chosen.add(i);
						used += length;
						added = true;
						break;
					}
				}
			}
		}
		return chosen.stream().sorted().map(i -> units.get(i).passage).toList();
	}

	/**
	 * What a judge's search finds: the pages that match the query best, by their words
	 * and (an English query) their meaning, not among those already given, within
	 * {@code budget} characters (a longer best page is cut there). Ranked by words alone,
	 * pages sharing no word with the query are never found.
	 */
	List<Passage> search(String query, List<DocumentText> documents, int budget, Set<Evaluation.PassageSent> given) {
		List<Unit> units = units(documents);
		double[] scores = scores(new Query(query, ""), new Bm25(termCounts(documents, units)).scores(query), units);
		List<Passage> found = new ArrayList<>();
		int used = 0;
		for (int i : ranked(scores)) {
			Passage passage = units.get(i).passage;
			if (scores[i] <= 0 || used >= budget) {
				break;
			}
			if (given.contains(Evaluation.PassageSent.of(passage))) {
				continue;
			}
			String text = passage.text();
			if (used + text.length() > budget) {
				if (!found.isEmpty()) {
					continue;
				}
				text = text.substring(0, budget);
			}
			found.add(new Passage(passage.documentId(), passage.fileName(), passage.page(), passage.section(), text));
			used += text.length();
		}
		return found;
	}

	/**
	 * The model, if pages are ranked by meaning for this criterion: it reads English
	 * only.
	 */
	private @Nullable SentenceEncoder encoderFor(Query query) {
		if (!this.byMeaning || Terms.languageOf(query.name() + "\n" + query.description()) != Terms.Language.ENGLISH) {
			return null;
		}
		try {
			return SentenceEncoder.shared();
		}
		catch (RuntimeException | LinkageError ex) {
			// ONNX Runtime has no library for this platform: words alone rank, as before.
			this.byMeaning = false;
			log.warn("Pages are ranked by their words only: {}", ex.toString());
			return null;
		}
	}

	/**
	 * The pages' scores for a criterion: by their words, fused with those by their
	 * meaning when the criterion is ranked by meaning and the model runs.
	 */
	private double[] scores(Query query, double[] byWords, List<Unit> units) {
		SentenceEncoder encoder = encoderFor(query);
		if (encoder == null) {
			return byWords;
		}
		try {
			return fused(byWords, meaning(query, units, encoder));
		}
		catch (RuntimeException ex) {
			// The model failed on this text: the criterion is still judged, on the pages
			// its words choose.
			log.warn("Pages ranked by their words only for \"{}\": {}", query.name(), ex.toString());
			return byWords;
		}
	}

	/** How close each page's meaning is to the criterion's (its closest window). */
	private static double[] meaning(Query query, List<Unit> units, SentenceEncoder encoder) {
		float[] asked = encoder
			.encode(query.description().isBlank() ? query.name() : query.name() + ": " + query.description());
		double[] scores = new double[units.size()];
		for (int i = 0; i < units.size(); i++) {
			Unit unit = units.get(i);
			scores[i] = SentenceEncoder.similarity(asked, unit.document.vectors().of(unit.document).get(unit.index));
		}
		return scores;
	}

	/**
	 * The scores of two rankings made one by reciprocal rank fusion. A page sharing no
	 * word with the criterion gains nothing from its place in the ranking by words, which
	 * is only document order among such pages.
	 */
	private static double[] fused(double[] byWords, double[] byMeaning) {
		double[] fused = new double[byWords.length];
		List<Integer> words = ranked(byWords);
		List<Integer> meaning = ranked(byMeaning);
		for (int rank = 0; rank < fused.length; rank++) {
			if (byWords[words.get(rank)] > 0) {
				fused[words.get(rank)] += 1.0 / (FUSION_K + rank + 1);
			}
			fused[meaning.get(rank)] += 1.0 / (FUSION_K + rank + 1);
		}
		return fused;
	}

	/** Indexes of the scored pages, best first (ties in document order). */
	private static List<Integer> ranked(double[] scores) {
		List<Integer> ranked = new ArrayList<>();
		for (int i = 0; i < scores.length; i++) {
			ranked.add(i);
		}
		ranked.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> i));
		return ranked;
	}

	private static List<Unit> units(List<DocumentText> documents) {
		List<Unit> units = new ArrayList<>();
		for (DocumentText document : documents) {
			ParsedDocument parsed = document.parsed();
			if (parsed.hasPages()) {
				for (int i = 0; i < parsed.pageCount(); i++) {
					ParsedDocument.Page page = parsed.pages().get(i);
					if (!page.text().isBlank()) {
						units.add(new Unit(document, new Passage(document.documentId(), document.fileName(),
								page.number(), page.section(), page.text()), i));
					}
				}
			}
			else {
				List<String> texts = document.unitTexts();
				for (int i = 0; i < texts.size(); i++) {
					units.add(new Unit(document, new Passage(document.documentId(), document.fileName(), null,
							parsed.sections().get(i).heading(), texts.get(i)), i));
				}
			}
		}
		return units;
	}

	private List<Map<String, Integer>> termCounts(List<DocumentText> documents, List<Unit> units) {
		List<Map<String, Integer>> counts = new ArrayList<>(units.size());
		for (DocumentText document : documents) {
			List<Unit> own = units.stream().filter(unit -> unit.document == document).toList();
			List<Map<String, Integer>> stored = document.pageTerms();
			if (stored != null) {
				own.forEach(unit -> counts.add(stored.get(unit.index)));
				continue;
			}
			// Counted once: criteria judged side by side wait for the first to count
			// rather than all counting the same pages at once.
			synchronized (this.counted) {
				List<Map<String, Integer>> known = this.counted.get(document.documentId());
				if (known == null || known.size() != own.size()) {
					known = own.stream().map(unit -> Terms.counts(unit.passage.text())).toList();
					this.counted.put(document.documentId(), known);
				}
				counts.addAll(known);
			}
		}
		return counts;
	}

	/**
	 * A page or section to rank; {@code index} is its place among the document's pages,
	 * or sections ({@link DocumentText#unitTexts()}).
	 */
	private record Unit(DocumentText document, Passage passage, int index) {
	}

}
