package io.assay.evaluation;

import java.util.List;
import java.util.Set;

import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;

/**
 * Whether a quote found in the documents is specific enough to prove anything: long
 * enough, not made only of the words every text has, and not a phrase that stands on many
 * pages. "The" exists in every contract; it proves nothing.
 */
final class QuoteStrength {

	static final int MINIMUM_WORDS = 4;

	static final int MINIMUM_CHARACTERS = 20;

	static final int MINIMUM_CONTENT_WORDS = 2;

	/** A phrase on more pages than this is boilerplate (a header, a defined term). */
	static final int MOST_PAGES = 3;

	/**
	 * Function words of English, German and French: the languages Assay's documents come
	 * in. Words of a contract's own trade ("agreement", "party") are not here: they are
	 * common in contracts, but a quote made of them can still be the clause.
	 */
	private static final Set<String> COMMON = Set.copyOf(List.of("a", "an", "the", "and", "or", "but", "nor", "not",
			"no", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "into", "onto", "upon", "than",
			"then", "that", "this", "these", "those", "there", "here", "it", "its", "is", "are", "was", "were", "be",
			"been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "shall", "should", "may",
			"might", "can", "could", "must", "any", "all", "each", "every", "such", "other", "which", "who", "whom",
			"whose", "what", "when", "where", "if", "so", "he", "she", "they", "them", "their", "we", "our", "you",
			"your", "i", "me", "my", "his", "her", "him", "us", "also", "only", "same", "under", "over", "per", "via",
			"out", "up", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
			"und", "oder", "nicht", "kein", "keine", "mit", "von", "vom", "zu", "zum", "zur", "im", "am", "auf", "aus",
			"bei", "für", "ist", "sind", "war", "wird", "werden", "wurde", "hat", "haben", "sich", "als", "auch", "es",
			"er", "sie", "wir", "ihr", "dass", "wenn", "so", "nach", "über", "unter", "durch", "le", "la", "les", "un",
			"une", "des", "du", "de", "et", "ou", "en", "au", "aux", "est", "sont", "pour", "par", "sur", "dans",
			"avec", "ne", "pas", "que", "qui", "il", "elle", "ils", "elles", "ce", "cette", "ces", "se", "sa", "son",
			"ses", "leur", "leurs", "à"));

	private QuoteStrength() {
	}

	/**
	 * Why a quote found in the documents is not proof, or null when it is.
	 * @param words the quote's words, normalised
	 * @param normalized the quote, normalised
	 * @param pages on how many pages of the documents it stands
	 */
	static @Nullable Wording weakness(List<String> words, String normalized, int pages) {
		if (words.size() < MINIMUM_WORDS || normalized.length() < MINIMUM_CHARACTERS) {
			return Wording.of("evidence.why.too-short", MINIMUM_WORDS, MINIMUM_CHARACTERS);
		}
		long content = words.stream().filter(word -> !COMMON.contains(word)).count();
		if (content < MINIMUM_CONTENT_WORDS) {
			return Wording.of("evidence.why.common-words");
		}
		if (pages > MOST_PAGES) {
			return Wording.of("evidence.why.many-pages", pages);
		}
		return null;
	}

}
