package io.assay.identity;

import java.time.Instant;
import java.util.UUID;

/** A customer of Assay (one notified body) and its subscription. */
public record Organization(UUID id, String name, String subscriptionTier, String subscriptionStatus,
		Instant createdAt) {
}
