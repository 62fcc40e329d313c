package io.assay.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.assay.platform.InvalidInputException.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * Checks the free-text fields of one request together, so that the answer names every
 * field at fault at once: trimmed, within a length, and free of NUL and other control
 * characters (PostgreSQL refuses NUL in text, and control characters have no business in
 * a name).
 */
public final class TextFields {

	private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final List<FieldProblem> problems = new ArrayList<>();

	/** A field that must be given. Returns the trimmed text, or "" when at fault. */
	public String required(String field, @Nullable String value, int maxLength) {
		String text = optional(field, value, maxLength);
		if (text == null) {
			if (this.problems.stream().noneMatch(problem -> problem.field().equals(field))) {
				this.problems.add(new FieldProblem(field, Wording.of("field.must-be-given")));
			}
			return "";
		}
		return text;
	}

	/** A field that may be left out; blank counts as left out. */
	public @Nullable String optional(String field, @Nullable String value, int maxLength) {
		if (value == null) {
			return null;
		}
		String text = value.strip();
		if (text.isEmpty()) {
			return null;
		}
		Wording control = ControlCharacters.mustNotContain(text);
		if (control != null) {
			this.problems.add(new FieldProblem(field, control));
			return null;
		}
		if (text.codePointCount(0, text.length()) > maxLength) {
			this.problems.add(new FieldProblem(field, Wording.of("field.too-long", maxLength)));
			return null;
		}
		return text;
	}

	/**
	 * A field that must hold an email address (one "@", a dot in the domain, no spaces).
	 * Returns the trimmed address, or "" when at fault.
	 */
	public String emailAddress(String field, @Nullable String value) {
		String address = required(field, value, 255);
		if (!address.isEmpty() && !EMAIL_ADDRESS.matcher(address).matches()) {
			problem(field, Wording.of("field.email-address"));
			return "";
		}
		return address;
	}

	/** Adds a problem found by another check, to be reported with the rest. */
	public void problem(String field, Wording wording) {
		this.problems.add(new FieldProblem(field, wording));
	}

	/**
	 * @throws InvalidInputException naming every field at fault, if any is
	 */
	public void check() {
		if (!this.problems.isEmpty()) {
			throw new InvalidInputException(this.problems);
		}
	}

}
