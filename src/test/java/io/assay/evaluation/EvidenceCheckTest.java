package io.assay.evaluation;

import java.util.List;
import java.util.UUID;

import io.assay.document.ParsedDocument;
import io.assay.document.ParsedDocument.Page;
import io.assay.document.ParsedDocument.TextSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Quotes are checked against the documents, never trusted. */
class EvidenceCheckTest {

	private static final UUID REPORT = UUID.randomUUID();

	private static final UUID PLAN = UUID.randomUUID();

	private final List<DocumentText> documents = List.of(document(REPORT, "report.pdf",
			"1 Scope\nThe pump XY-200 was tested.",
			"3.2 Test results\nTable 5: summary of results\nLeakage current: PASS",
			"4 Signatures\nApproved by the of\ufb01cer in charge,\nJ. Doe, 2026-03-01. The manu-\nfacturer agrees."),
			document(PLAN, "plan.pdf", "Risk management plan per EN ISO 14971:2019+A11:2021"));

	@Test
	void aQuoteOnTheCitedPageIsVerified() {
		Evidence evidence = only(new Citation(REPORT, 2, null, "Table 5: summary of results"));

		assertThat(evidence.verified()).isTrue();
		assertThat(evidence.page()).isEqualTo(2);
		assertThat(evidence.section()).isEqualTo("3.2 Test results");
		assertThat(evidence.fileName()).isEqualTo("report.pdf");
	}

	@Test
	void aQuoteOnAnotherPageHasItsPageCorrected() {
		Evidence evidence = only(new Citation(REPORT, 1, null, "Leakage current: PASS"));

		assertThat(evidence.verified()).isTrue();
		assertThat(evidence.page()).isEqualTo(2);
	}

	@Test
	void aQuoteInAnotherDocumentIsFoundThere() {
		Evidence evidence = only(new Citation(REPORT, 1, null, "per EN ISO 14971:2019+A11:2021"));

		assertThat(evidence.verified()).isTrue();
		assertThat(evidence.documentId()).isEqualTo(PLAN);
		assertThat(evidence.page()).isEqualTo(1);
	}

	@Test
	void ligaturesHyphenationQuotesAndWhitespaceDoNotMatter() {
		assertThat(only(new Citation(REPORT, 3, null, "Approved by the  officer in charge, J. Doe")).verified())
			.isTrue();
		assertThat(only(new Citation(REPORT, 3, null, "The manufacturer agrees.")).verified()).isTrue();
		assertThat(only(new Citation(REPORT, 2, null, "TABLE 5: SUMMARY OF RESULTS")).verified()).isTrue();
	}

	@Test
	void anInventedQuoteIsMarkedUnverifiedAndKeepsWhatTheJudgeSaid() {
		Evidence evidence = only(new Citation(REPORT, 2, "3.2", "All tests passed without deviation."));

		assertThat(evidence.verified()).isFalse();
		assertThat(evidence.page()).isEqualTo(2);
		assertThat(evidence.quote()).isEqualTo("All tests passed without deviation.");
	}

	@Test
	void aSpecificQuoteIsProofShownWithinItsSentence() {
		Evidence evidence = only(new Citation(REPORT, 3, null, "officer in charge, J. Doe"));

		assertThat(evidence.strength()).isEqualTo(Evidence.Strength.PROOF);
		assertThat(evidence.note()).isNull();
		assertThat(evidence.context().before()).isEqualTo("Approved by the ");
		assertThat(evidence.context().text()).isEqualTo("of\ufb01cer in charge, J. Doe");
		assertThat(evidence.context().after()).isEqualTo(", 2026-03-01.");
	}

	@Test
	void aQuoteIsLabelledWithTheSectionInForceWhereItStands() {
		List<ParsedDocument.Page> pages = List.of(new Page(1, 595, 842,
				"4.1 Packaging\nThe pump is packed in a carton.\n4.2 Sterilisation\nThe set is sterilised with ethylene oxide.",
				List.of(), TextSource.TEXT_LAYER, "4.1 Packaging"));
		DocumentText manual = new DocumentText(PLAN, "manual.pdf", UUID.randomUUID(),
				new ParsedDocument("pdf", true, pages, List.of(new ParsedDocument.Section("4.1 Packaging", 1, null),
						new ParsedDocument.Section("4.2 Sterilisation", 1, null))));

		Evidence sterile = EvidenceCheck
			.verify(List.of(new Citation(PLAN, 1, null, "The set is sterilised with ethylene oxide.")), List.of(manual))
			.getFirst();
		Evidence packed = EvidenceCheck
			.verify(List.of(new Citation(PLAN, 1, null, "The pump is packed in a carton.")), List.of(manual))
			.getFirst();

		assertThat(sterile.section()).isEqualTo("4.2 Sterilisation");
		assertThat(packed.section()).isEqualTo("4.1 Packaging");
	}

	@Test
	void aQuoteOfCommonWordsIsFoundButWeak() {
		Evidence the = only(new Citation(REPORT, 3, null, "the"));
		Evidence common = only(new Citation(REPORT, 3, null, "Approved by the"));

		assertThat(the.verified()).isTrue();
		assertThat(the.strength()).isEqualTo(Evidence.Strength.WEAK);
		assertThat(the.note()).startsWith("Weak: too short");
		assertThat(the.why().key()).as("a code for clients, worded in each language")
			.isEqualTo("evidence.why.too-short");
		assertThat(common.strength()).isEqualTo(Evidence.Strength.WEAK);
	}

	@Test
	void aPhraseOnManyPagesIsWeak() {
		String footer = "Confidential property of Example Medical GmbH";
		DocumentText manual = document(PLAN, "manual.pdf", "Page one text.\n" + footer, "Page two text.\n" + footer,
				"Page three text.\n" + footer, "Page four text.\n" + footer);

		Evidence evidence = EvidenceCheck.verify(List.of(new Citation(PLAN, 2, null, footer)), List.of(manual))
			.getFirst();

		assertThat(evidence.strength()).isEqualTo(Evidence.Strength.WEAK);
		assertThat(evidence.page()).isEqualTo(2);
		assertThat(evidence.note()).contains("4 pages");
	}

	@Test
	void aQuoteThatDropsNotDiffersAndShowsTheDocumentsWords() {
		DocumentText agreement = document(PLAN, "agreement.pdf",
				"7 Confidentiality\nThe Licensee shall keep records. The Licensee shall not disclose Confidential\n"
						+ "Information to any third party without consent. Other terms apply.");

		Evidence evidence = EvidenceCheck
			.verify(List.of(new Citation(PLAN, 1, null,
					"The Licensee shall disclose Confidential Information to any third party")), List.of(agreement))
			.getFirst();

		assertThat(evidence.verified()).isFalse();
		assertThat(evidence.strength()).isEqualTo(Evidence.Strength.DIFFERS);
		assertThat(evidence.context().text())
			.isEqualTo("The Licensee shall not disclose Confidential Information to any third party");
		assertThat(evidence.context().after()).isEqualTo(" without consent.");
		assertThat(evidence.note()).startsWith("Differs from the document: 1 word");
	}

	@Test
	void aQuoteOverAPageBreakIsVerifiedWithBothPages() {
		DocumentText contract = document(PLAN, "contract.pdf",
				"12 Assignment\nNeither party may assign this Agreement without the prior written\nPage 3 of 9",
				"Supply Agreement - Confidential\nconsent of the other party, which shall not be unreasonably withheld.");

		Evidence joined = EvidenceCheck.verify(List.of(new Citation(PLAN, 3, null,
				"Neither party may assign this Agreement without the prior written consent of the other party")),
				List.of(contract))
			.getFirst();

		assertThat(joined.verified()).isTrue();
		assertThat(joined.strength()).isEqualTo(Evidence.Strength.PROOF);
		assertThat(joined.page()).isEqualTo(1);
		assertThat(joined.endPage()).isEqualTo(2);
		assertThat(joined.context().text()).isEqualTo(
				"Neither party may assign this Agreement without the prior written \u2026 consent of the other party");
		assertThat(joined.context().after()).isEqualTo(", which shall not be unreasonably withheld.");
	}

	@Test
	void aQuoteOverAPageBreakWithoutFooterIsFoundWhole() {
		DocumentText contract = document(PLAN, "contract.pdf", "Neither party may assign this Agreement without",
				"the prior written consent of the other party.");

		Evidence joined = EvidenceCheck
			.verify(List.of(new Citation(PLAN, 1, null, "assign this Agreement without the prior written consent")),
					List.of(contract))
			.getFirst();

		assertThat(joined.strength()).isEqualTo(Evidence.Strength.PROOF);
		assertThat(joined.page()).isEqualTo(1);
		assertThat(joined.endPage()).isEqualTo(2);
	}

	@Test
	void aListMarkerBetweenALineAndTheNextIsNotPartOfTheQuote() {
		DocumentText contract = document(PLAN, "contract.pdf",
				"MA may resell the Technology within the following territory:\n(a) Worldwide\n16");

		Evidence evidence = EvidenceCheck
			.verify(List.of(new Citation(PLAN, 1, null,
					"MA may resell the Technology within the following territory: Worldwide")), List.of(contract))
			.getFirst();

		assertThat(evidence.strength()).isEqualTo(Evidence.Strength.PROOF);
		assertThat(evidence.context().text())
			.isEqualTo("MA may resell the Technology within the following territory: \u2026 Worldwide");
	}

	@Test
	void aQuoteShortenedWithAnEllipsisIsFoundPieceByPiece() {
		DocumentText contract = document(PLAN, "contract.pdf",
				"9 Warranty\n\"Warranty Period\" means thirteen (13) months from shipment. Other definitions follow.",
				"The Contractor warrants that each Product will be free from defects for the Warranty Period.");

		Evidence evidence = EvidenceCheck.verify(
				List.of(new Citation(PLAN, 1, null,
						"\"Warranty Period\" means thirteen (13) months [...] each Product will be free from defects")),
				List.of(contract))
			.getFirst();

		assertThat(evidence.strength()).isEqualTo(Evidence.Strength.PROOF);
		assertThat(evidence.page()).isEqualTo(1);
		assertThat(evidence.endPage()).isEqualTo(2);
		assertThat(evidence.context().text())
			.isEqualTo("\"Warranty Period\" means thirteen (13) months \u2026 each Product will be free from defects");
	}

	@Test
	void wordsLeftOutInTheMiddleOfALineAreNotAGap() {
		DocumentText contract = document(PLAN, "contract.pdf",
				"The Supplier shall\nnot be liable for indirect damages arising from the delivery.");

		Evidence evidence = EvidenceCheck
			.verify(List.of(new Citation(PLAN, 1, null, "The Supplier shall be liable for indirect damages")),
					List.of(contract))
			.getFirst();

		assertThat(evidence.strength()).isEqualTo(Evidence.Strength.DIFFERS);
		assertThat(evidence.context().text()).isEqualTo("The Supplier shall not be liable for indirect damages");
	}

	@Test
	void evidenceCarriesThePageNumberTheDocumentPrints() {
		DocumentText annex = new DocumentText(PLAN, "annex.pdf", UUID.randomUUID(),
				new ParsedDocument("pdf", true,
						List.of(new Page(1, 595, 842, "Annex B\nBatch records of the sterilisation runs.", List.of(),
								TextSource.TEXT_LAYER, "Annex B", false, "171"),
								new Page(2, 595, 842, "Run 12\nThe exposure time was 180 minutes at 55 degrees.",
										List.of(), TextSource.TEXT_LAYER, "Run 12", false, "172")),
						List.of()));

		Evidence evidence = EvidenceCheck
			.verify(List.of(new Citation(PLAN, 2, null, "The exposure time was 180 minutes at 55 degrees")),
					List.of(annex))
			.getFirst();

		assertThat(evidence.page()).isEqualTo(2);
		assertThat(evidence.printedPage()).isEqualTo("172");
	}

	private Evidence only(Citation citation) {
		List<Evidence> checked = EvidenceCheck.verify(List.of(citation), this.documents);
		assertThat(checked).hasSize(1);
		return checked.getFirst();
	}

	static DocumentText document(UUID id, String name, String... pages) {
		List<Page> parsed = new java.util.ArrayList<>();
		for (int i = 0; i < pages.length; i++) {
			String section = pages[i].lines().findFirst().orElse(null);
			parsed.add(new Page(i + 1, 595, 842, pages[i], List.of(), TextSource.TEXT_LAYER, section));
		}
		return new DocumentText(id, name, UUID.randomUUID(), new ParsedDocument("pdf", true, parsed, List.of()));
	}

}
