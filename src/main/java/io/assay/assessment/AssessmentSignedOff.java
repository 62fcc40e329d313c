package io.assay.assessment;

import java.util.UUID;

/**
 * Published inside the transaction that signs a run off, so that whatever follows from it
 * is committed together with the sign-off or not at all.
 */
public record AssessmentSignedOff(UUID organizationId, UUID assessmentId, UUID submissionId, UUID signedBy) {
}
