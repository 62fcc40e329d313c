package io.assay.evaluation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.document.IndexedDocument;
import io.assay.document.ParsedDocument;
import org.jspecify.annotations.Nullable;

/**
 * A document to judge a criterion on: its parsed text and the bucket it was given in.
 * {@code pageTerms}, when known, are the terms of each page as counted at upload
 * ({@link io.assay.document.IndexedDocument}); retrieval counts them itself otherwise.
 * {@code searchable} is its text as the evidence check searches it, built the first time
 * a quote is checked and then shared by every criterion judged on the same
 * {@code DocumentText} (a run's): building it was most of checking a criterion's
 * evidence.
 */
public record DocumentText(UUID documentId, String fileName, UUID bucketId, ParsedDocument parsed,
		@Nullable List<Map<String, Integer>> pageTerms, Searchable searchable) {

	public DocumentText(UUID documentId, String fileName, UUID bucketId, ParsedDocument parsed) {
		this(documentId, fileName, bucketId, parsed, null, new Searchable());
	}

	public DocumentText(UUID documentId, String fileName, UUID bucketId, IndexedDocument indexed) {
		this(documentId, fileName, bucketId, indexed.parsed(), indexed.pageTerms(), new Searchable());
	}

	/**
	 * Built once, when first needed; not part of what the document is (equal to any
	 * other).
	 */
	public static final class Searchable {

		private volatile @Nullable SearchableText built;

		SearchableText of(DocumentText document) {
			SearchableText text = this.built;
			if (text == null) {
				synchronized (this) {
					text = this.built;
					if (text == null) {
						text = new SearchableText(document);
						this.built = text;
					}
				}
			}
			return text;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Searchable;
		}

		@Override
		public int hashCode() {
			return 0;
		}

		@Override
		public String toString() {
			return "Searchable";
		}

	}

}
