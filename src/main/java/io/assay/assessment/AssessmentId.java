package io.assay.assessment;

import java.util.UUID;

/**
 * The id of an assessment (a run of a submission), typed so that it cannot be passed
 * where a result's or a submission's id is meant.
 */
public record AssessmentId(UUID value) {

	public AssessmentId {
		java.util.Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
