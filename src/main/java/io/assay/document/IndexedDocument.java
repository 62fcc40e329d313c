package io.assay.document;

import java.util.List;
import java.util.Map;

/**
 * What a document says, as retrieval and the evidence check read it: every page's text
 * without its line boxes, and the terms of each page as counted at upload
 * ({@code pageTerms.get(i)} for {@code parsed.pages().get(i)}; see {@link Terms#counts}).
 * A document read without pages has no page terms.
 */
public record IndexedDocument(ParsedDocument parsed, List<Map<String, Integer>> pageTerms) {

	public IndexedDocument {
		if (pageTerms.size() != parsed.pageCount()) {
			throw new IllegalArgumentException(
					"Terms of " + pageTerms.size() + " pages for a document of " + parsed.pageCount());
		}
	}

}
