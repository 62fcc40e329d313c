package io.assay.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A validation workflow as of one version: its buckets and criteria in order. This is
 * also the stored content of every version, so an assessment can always show what it ran
 * with.
 */
public record Workflow(UUID id, String name, @Nullable String description, int version, boolean isActive,
		@Nullable UUID createdBy, Instant createdAt, Instant updatedAt, List<Bucket> buckets,
		List<Criterion> criteria) {

	/** A kind of document a submission must (or may) contain, e.g. "Test reports". */
	public record Bucket(UUID id, String name, boolean required, int orderIndex) {
	}

	/**
	 * A rule the AI checks. {@code description} is what the AI reads; an empty
	 * {@code appliesToBucketIds} means the criterion applies to every bucket.
	 */
	public record Criterion(UUID id, String name, String description, List<UUID> appliesToBucketIds,
			@Nullable String exampleText, int orderIndex) {
	}

}
