package io.assay.assessment;

import java.util.UUID;

/**
 * The id of one criterion's result in a run, typed so that it cannot be passed where the
 * run's id is meant (the calls on a result take both).
 */
public record ResultId(UUID value) {

	public ResultId {
		java.util.Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
