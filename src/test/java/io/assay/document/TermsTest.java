package io.assay.document;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Words are compared as their language stems them, whatever language that is. */
class TermsTest {

	@Test
	void englishWordsAreStemmedAndFunctionWordsDropped() {
		assertThat(Terms.tokens("The reports shall be calibrated; the report was calibrating."))
			.containsExactly("report", "calibr", "report", "calibr");
	}

	@Test
	void germanAndFrenchTextIsStemmedAsGermanAndFrench() {
		String german = "Die Prüfungen wurden nach der Norm durchgeführt und die Prüfung ist bestanden.";
		String french = "Les essais ont été réalisés selon la norme et l'essai est réussi.";

		assertThat(Terms.languageOf(german)).isEqualTo(Terms.Language.GERMAN);
		assertThat(Terms.languageOf(french)).isEqualTo(Terms.Language.FRENCH);
		assertThat(Terms.tokens("Prüfungen", Terms.Language.GERMAN))
			.isEqualTo(Terms.tokens("Prüfung", Terms.Language.GERMAN));
		assertThat(Terms.tokens(german)).containsAll(Terms.tokens("Prüfung", Terms.Language.GERMAN));
		assertThat(Terms.tokens("essais", Terms.Language.FRENCH))
			.isEqualTo(Terms.tokens("essai", Terms.Language.FRENCH));
	}

	@Test
	void shortNumbersAreDroppedStandardNumbersKept() {
		assertThat(Terms.tokens("ISO 10993-1 clause 4 of 2019")).contains("10993", "2019").doesNotContain("1", "4");
	}

}
