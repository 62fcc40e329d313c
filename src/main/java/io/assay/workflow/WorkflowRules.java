package io.assay.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.assay.platform.InvalidInputException;
import io.assay.platform.InvalidInputException.FieldProblem;
import io.assay.workflow.WorkflowDraft.BucketDraft;
import io.assay.workflow.WorkflowDraft.CriterionDraft;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;

/**
 * Checks a draft completely and reports every problem at once, each under the JSON path
 * of the field it concerns ({@code buckets[2].name}), so that a form can mark each field.
 * On success it yields the draft resolved: trimmed text, and each criterion's buckets as
 * positions in the bucket list.
 */
final class WorkflowRules {

	static final int MAX_BUCKETS = 50;

	static final int MAX_CRITERIA = 200;

	static final int MAX_NAME = 255;

	static final int MAX_TEXT = 10_000;

	private WorkflowRules() {
	}

	/**
	 * A draft that passed every rule. Bucket references are positions in {@code buckets}.
	 */
	record CheckedDraft(String name, @Nullable String description, List<CheckedBucket> buckets,
			List<CheckedCriterion> criteria) {
	}

	record CheckedBucket(@Nullable UUID id, String name, boolean required) {
	}

	record CheckedCriterion(@Nullable UUID id, String name, String description, List<Integer> bucketPositions,
			@Nullable String exampleText) {
	}

	/**
	 * @param existingBuckets ids of the workflow's current buckets (empty when creating)
	 * @param existingCriteria ids of its current criteria (empty when creating)
	 */
	static CheckedDraft check(WorkflowDraft draft, Set<UUID> existingBuckets, Set<UUID> existingCriteria,
			boolean creating) {
		List<FieldProblem> errors = new ArrayList<>();
		String name = text(errors, "name", draft.name(), true, MAX_NAME);
		String description = text(errors, "description", draft.description(), false, MAX_TEXT);

		List<BucketDraft> bucketDrafts = draft.buckets() == null ? List.of() : draft.buckets();
		if (bucketDrafts.isEmpty()) {
			errors.add(new FieldProblem("buckets", Wording.of("workflow.add-bucket")));
		}
		else if (bucketDrafts.size() > MAX_BUCKETS) {
			errors.add(new FieldProblem("buckets", Wording.of("workflow.most-buckets", MAX_BUCKETS)));
		}
		List<CheckedBucket> buckets = new ArrayList<>();
		Map<String, Integer> bucketNames = new HashMap<>();
		Map<UUID, Integer> bucketPositionById = new HashMap<>();
		for (int i = 0; i < bucketDrafts.size(); i++) {
			String path = "buckets[" + i + "]";
			BucketDraft bucket = bucketDrafts.get(i);
			if (bucket == null) {
				errors.add(new FieldProblem(path, Wording.of("workflow.must-be-bucket")));
				continue;
			}
			String bucketName = text(errors, path + ".name", bucket.name(), true, MAX_NAME);
			if (bucketName != null) {
				Integer earlier = bucketNames.putIfAbsent(bucketName.toLowerCase(Locale.ROOT), i);
				if (earlier != null) {
					errors.add(new FieldProblem(path + ".name", Wording.of("workflow.bucket-name-taken", earlier)));
				}
			}
			UUID id = existingId(errors, path + ".id", bucket.id(), existingBuckets, bucketPositionById, i, creating,
					"bucket");
			buckets.add(new CheckedBucket(id, bucketName == null ? "" : bucketName,
					bucket.required() == null || bucket.required()));
		}

		List<CriterionDraft> criterionDrafts = draft.criteria() == null ? List.of() : draft.criteria();
		if (criterionDrafts.isEmpty()) {
			errors.add(new FieldProblem("criteria", Wording.of("workflow.add-criterion")));
		}
		else if (criterionDrafts.size() > MAX_CRITERIA) {
			errors.add(new FieldProblem("criteria", Wording.of("workflow.most-criteria", MAX_CRITERIA)));
		}
		List<CheckedCriterion> criteria = new ArrayList<>();
		Map<UUID, Integer> criterionPositionById = new HashMap<>();
		for (int i = 0; i < criterionDrafts.size(); i++) {
			String path = "criteria[" + i + "]";
			CriterionDraft criterion = criterionDrafts.get(i);
			if (criterion == null) {
				errors.add(new FieldProblem(path, Wording.of("workflow.must-be-criterion")));
				continue;
			}
			String criterionName = text(errors, path + ".name", criterion.name(), true, MAX_NAME);
			String criterionDescription = text(errors, path + ".description", criterion.description(), true, MAX_TEXT);
			if (criterion.description() == null || criterion.description().isBlank()) {
				replaceLast(errors, path + ".description",
						"describe what must be true: this is the text the AI checks the documents against");
			}
			String example = text(errors, path + ".example_text", criterion.exampleText(), false, MAX_TEXT);
			UUID id = existingId(errors, path + ".id", criterion.id(), existingCriteria, criterionPositionById, i,
					creating, "criterion");
			List<Integer> positions = bucketPositions(errors, path, criterion, bucketDrafts.size(), bucketPositionById,
					creating);
			criteria.add(new CheckedCriterion(id, criterionName == null ? "" : criterionName,
					criterionDescription == null ? "" : criterionDescription, positions, example));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return new CheckedDraft(name, description, buckets, criteria);
	}

	private static List<Integer> bucketPositions(List<FieldProblem> errors, String path, CriterionDraft criterion,
			int bucketCount, Map<UUID, Integer> bucketPositionById, boolean creating) {
		List<Integer> indexes = criterion.appliesToBucketIndexes() == null ? List.of()
				: criterion.appliesToBucketIndexes();
		List<UUID> ids = criterion.appliesToBucketIds() == null ? List.of() : criterion.appliesToBucketIds();
		if (!indexes.isEmpty() && !ids.isEmpty()) {
			errors
				.add(new FieldProblem(path + ".applies_to_bucket_ids", Wording.of("workflow.buckets-by-id-or-index")));
			return List.of();
		}
		Set<Integer> positions = new java.util.LinkedHashSet<>();
		for (int j = 0; j < indexes.size(); j++) {
			Integer index = indexes.get(j);
			if (index == null || index < 0 || index >= bucketCount) {
				errors.add(new FieldProblem(path + ".applies_to_bucket_indexes[" + j + "]",
						Wording.of("workflow.bucket-position", bucketCount - 1)));
			}
			else {
				positions.add(index);
			}
		}
		for (int j = 0; j < ids.size(); j++) {
			UUID id = ids.get(j);
			Integer position = id == null ? null : bucketPositionById.get(id);
			if (position == null) {
				errors.add(new FieldProblem(path + ".applies_to_bucket_ids[" + j + "]",
						creating ? "buckets of a new workflow have no ids yet: use applies_to_bucket_indexes"
								: "must be the id of one of this workflow's buckets kept in this request"));
			}
			else {
				positions.add(position);
			}
		}
		return List.copyOf(positions);
	}

	private static @Nullable UUID existingId(List<FieldProblem> errors, String path, @Nullable UUID id,
			Set<UUID> existing, Map<UUID, Integer> seen, int position, boolean creating, String kind) {
		if (id == null) {
			return null;
		}
		if (creating) {
			errors.add(new FieldProblem(path, Wording.of("workflow.new-" + kind + "-id")));
			return null;
		}
		if (!existing.contains(id)) {
			errors.add(new FieldProblem(path, Wording.of("workflow.not-a-" + kind)));
			return null;
		}
		Integer earlier = seen.putIfAbsent(id, position);
		if (earlier != null) {
			errors.add(new FieldProblem(path, Wording.of("workflow.id-twice", earlier)));
			return null;
		}
		return id;
	}

	private static @Nullable String text(List<FieldProblem> errors, String path, @Nullable String value,
			boolean required, int max) {
		String trimmed = value == null ? null : value.strip();
		if (trimmed == null || trimmed.isEmpty()) {
			if (required) {
				errors.add(new FieldProblem(path, Wording.of("field.must-not-be-empty")));
			}
			return null;
		}
		if (trimmed.length() > max) {
			errors.add(new FieldProblem(path, Wording.of("field.too-long", max)));
			return null;
		}
		return trimmed;
	}

	private static void replaceLast(List<FieldProblem> errors, String path, String message) {
		if (!errors.isEmpty() && errors.getLast().field().equals(path)) {
			errors.set(errors.size() - 1, new FieldProblem(path, message));
		}
	}

}
