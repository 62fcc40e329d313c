package io.assay.evaluation.accuracy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.assay.document.ParsedDocument;
import io.assay.document.ParsedDocument.Page;
import io.assay.document.ParsedDocument.TextSource;
import io.assay.evaluation.Citation;
import io.assay.evaluation.Confidence;
import io.assay.evaluation.DocumentText;
import io.assay.evaluation.Evaluation;
import io.assay.evaluation.Reasoning;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Gold text sent": a should-pass criterion counts when all of a labelled quote stood in
 * the pages sent, also across a page break, and not when a page it needs was not sent; a
 * CUAD quote without pages is placed where it stands.
 */
class ScorecardTest {

	private static final UUID CONTRACT = UUID.nameUUIDFromBytes("contract".getBytes());

	private static final DocumentText DOCUMENT = new DocumentText(CONTRACT, "contract.pdf", UUID.randomUUID(),
			new ParsedDocument("pdf", true,
					List.of(page(1, "1. Term. This agreement runs for five years."),
							page(2, "2. Assignment. Neither party may assign this agree-"),
							page(3, "ment without the prior written consent of the other party."),
							page(4, "3. Notices. Notices are given in writing.")),
					List.of()));

	@Test
	void aQuoteAcrossAPageBreakCountsWhenBothPagesWereSent() {
		Scorecard scorecard = new Scorecard();
		String quote = "Neither party may assign this agreement without the prior written consent";

		scorecard.add(labelled("Anti-assignment", true, quote), sent(2, 3));
		scorecard.add(labelled("Anti-assignment", true, quote), sent(2, 4));
		scorecard.add(labelled("Term", true, "This agreement runs for five years \u2026 Notices are given in writing"),
				sent(4, 1));
		scorecard.add(labelled("Uncapped liability", false, "five years"), sent(1));

		assertThat(scorecard.summary()).contains(
				"gold text sent:     66.7 % (2 of 3) of the criteria that should pass, with labelled text, had all of it"
						+ " among the text sent");
	}

	@Test
	void aLabelledQuoteWithoutPagesIsPlacedWhereItsLongestPieceStandsInOnePlaceOnly() {
		ParsedDocument parsed = DOCUMENT.parsed();

		assertThat(Cuad.placed(parsed, "Term. \u2026 This agreement runs for five years.")).containsExactly(1);
		assertThat(Cuad.placed(parsed, "Neither party may assign this agreement without the prior written consent"))
			.as("across a page break")
			.containsExactly(2, 3);
		assertThat(Cuad.placed(parsed, "prior written consent of the other party")).as("on the second of two")
			.containsExactly(3);
		assertThat(Cuad.placed(parsed, "the \u2026 party")).as("its longest piece on two pages: none").isEmpty();
		assertThat(Cuad.placed(parsed, "Governing law: Delaware")).isEmpty();
	}

	private static Page page(int number, String text) {
		return new Page(number, 595, 842, text, List.of(), TextSource.TEXT_LAYER, null);
	}

	private static LabelledCase labelled(String criterion, boolean pass, String quote) {
		return new LabelledCase(criterion, criterion, List.of(DOCUMENT), pass, Map.of(CONTRACT, Set.of(2)),
				List.of(new Citation(CONTRACT, 2, null, quote)));
	}

	private static Evaluation.Outcome sent(Integer... pages) {
		return new Evaluation.Outcome(null, Confidence.LOW, List.of(), Reasoning.said(""), "offline",
				java.util.Arrays.stream(pages).map(page -> new Evaluation.PassageSent(CONTRACT, page, null)).toList(),
				"", 0);
	}

}
