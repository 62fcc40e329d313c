package io.assay.workflow;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A workflow as lists show it. */
public record WorkflowSummary(UUID id, String name, @Nullable String description, int version, boolean isActive,
		int bucketCount, int criteriaCount, @Nullable UUID createdBy, Instant createdAt, Instant updatedAt) {
}
