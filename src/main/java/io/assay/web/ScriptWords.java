package io.assay.web;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.assay.platform.EnglishMessages;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The words the pages' scripts show (a status that changes, an upload's state, an error
 * answered by the server), in the reader's language: every message whose key starts with
 * {@code js.}, written into each page as a JSON data block that {@code /js/words.js}
 * reads. Placeholders ({@code {0}}) are left for the script to fill.
 */
@Component
class ScriptWords {

	private static final String PREFIX = "js.";

	private final MessageSource messages;

	private final JsonMapper json;

	private final Map<Locale, String> written = new ConcurrentHashMap<>();

	private final Iterable<String> keys;

	ScriptWords(MessageSource messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
		this.keys = EnglishMessages.keysStartingWith(PREFIX);
	}

	/**
	 * The words as JSON that is safe inside a script element: no {@code <} can close it.
	 */
	String json(Locale locale) {
		return this.written.computeIfAbsent(locale, this::write);
	}

	private String write(Locale locale) {
		Map<String, String> words = new TreeMap<>();
		for (String key : this.keys) {
			// Without arguments the message is returned as written, placeholders kept.
			words.put(key.substring(PREFIX.length()), this.messages.getMessage(key, null, locale));
		}
		return this.json.writeValueAsString(words).replace("<", "\\u003c");
	}

}
