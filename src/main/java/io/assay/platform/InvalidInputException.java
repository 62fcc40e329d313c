package io.assay.platform;

import java.util.List;

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

	public List<FieldProblem> errors() {
		return this.errors;
	}

	/**
	 * One field's problem; {@code field} is the JSON name the client sent (snake_case).
	 */
	public record FieldProblem(String field, String message) {
	}

}
