package io.assay.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One entry of an organisation's audit trail, as an administrator reads it. */
public record AuditEntry(UUID id, long seq, @Nullable UUID userId, String action, @Nullable String resourceType,
		@Nullable UUID resourceId, JsonNode metadata, @Nullable String ipAddress, @Nullable String userAgent,
		Instant createdAt, String hash) {
}
