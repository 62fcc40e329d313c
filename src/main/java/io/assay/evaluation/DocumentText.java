package io.assay.evaluation;

import java.util.UUID;

import io.assay.document.ParsedDocument;

/** A document to judge a criterion on: its parsed text and the bucket it was given in. */
public record DocumentText(UUID documentId, String fileName, UUID bucketId, ParsedDocument parsed) {
}
