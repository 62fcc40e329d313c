package io.assay.workflow;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A workflow as a person (or an API client) wrote it, before it is checked: every field
 * may be missing or wrong, and {@link Workflows} says which with one message per field.
 *
 * @param version when revising, the version the change was made from; a different current
 * version means someone else changed the workflow meanwhile
 */
public record WorkflowDraft(@Nullable String name, @Nullable String description, @Nullable List<BucketDraft> buckets,
		@Nullable List<CriterionDraft> criteria, @Nullable Integer version) {

	/**
	 * A bucket; {@code id} names an existing bucket when revising, none for a new one.
	 */
	public record BucketDraft(@Nullable UUID id, @Nullable String name, @Nullable Boolean required) {
	}

	/**
	 * A criterion; its buckets are named by position in the draft's bucket list or, when
	 * revising, by id. None (or an empty list) means all buckets.
	 */
	public record CriterionDraft(@Nullable UUID id, @Nullable String name, @Nullable String description,
			@Nullable List<UUID> appliesToBucketIds, @Nullable List<Integer> appliesToBucketIndexes,
			@Nullable String exampleText) {
	}

}
