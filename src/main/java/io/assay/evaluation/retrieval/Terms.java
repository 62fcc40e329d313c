package io.assay.evaluation.retrieval;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words as retrieval compares them: Unicode-normalised (ligatures split), lower-cased,
 * letters and digits only, without the function words every criterion and page share.
 */
public final class Terms {

	private static final Set<String> STOPWORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "been", "by", "can",
			"do", "does", "each", "every", "for", "from", "has", "have", "if", "in", "into", "is", "it", "its", "no",
			"not", "of", "on", "or", "shall", "should", "such", "that", "the", "their", "them", "there", "these",
			"they", "this", "those", "to", "was", "were", "which", "while", "who", "will", "with", "within", "must",
			"may", "any", "all", "also", "than", "then", "when", "where", "whether", "our", "we", "you", "your");

	private Terms() {
	}

	public static List<String> tokens(String text) {
		String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		List<String> tokens = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (int i = 0; i < normal.length(); i++) {
			char c = normal.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				current.append(c);
			}
			else if (!current.isEmpty()) {
				add(tokens, current.toString());
				current.setLength(0);
			}
		}
		if (!current.isEmpty()) {
			add(tokens, current.toString());
		}
		return tokens;
	}

	/** The distinct content words of a text, in order of first use. */
	public static Set<String> keyTerms(String text) {
		return new LinkedHashSet<>(tokens(text));
	}

	private static void add(List<String> tokens, String token) {
		// Short numbers ("1" of "10993-1", clause and page numbers) match everything;
		// standard
		// numbers ("14971", "60601") are kept.
		boolean number = token.chars().allMatch(Character::isDigit);
		if ((number ? token.length() >= 3 : token.length() > 1) && !STOPWORDS.contains(token)) {
			tokens.add(stem(token));
		}
	}

	/** A light plural stemmer: "reports" and "report" are one term. */
	static String stem(String token) {
		if (token.length() > 4 && token.endsWith("ies")) {
			return token.substring(0, token.length() - 3) + "y";
		}
		if (token.length() > 3 && token.endsWith("s") && !token.endsWith("ss") && !token.endsWith("us")) {
			return token.substring(0, token.length() - 1);
		}
		return token;
	}

}
