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
