package io.assay.identity;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a user may do in their organisation; stored as {@link #value()} in
 * {@code users.role}.
 */
public enum Role {

	/** Defines validation workflows: buckets and criteria. */
	PROCESS_MANAGER("process_manager"),

	/** Uploads documents, runs assessments, reviews results, exports reports. */
	PROJECT_HANDLER("project_handler"),

	/**
	 * Manages the organisation, its users and its audit trail; may do everything in it.
	 */
	ADMIN("admin");

	private final String value;

	Role(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	/** The Spring Security authority that stands for this role. */
	public String authority() {
		return "ROLE_" + name();
	}

	public static Optional<Role> of(String value) {
		return Arrays.stream(values()).filter(role -> role.value.equals(value)).findFirst();
	}

	public static String allowedValues() {
		return String.join(", ", Arrays.stream(values()).map(Role::value).toList());
	}

}
