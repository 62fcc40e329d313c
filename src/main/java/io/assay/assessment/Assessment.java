package io.assay.assessment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One run of a workflow version against a submission's documents, as the API shows it.
 *
 * @param runNumber the run's place in its submission, from 1
 * @param runStatus {@code queued → running → completed | incomplete}, or {@code failed}
 * or {@code cancelled}
 * @param reviewState {@code not_started → in_review → signed_off}
 * @param missingBucketIds required buckets it was started without, as confirmed
 */
public record Assessment(UUID id, UUID submissionId, int runNumber, UUID workflowId, int workflowVersion,
		RunStatus runStatus, String reviewState, Progress progress, @Nullable String errorMessage,
		@Nullable Instant startedAt, @Nullable Instant completedAt, @Nullable Integer durationMs, int aiCostCents,
		Summary summary, @Nullable UUID previousAssessmentId, @Nullable UUID createdBy, Instant createdAt,
		List<UUID> missingBucketIds) {

	/** Criteria checked so far, of all the workflow version's criteria. */
	public record Progress(int done, int total) {
	}

	/** Verdicts so far; criteria without a verdict yet are in neither count. */
	public record Summary(int passed, int failed, int needsReview, int total) {
	}

	/**
	 * The status in the words of the assessments API as first published: {@code pending},
	 * {@code processing}, {@code completed} (also when incomplete), {@code failed} (also
	 * when cancelled).
	 */
	@com.fasterxml.jackson.annotation.JsonProperty("status")
	public String status() {
		return this.runStatus.apiStatus();
	}

	public boolean isFinished() {
		return this.runStatus.isFinished();
	}

}
