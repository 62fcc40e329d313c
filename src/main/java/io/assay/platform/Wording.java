package io.assay.platform;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import tools.jackson.databind.JsonNode;

/**
 * What the system says to a person (an error, a note on a verdict), as a message key with
 * its arguments, so that it is worded in the reader's language ({@code ProblemResponses}
 * resolves it); the English wording is the exception's own message, for logs and for
 * clients that ask for no language. Stored as JSON (Jackson writes the key and the
 * arguments), a wording can be read back with {@link #read}, so that what the system
 * wrote into a record is shown in whatever language its reader has.
 *
 * @param key a key of {@code messages.properties}
 * @param arguments what fills its placeholders
 */
public record Wording(String key, Object... arguments) {

	private static final String LIST_SEPARATOR = "; ";

	public Wording {
		arguments = arguments.clone();
		java.util.Objects.requireNonNull(key);
		if (EnglishMessages.pattern(key) == null) {
			throw new IllegalArgumentException("No message " + key + " in messages.properties");
		}
	}

	public static Wording of(String key, Object... arguments) {
		return new Wording(key, arguments);
	}

	@Override
	public Object[] arguments() {
		return this.arguments.clone();
	}

	/** The message in English, as {@code messages.properties} words it. */
	public String english() {
		String pattern = java.util.Objects.requireNonNull(EnglishMessages.pattern(this.key));
		Object[] english = Arrays.stream(this.arguments).map(Wording::english).toArray();
		return english.length == 0 ? pattern : new MessageFormat(pattern, Locale.ENGLISH).format(english);
	}

	/**
	 * The message in the reader's language; an argument that is itself a wording (a
	 * duration, say) is worded in the same language, and a list argument item by item,
	 * joined with semicolons.
	 */
	public String in(MessageSource messages, Locale locale) {
		Object[] worded = Arrays.stream(this.arguments).map(argument -> in(argument, messages, locale)).toArray();
		return messages.getMessage(this.key, worded, locale);
	}

	private static Object english(Object argument) {
		return switch (argument) {
			case Wording wording -> wording.english();
			case List<?> items ->
				String.join(LIST_SEPARATOR, items.stream().map(item -> String.valueOf(english(item))).toList());
			default -> argument;
		};
	}

	private static Object in(Object argument, MessageSource messages, Locale locale) {
		return switch (argument) {
			case Wording wording -> wording.in(messages, locale);
			case List<?> items -> String.join(LIST_SEPARATOR,
					items.stream().map(item -> String.valueOf(in(item, messages, locale))).toList());
			default -> argument;
		};
	}

	/**
	 * A wording as it was stored as JSON ({@code key} and {@code arguments}, as Jackson
	 * writes this record), or null for anything else, such as a key that is gone from
	 * {@code messages.properties}.
	 */
	public static @Nullable Wording read(JsonNode stored) {
		String key = stored.path("key").asString("");
		if (key.isEmpty() || EnglishMessages.pattern(key) == null || !stored.path("arguments").isArray()) {
			return null;
		}
		List<Object> arguments = new ArrayList<>();
		for (JsonNode argument : stored.path("arguments")) {
			Object read = argument(argument);
			if (read == null) {
				return null;
			}
			arguments.add(read);
		}
		return new Wording(key, arguments.toArray());
	}

	/** The wordings of a stored JSON array, leaving out any that cannot be read. */
	public static List<Wording> readAll(JsonNode stored) {
		List<Wording> wordings = new ArrayList<>();
		for (JsonNode each : stored) {
			Wording wording = read(each);
			if (wording != null) {
				wordings.add(wording);
			}
		}
		return wordings;
	}

	private static @Nullable Object argument(JsonNode argument) {
		if (argument.isNumber()) {
			return argument.numberValue();
		}
		if (argument.isString()) {
			return argument.asString();
		}
		if (argument.isArray()) {
			List<Object> items = new ArrayList<>();
			for (JsonNode item : argument) {
				Object read = argument(item);
				if (read == null) {
					return null;
				}
				items.add(read);
			}
			return items;
		}
		return argument.isObject() ? read(argument) : null;
	}

	@Override
	public String toString() {
		return this.key + Arrays.toString(this.arguments);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Wording wording && wording.key.equals(this.key)
				&& Arrays.equals(wording.arguments, this.arguments);
	}

	@Override
	public int hashCode() {
		return this.key.hashCode() * 31 + Arrays.hashCode(this.arguments);
	}

}
