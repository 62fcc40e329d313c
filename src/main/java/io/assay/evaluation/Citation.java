package io.assay.evaluation;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Evidence as a judge cites it, before it is checked: document, page, section, quote. */
public record Citation(@Nullable UUID documentId, @Nullable Integer page, @Nullable String section, String quote) {
}
