package io.assay.identity;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A person's account in an organisation. */
public record User(UUID id, UUID organizationId, String email, String name, Role role, boolean isActive,
		@Nullable Instant lastLoginAt, Instant createdAt) {
}
