package io.assay.document;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a document says, as retrieval and the evidence check read it: every page's text
 * without its line boxes, the terms of each page as counted at upload
 * ({@code pageTerms.get(i)} for {@code parsed.pages().get(i)}; see {@link Terms#counts}),
 * and the vectors of its pages if retrieval made them before (null otherwise). A document
 * read without pages has no page terms.
 */
public record IndexedDocument(ParsedDocument parsed, List<Map<String, Integer>> pageTerms,
		@Nullable PageVectors vectors) {

	public IndexedDocument {
		if (pageTerms.size() != parsed.pageCount()) {
			throw new IllegalArgumentException(
					"Terms of " + pageTerms.size() + " pages for a document of " + parsed.pageCount());
		}
		if (vectors != null && vectors.pages().size() != parsed.pageCount()) {
			throw new IllegalArgumentException(
					"Vectors of " + vectors.pages().size() + " pages for a document of " + parsed.pageCount());
		}
	}

}
