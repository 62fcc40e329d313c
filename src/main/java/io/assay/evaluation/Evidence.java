package io.assay.evaluation;

import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;

/**
 * Evidence after checking. {@code verified} when the quote was found word for word in the
 * document, on the page given here (corrected if the judge cited another) and, for a
 * quote running over a page break, up to {@code endPage}. Only {@link Strength#PROOF}
 * evidence is shown as proof: a quote found but too general to prove anything is
 * {@link Strength#WEAK}, one close to the document's text but not the same
 * {@link Strength#DIFFERS}, one found nowhere {@link Strength#NOT_FOUND}, and unverified
 * evidence keeps what the judge said.
 *
 * @param endPage the page the quote ends on, when not the one it starts on
 * @param note why the evidence is not proof, in the reviewer's words (in English:
 * {@code why} words it in the reader's language); null for proof
 * @param context the document's own text around the quote: the sentence or row it is in,
 * with the quoted part (as the document has it) in the middle; null when not found
 * @param printedPage the page number the document prints where the quote starts, when it
 * is not the page's place in the file ("172" on the PDF's page 180)
 * @param why {@code note} as a message key and its arguments, a stable code for clients
 */
public record Evidence(@Nullable UUID documentId, @Nullable String fileName, @Nullable Integer page,
		@Nullable Integer endPage, @Nullable String section, String quote, boolean verified, Strength strength,
		@Nullable String note, @Nullable Context context, @Nullable String printedPage, @Nullable Wording why) {

	/** Evidence the judge cited that is nowhere in the documents. */
	static Evidence notFound(Citation citation, @Nullable String fileName) {
		Wording why = Wording.of("evidence.why.not-found");
		return new Evidence(citation.documentId(), fileName, citation.page(), null, citation.section(),
				citation.quote(), false, Strength.NOT_FOUND, why.english(), null, null, why);
	}

	/** Whether this evidence may be shown as proof of a verdict. */
	public boolean proof() {
		return this.strength == Strength.PROOF;
	}

	/** How far a quote proves what it is cited for. */
	public enum Strength {

		/** Found word for word, and specific enough to prove something. */
		PROOF,
		/** Found, but too short, too common or on too many pages to prove anything. */
		WEAK,
		/** Close to the document's text but not the same (a word changed or dropped). */
		DIFFERS,
		/** Nowhere in the documents. */
		NOT_FOUND;

		@JsonValue
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * The document's own text around a quote: {@code before} and {@code after} complete
	 * the sentence (or table row); {@code text} is the document's wording of the quoted
	 * part, which for differing evidence is what the document really says.
	 */
	public record Context(String before, String text, String after) {
	}

}
