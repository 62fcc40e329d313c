package io.assay.assessment;

import java.util.UUID;

/** Published inside the transaction that cancels a queued or running run. */
public record AssessmentCancelled(UUID organizationId, UUID assessmentId) {
}
