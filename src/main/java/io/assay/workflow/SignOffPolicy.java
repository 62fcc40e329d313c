package io.assay.workflow;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who may sign off a run of a workflow's submissions; stored as {@link #value()} in
 * {@code workflows.sign_off_policy}.
 */
public enum SignOffPolicy {

	/** The submission's owner (or its named reviewer). */
	OWNER("owner"),

	/** Four eyes: anyone but the owner; the named reviewer when there is one. */
	FOUR_EYES("four_eyes");

	private final String value;

	SignOffPolicy(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	public static Optional<SignOffPolicy> of(String value) {
		return Arrays.stream(values()).filter(policy -> policy.value.equals(value)).findFirst();
	}

}
