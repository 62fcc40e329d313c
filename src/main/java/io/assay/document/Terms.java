package io.assay.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Words as retrieval compares them, through Lucene's analyzers: Unicode-normalised
 * (ligatures split), tokenised, lower-cased, without the function words of the text's
 * language, and stemmed as that language stems ("reports" and "report", "Prüfungen" and
 * "Prüfung" are one term). The language of a text is the one whose function words it uses
 * most (English when it uses none).
 */
public final class Terms {

	/** The languages Assay's documents come in, each with its analyzer. */
	public enum Language {

		ENGLISH, GERMAN, FRENCH

	}

	/** Words every contract and criterion has, beyond Lucene's English list. */
	private static final CharArraySet ENGLISH_FUNCTION_WORDS = englishFunctionWords();

	// Analyzers are safe to share between threads: each keeps its token streams per
	// thread.
	private static final Map<Language, Analyzer> ANALYZERS = Map.of(Language.ENGLISH,
			new EnglishAnalyzer(ENGLISH_FUNCTION_WORDS), Language.GERMAN, new GermanAnalyzer(), Language.FRENCH,
			new FrenchAnalyzer());

	private static final Map<Language, CharArraySet> FUNCTION_WORDS = Map.of(Language.ENGLISH, ENGLISH_FUNCTION_WORDS,
			Language.GERMAN, GermanAnalyzer.getDefaultStopSet(), Language.FRENCH, FrenchAnalyzer.getDefaultStopSet());

	private Terms() {
	}

	private static CharArraySet englishFunctionWords() {
		CharArraySet words = CharArraySet.copy(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
		words.addAll(List.of("shall", "should", "must", "may", "any", "all", "also", "than", "each", "every", "which",
				"who", "whom", "whether", "within", "while", "where", "when", "our", "we", "you", "your", "can", "does",
				"do", "has", "have", "had", "been", "being", "were", "would", "could", "from", "its", "those", "them"));
		// Not "most", "more", "other", "before", "after": "most favoured nation", "before
		// the expiry" are what some criteria are about (CUAD recall fell with them).
		return CharArraySet.unmodifiableSet(words);
	}

	/**
	 * Version of the analysis: bump it when terms come out differently, so that the
	 * counts stored with every page at upload are counted again.
	 */
	public static final int VERSION = 1;

	/** The terms of a text and how often each occurs, in the text's own language. */
	public static Map<String, Integer> counts(String text) {
		return counts(text, languageOf(text));
	}

	public static Map<String, Integer> counts(String text, Language language) {
		Map<String, Integer> counts = new HashMap<>();
		tokens(text, language).forEach(term -> counts.merge(term, 1, Integer::sum));
		return counts;
	}

	/** The terms of a text, in its own language. */
	public static List<String> tokens(String text) {
		return tokens(text, languageOf(text));
	}

	public static List<String> tokens(String text, Language language) {
		List<String> tokens = new ArrayList<>();
		String normal = Normalizer.normalize(text, Normalizer.Form.NFKC);
		try (TokenStream stream = ANALYZERS.get(language).tokenStream("text", normal)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				String token = term.toString();
				if (keep(token)) {
					tokens.add(token);
				}
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Reading a string cannot fail", ex);
		}
		return tokens;
	}

	/** The distinct terms of a text, in order of first use. */
	public static Set<String> keyTerms(String text) {
		return new LinkedHashSet<>(tokens(text));
	}

	/**
	 * The terms of a query in every language: a criterion written in English finds pages
	 * in English, one in German pages in German, whatever language a short query seems to
	 * be in.
	 */
	public static Set<String> queryTerms(String query) {
		Set<String> terms = new LinkedHashSet<>();
		for (Language language : Language.values()) {
			terms.addAll(tokens(query, language));
		}
		return terms;
	}

	/** The language whose function words the text uses most; English if none. */
	public static Language languageOf(String text) {
		int[] counts = new int[Language.values().length];
		int start = -1;
		int words = 0;
		for (int i = 0; i <= text.length() && words < 2_000; i++) {
			boolean letter = i < text.length() && Character.isLetter(text.charAt(i));
			if (letter && start < 0) {
				start = i;
			}
			else if (!letter && start >= 0) {
				words++;
				String word = text.substring(start, i).toLowerCase(Locale.ROOT);
				for (Language language : Language.values()) {
					if (FUNCTION_WORDS.get(language).contains(word)) {
						counts[language.ordinal()]++;
					}
				}
				start = -1;
			}
		}
		Language best = Language.ENGLISH;
		for (Language language : Language.values()) {
			if (counts[language.ordinal()] > counts[best.ordinal()]) {
				best = language;
			}
		}
		return best;
	}

	/**
	 * Short numbers ("1" of "10993-1", clause and page numbers) match everything;
	 * standard numbers ("14971", "60601") are kept. Single letters tell nothing.
	 */
	private static boolean keep(String token) {
		boolean number = token.chars().allMatch(Character::isDigit);
		return number ? token.length() >= 3 : token.length() >= 2;
	}

}
