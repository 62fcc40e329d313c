package io.assay.platform;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * Input that is well-formed but not acceptable (422), with one message per offending
 * field so that a form can show each next to its field.
 */
public class InvalidInputException extends RuntimeException {

	private final List<FieldProblem> errors;

	public InvalidInputException(List<FieldProblem> errors) {
		super(errors.stream()
			.map(e -> e.field() + ": " + e.message())
			.reduce((a, b) -> a + "; " + b)
			.orElse("Invalid input"));
		this.errors = List.copyOf(errors);
	}

	public static InvalidInputException of(String field, String message) {
		return new InvalidInputException(List.of(new FieldProblem(field, message)));
	}

	/** One field's problem, worded in the reader's language. */
	public static InvalidInputException of(String field, Wording wording) {
		return new InvalidInputException(List.of(new FieldProblem(field, wording)));
	}

	public List<FieldProblem> errors() {
		return this.errors;
	}

	/**
	 * Every field's problem in the reader's language: "field: problem; field: problem".
	 */
	public String message(MessageSource messages, Locale locale) {
		return String.join("; ",
				this.errors.stream().map(error -> error.field() + ": " + error.message(messages, locale)).toList());
	}

	/**
	 * One field's problem; {@code field} is the JSON name the client sent (snake_case).
	 * {@code wording}, when there is one, words {@code message} in the reader's language.
	 */
	public record FieldProblem(String field, String message, @Nullable Wording wording) {

		public FieldProblem(String field, String message) {
			this(field, message, null);
		}

		public FieldProblem(String field, Wording wording) {
			this(field, wording.english(), wording);
		}

		/** The message in the reader's language, if it has a wording; else as written. */
		public String message(MessageSource messages, Locale locale) {
			return this.wording == null ? this.message : this.wording.in(messages, locale);
		}

	}

}
