package io.assay.evaluation.retrieval;

import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits text into the word pieces a BERT model was trained on, the way the model's own
 * {@code tokenizer.json} says (lower-cased, accents stripped, punctuation apart, words
 * split greedily into the longest pieces of the vocabulary). Written here rather than
 * taken from a tokenizer library: those ship native code for every platform (19 MB) to do
 * what these few lines do for one model.
 */
final class WordPieces {

	static final int CLS = 101;

	static final int SEP = 102;

	private static final int UNKNOWN = 100;

	/** Longer words are one unknown piece, as the model's tokenizer has it. */
	private static final int LONGEST_WORD = 100;

	private final Map<String, Integer> vocabulary;

	private WordPieces(Map<String, Integer> vocabulary) {
		this.vocabulary = vocabulary;
	}

	/** The vocabulary of a Hugging Face {@code tokenizer.json} with a WordPiece model. */
	static WordPieces read(InputStream tokenizerJson) throws IOException {
		JsonNode model = JsonMapper.builder().build().readTree(tokenizerJson).path("model");
		if (!"WordPiece".equals(model.path("type").asString())) {
			throw new IOException("Not a WordPiece tokenizer: " + model.path("type"));
		}
		Map<String, Integer> vocabulary = new HashMap<>();
		model.path("vocab").properties().forEach(entry -> vocabulary.put(entry.getKey(), entry.getValue().asInt()));
		if (vocabulary.get("[UNK]") == null || vocabulary.get("[UNK]") != UNKNOWN || vocabulary.get("[CLS]") != CLS
				|| vocabulary.get("[SEP]") != SEP) {
			throw new IOException("The tokenizer's special pieces are not BERT's");
		}
		return new WordPieces(vocabulary);
	}

	/** The ids of the text's pieces, without the special ones around them. */
	int[] ids(String text) {
		List<Integer> ids = new ArrayList<>();
		for (String word : words(text)) {
			pieces(word, ids);
		}
		return ids.stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * The words of the text: lower-cased, accents stripped, control characters dropped,
	 * split at white space, every punctuation mark and every CJK character a word of its
	 * own.
	 */
	static List<String> words(String text) {
		String plain = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < plain.length();) {
			int c = plain.codePointAt(i);
			i += Character.charCount(c);
			if (Character.getType(c) == Character.NON_SPACING_MARK || c == 0 || c == 0xFFFD
					|| (Character.isISOControl(c) && !Character.isWhitespace(c))) {
				continue;
			}
			if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
				flush(word, words);
			}
			else if (punctuation(c) || cjk(c)) {
				flush(word, words);
				words.add(new String(Character.toChars(c)));
			}
			else {
				word.appendCodePoint(c);
			}
		}
		flush(word, words);
		return words;
	}

	private void pieces(String word, List<Integer> ids) {
		if (word.codePointCount(0, word.length()) > LONGEST_WORD) {
			ids.add(UNKNOWN);
			return;
		}
		List<Integer> found = new ArrayList<>();
		int start = 0;
		while (start < word.length()) {
			Integer id = null;
			int end = word.length();
			for (; end > start; end--) {
				id = this.vocabulary.get(start == 0 ? word.substring(start, end) : "##" + word.substring(start, end));
				if (id != null) {
					break;
				}
			}
			if (id == null) {
				ids.add(UNKNOWN);
				return;
			}
			found.add(id);
			start = end;
		}
		ids.addAll(found);
	}

	private static void flush(StringBuilder word, List<String> words) {
		if (!word.isEmpty()) {
			words.add(word.toString());
			word.setLength(0);
		}
	}

	/** ASCII symbols count as punctuation too ("$", "+", "^"), as BERT has it. */
	private static boolean punctuation(int c) {
		if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
			return true;
		}
		return switch (Character.getType(c)) {
			case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
					Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
					Character.OTHER_PUNCTUATION ->
				true;
			default -> false;
		};
	}

	private static boolean cjk(int c) {
		return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
				|| (c >= 0x2A700 && c <= 0x2B81F) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
	}

}
