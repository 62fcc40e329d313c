package io.assay.evaluation.retrieval;

import java.util.List;

import io.assay.document.Terms;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pages are ranked by the terms of the query in every language Assay reads. */
class Bm25Test {

	@Test
	void aQueryFindsPagesInAnyOfTheLanguages() {
		Bm25 ranking = new Bm25(List.of(Terms.counts("Die Sterilisation erfolgt mit Ethylenoxid."),
				Terms.counts("Die Verpackung ist aus Karton."), Terms.counts("Die Kennzeichnung folgt.")));

		double[] scores = ranking.scores("Sterilisation");

		assertThat(scores[0]).isGreaterThan(0);
		assertThat(scores[1]).isZero();
	}

}
