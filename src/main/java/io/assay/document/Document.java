package io.assay.document;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An uploaded file in one bucket. {@code pageCount} is null for a Word document read
 * without layout, which has no pages.
 */
public record Document(UUID id, UUID bucketId, String fileName, long fileSizeBytes, String fileType, String sha256,
		@Nullable Integer pageCount, @Nullable UUID uploadedBy, Instant createdAt) {
}
