package io.assay.evaluation;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Evidence after checking: {@code verified} when the quote was found in the document, on
 * the page given here (corrected if the judge cited another). Unverified evidence keeps
 * what the judge said, and is never shown as proof.
 */
public record Evidence(@Nullable UUID documentId, @Nullable String fileName, @Nullable Integer page,
		@Nullable String section, String quote, boolean verified) {
}
