package io.assay.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.document.ParsedDocument;
import io.assay.evaluation.retrieval.Bm25;

/**
 * Chooses what the judge reads for one criterion, within a character budget: everything
 * when it fits, otherwise the best-ranked pages (BM25), always including the best page of
 * every bucket, so that a criterion comparing documents sees each of them.
 */
final class PassageSelection {

	private final int budgetChars;

	PassageSelection(int budgetChars) {
		this.budgetChars = budgetChars;
	}

	List<Passage> select(String query, List<DocumentText> documents) {
		List<Unit> units = new ArrayList<>();
		for (DocumentText document : documents) {
			ParsedDocument parsed = document.parsed();
			if (parsed.hasPages()) {
				for (ParsedDocument.Page page : parsed.pages()) {
					if (!page.text().isBlank()) {
						units.add(new Unit(document, new Passage(document.documentId(), document.fileName(),
								page.number(), page.section(), page.text())));
					}
				}
			}
			else {
				for (ParsedDocument.Section section : parsed.sections()) {
					String text = section.heading() + "\n" + (section.text() == null ? "" : section.text());
					units.add(new Unit(document,
							new Passage(document.documentId(), document.fileName(), null, section.heading(), text)));
				}
			}
		}
		int total = units.stream().mapToInt(unit -> unit.passage.text().length()).sum();
		if (total <= this.budgetChars) {
			return units.stream().map(Unit::passage).toList();
		}
		double[] scores = new Bm25(units.stream().map(unit -> unit.passage.text()).toList()).scores(query);
		List<Integer> ranked = new ArrayList<>();
		for (int i = 0; i < units.size(); i++) {
			ranked.add(i);
		}
		ranked.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> i));
		Map<UUID, Integer> bestPerBucket = new LinkedHashMap<>();
		for (int i : ranked) {
			bestPerBucket.putIfAbsent(units.get(i).document.bucketId(), i);
		}
		List<Integer> chosen = new ArrayList<>();
		int used = 0;
		for (int i : bestPerBucket.values()) {
			chosen.add(i);
			used += units.get(i).passage.text().length();
		}
		for (int i : ranked) {
			int length = units.get(i).passage.text().length();
			if (!chosen.contains(i) && used + length <= this.budgetChars) {
				chosen.add(i);
				used += length;
			}
		}
		chosen.sort(Comparator.naturalOrder());
		return chosen.stream().map(i -> units.get(i).passage).toList();
	}

	private record Unit(DocumentText document, Passage passage) {
	}

}
