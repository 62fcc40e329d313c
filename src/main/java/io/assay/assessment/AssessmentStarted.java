package io.assay.assessment;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Published inside the transaction that starts a run of a submission, so that whatever
 * follows from it (usage counted) is committed together with the start or not at all.
 *
 * @param startedBy who started it; null for a run started by the system
 */
public record AssessmentStarted(UUID organizationId, UUID assessmentId, UUID submissionId, int runNumber,
		@Nullable UUID startedBy) {
}
