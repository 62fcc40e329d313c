package io.assay.document;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An uploaded file in one bucket. {@code pageCount} is null for a Word document read
 * without layout, which has no pages. {@code contentRemovedAt} is when its content (the
 * file, its layout, the text read from it) was removed under the organisation's
 * retention; what it was stays on record.
 */
public record Document(UUID id, UUID bucketId, String fileName, long fileSizeBytes, String fileType, String sha256,
		@Nullable Integer pageCount, @Nullable UUID uploadedBy, Instant createdAt, @Nullable Instant contentRemovedAt) {

	public boolean hasContent() {
		return this.contentRemovedAt == null;
	}

}
