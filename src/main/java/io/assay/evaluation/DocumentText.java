package io.assay.evaluation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.assay.document.IndexedDocument;
import io.assay.document.PageVectors;
import io.assay.document.ParsedDocument;
import io.assay.evaluation.retrieval.SentenceEncoder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
		@Nullable List<Map<String, Integer>> pageTerms, Searchable searchable, Vectors vectors) {

	public DocumentText(UUID documentId, String fileName, UUID bucketId, ParsedDocument parsed) {
		this(documentId, fileName, bucketId, parsed, null, new Searchable(), new Vectors(null));
	}

	public DocumentText(UUID documentId, String fileName, UUID bucketId, IndexedDocument indexed) {
		this(documentId, fileName, bucketId, indexed, null);
	}

	/**
	 * @param kept where the vectors of its pages are kept between runs; null to make them
	 * for this run only
	 */
	public DocumentText(UUID documentId, String fileName, UUID bucketId, IndexedDocument indexed,
			@Nullable KeptVectors kept) {
		this(documentId, fileName, bucketId, indexed.parsed(), indexed.pageTerms(), new Searchable(),
				new Vectors(kept));
	}

	/**
	 * Where a document's page vectors are kept between runs: read the first time the
	 * document is ranked by meaning (a document that fits its budget never reads them),
	 * written when they had to be made.
	 */
	public record KeptVectors(Supplier<Optional<PageVectors>> read, Consumer<PageVectors> keep) {
	}

	/**
	 * The document's text in the parts it is read in: its pages, or the sections of a
	 * document read without pages (each with its heading).
	 */
	List<String> unitTexts() {
		if (this.parsed.hasPages()) {
			return this.parsed.pages().stream().map(ParsedDocument.Page::text).toList();
		}
		return this.parsed.sections()
			.stream()
			.map(section -> section.heading() + "\n" + (section.text() == null ? "" : section.text()))
			.toList();
	}

	/**
	 * What the sentence embedding model makes of each of {@link #unitTexts()}: read or
	 * made the first time retrieval ranks the document by meaning, and then shared by
	 * every criterion judged on the same {@code DocumentText} (a run's).
	 */
	public static final class Vectors extends BuiltOnce<List<float[][]>> {

		private static final Logger log = LoggerFactory.getLogger(Vectors.class);

		private final @Nullable KeptVectors kept;

		Vectors(@Nullable KeptVectors kept) {
			this.kept = kept;
		}

		@Override
		List<float[][]> build(DocumentText document) {
			KeptVectors kept = document.parsed().hasPages() ? this.kept : null;
			if (kept != null) {
				Optional<PageVectors> stored = kept.read().get();
				if (stored.isPresent() && stored.get().model().equals(SentenceEncoder.MODEL)
						&& stored.get().pages().size() == document.parsed().pageCount()) {
					return stored.get().pages();
				}
			}
			long start = System.nanoTime();
			List<float[][]> vectors = SentenceEncoder.shared().encodeWindows(document.unitTexts());
			log.info("Made the vectors of {} windows of {} in {} ms",
					vectors.stream().mapToInt(windows -> windows.length).sum(), document.fileName(),
					(System.nanoTime() - start) / 1_000_000);
			if (kept != null) {
				try {
					kept.keep().accept(new PageVectors(SentenceEncoder.MODEL, vectors));
				}
				catch (RuntimeException ex) {
					// Ranking goes on with them; the next assessment makes them again.
					log.warn("The vectors of {} could not be kept: {}", document.fileName(), ex.toString());
				}
			}
			return vectors;
		}

	}

	/** What the evidence check searches, built the first time a quote is checked. */
	public static final class Searchable extends BuiltOnce<SearchableText> {

		@Override
		SearchableText build(DocumentText document) {
			return new SearchableText(document);
		}

	}

	/**
	 * Something made of a document once, when first needed, and then shared by the
	 * criteria judged on it side by side (they wait for the first to make it); not part
	 * of what the document is (equal to any other of its kind).
	 */
	abstract static sealed class BuiltOnce<T> permits Searchable, Vectors {

		private volatile @Nullable T built;

		abstract T build(DocumentText document);

		T of(DocumentText document) {
			T made = this.built;
			if (made == null) {
				synchronized (this) {
					made = this.built;
					if (made == null) {
						made = build(document);
						this.built = made;
					}
				}
			}
			return made;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

		@Override
		public String toString() {
			return getClass().getSimpleName();
		}

	}

}
