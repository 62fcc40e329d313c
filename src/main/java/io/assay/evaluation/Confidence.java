package io.assay.evaluation;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How sure a verdict is; stored as its lower-case name
 * ({@code assessment_results.confidence}).
 */
public enum Confidence {

	HIGH, MEDIUM, LOW;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
