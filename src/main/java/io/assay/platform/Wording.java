package io.assay.platform;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * What an error says to a person, as a message key with its arguments, so that the answer
 * is worded in the reader's language ({@code ProblemResponses} resolves it); the English
 * wording is the exception's own message, for logs and for clients that ask for no
 * language.
 *
 * @param key a key of {@code messages.properties}
 * @param arguments what fills its placeholders
 */
public record Wording(String key, Object... arguments) {

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
		Object[] english = Arrays.stream(this.arguments)
			.map(argument -> argument instanceof Wording wording ? wording.english() : argument)
			.toArray();
		return english.length == 0 ? pattern : new MessageFormat(pattern, Locale.ENGLISH).format(english);
	}

	/**
	 * The message in the reader's language; an argument that is itself a wording (a
	 * duration, say) is worded in the same language.
	 */
	public String in(MessageSource messages, Locale locale) {
		Object[] worded = Arrays.stream(this.arguments)
			.map(argument -> argument instanceof Wording wording ? wording.in(messages, locale) : argument)
			.toArray();
		return messages.getMessage(this.key, worded, locale);
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
