package io.assay.assessment;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Published inside the transaction that ends an assessment (completed, or failed after
 * its attempts), so that whatever follows from it is committed together with the end or
 * not at all.
 *
 * @param startedBy who started it; null if that account is gone
 * @param took from its start to its end; null if it never started
 */
public record AssessmentEnded(UUID organizationId, UUID assessmentId, String status, @Nullable UUID startedBy,
		@Nullable Duration took) {
}
