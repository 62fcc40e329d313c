package io.assay.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a manufacturer sent for one product, under the notified body's reference, with who
 * works on it and how its latest run stands.
 *
 * @param reference the notified body's file number, unique in the organisation
 * @param owner the project handler responsible; null while unassigned or once the account
 * is gone
 * @param reviewer who reviews and may sign off; null if nobody is named
 * @param overdue the due date has passed and the latest run is not signed off
 * @param latestRun the newest run; null before the first is started
 * @param reviewState of the latest run: {@code not_started}, {@code in_review},
 * {@code signed_off}
 * @param needsReview the latest run has results a person still has to decide
 */
public record Submission(UUID id, String reference, @Nullable String manufacturer, @Nullable String product,
		@Nullable String deviceClass, @Nullable String model, @Nullable String standard, UUID workflowId,
		@Nullable Person owner, @Nullable Person reviewer, @Nullable LocalDate dueDate, boolean overdue,
		@Nullable LatestRun latestRun, String reviewState, boolean needsReview, int runCount, @Nullable UUID createdBy,
		Instant createdAt, Instant updatedAt) {

	/** Someone named on a submission. */
	public record Person(UUID id, String name) {
	}

	/**
	 * @param outcome of a completed run: {@code passed} (every criterion), {@code failed}
	 * (at least one), {@code undecided} (none failed, some still to be decided); null
	 * otherwise
	 */
	public record LatestRun(UUID assessmentId, int runNumber, String status, @Nullable String outcome) {
	}

}
