package io.assay.evaluation.retrieval;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.assay.document.Terms;

/**
 * Okapi BM25 over a fixed set of texts (pages or sections): how well each answers a
 * query, weighting rare words up and long texts down (k1 = 1.2, b = 0.75).
 */
public final class Bm25 {

	private static final double K1 = 1.2;

	private static final double B = 0.75;

	private final List<Map<String, Integer>> frequencies;

	private final int[] lengths;

	private final Map<String, Integer> documentFrequency = new HashMap<>();

	private final double averageLength;

	/**
	 * @param frequencies the terms of each text with their counts ({@link Terms#counts}),
	 * which callers may keep and reuse: counting is most of the work
	 */
	public Bm25(List<Map<String, Integer>> frequencies) {
		this.frequencies = frequencies;
		this.lengths = new int[frequencies.size()];
		long total = 0;
		for (int i = 0; i < frequencies.size(); i++) {
			int length = this.frequencies.get(i).values().stream().mapToInt(Integer::intValue).sum();
			this.lengths[i] = length;
			total += length;
			this.frequencies.get(i).keySet().forEach(term -> this.documentFrequency.merge(term, 1, Integer::sum));
		}
		this.averageLength = frequencies.isEmpty() ? 0 : (double) total / frequencies.size();
	}

	/** The score of every text for the query, in the order the texts were given. */
	public double[] scores(String query) {
		Map<String, Double> terms = new LinkedHashMap<>();
		Terms.queryTerms(query).forEach(term -> terms.put(term, 1.0));
		return scores(terms);
	}

	/**
	 * The score of every text for query terms of different weights (each term's score
	 * multiplied by its weight), in the order the texts were given.
	 */
	public double[] scores(Map<String, Double> weightedTerms) {
		double[] scores = new double[this.frequencies.size()];
		int n = this.frequencies.size();
		for (Map.Entry<String, Double> weighted : weightedTerms.entrySet()) {
			String term = weighted.getKey();
			int containing = this.documentFrequency.getOrDefault(term, 0);
			if (containing == 0) {
				continue;
			}
			double idf = Math.log(1 + (n - containing + 0.5) / (containing + 0.5));
			for (int i = 0; i < n; i++) {
				int tf = this.frequencies.get(i).getOrDefault(term, 0);
				if (tf > 0) {
					double norm = K1 * (1 - B + B * this.lengths[i] / Math.max(1, this.averageLength));
					scores[i] += weighted.getValue() * idf * (tf * (K1 + 1)) / (tf + norm);
				}
			}
		}
		return scores;
	}

}
