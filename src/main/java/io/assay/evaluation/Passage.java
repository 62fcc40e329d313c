package io.assay.evaluation;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A piece of a document sent to the judge: one page of a paged document, or one section
 * of a document without pages ({@code page} null).
 */
public record Passage(UUID documentId, String fileName, @Nullable Integer page, @Nullable String section, String text) {
}
