package io.assay.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;

/**
 * Checks every quote a judge cites against the parsed documents, never trusting it. Texts
 * are compared after normalising what PDFs vary in (see {@link QuoteText}), over each
 * document's pages read one after another, so a quote may run over a page break. In
 * order:
 * <ol>
 * <li>shortened with an ellipsis ("...", "…", "[...]"): verified when every piece stands
 * in the same document, preferably in the quote's order and close together;</li>
 * <li>found word for word: verified, on the page where it stands (corrected if the judge
 * cited another), and proof only if it is specific ({@link QuoteStrength});</li>
 * <li>found with nothing between its words but a line break, hyphen or space that the
 * extraction put differently, or in two pieces around a page's footer, a column or a
 * table cell: verified too, citing the page it starts and the page it ends on;</li>
 * <li>close to the document's text but a word changed or dropped: "differs", shown with
 * the document's real text beside it, never as proof;</li>
 * <li>otherwise not found.</li>
 * </ol>
 * Every quote found is shown within its sentence, so a dropped "not" cannot hide.
 */
final class EvidenceCheck {

	/** Shorter loose matches (without spaces and hyphens) would match by chance. */
	private static final int SHORTEST_LOOSE = 12;

	/**
	 * What may stand between two pieces of one quote: a footer, a page number, a cell.
	 */
	private static final int WIDEST_GAP = 400;

	/** A quote's first piece must be this long before a gap is considered at all. */
	private static final int SHORTEST_PIECE = 12;

	/** How far the sentence around a quote is followed before it is cut. */
	private static final int WIDEST_CONTEXT = 300;

	/** How much a quote shortened with an ellipsis may leave out between two pieces. */
	private static final int WIDEST_OMISSION = 5_000;

	private EvidenceCheck() {
	}

	static List<Evidence> verify(List<Citation> citations, List<DocumentText> documents) {
		List<Evidence> checked = new ArrayList<>();
		List<SearchableText> searchable = null;
		for (Citation citation : citations) {
			if (QuoteText.normalize(citation.quote()).isEmpty()) {
				continue;
			}
			if (searchable == null) {
				searchable = documents.stream().map(document -> document.searchable().of(document)).toList();
			}
			checked.add(locate(citation, searchable));
		}
		return checked;
	}

	private static Evidence locate(Citation citation, List<SearchableText> documents) {
		String quote = QuoteText.normalize(citation.quote());
		List<SearchableText> order = new ArrayList<>();
		documents.stream().filter(d -> d.cites(citation)).forEach(order::add);
		documents.stream().filter(d -> !d.cites(citation)).forEach(order::add);
		List<String> words = SearchableText.words(quote);
		List<String> pieces = QuoteText.pieces(citation.quote());
		if (pieces.size() > 1) {
			for (SearchableText document : order) {
				Match shortened = document.findInOrder(pieces, WIDEST_OMISSION, SHORTEST_LOOSE, SHORTEST_PIECE,
						WIDEST_GAP);
				if (shortened != null) {
					return found(citation, quote, words, shortened);
				}
			}
		}
		Match exact = exact(quote, citation, order);
		if (exact != null) {
			return found(citation, quote, words, exact);
		}
		for (SearchableText document : order) {
			Match loose = document.findLoose(quote, SHORTEST_LOOSE, 0, Integer.MAX_VALUE);
			if (loose == null) {
				loose = document.findAroundGap(quote, SHORTEST_PIECE, WIDEST_GAP, 0, Integer.MAX_VALUE);
			}
			if (loose != null) {
				return found(citation, quote, words, loose);
			}
		}
		Match closest = null;
		for (SearchableText document : order) {
			Match close = document.findClose(words);
			if (close != null && (closest == null || close.edits() < closest.edits())) {
				closest = close;
			}
		}
		if (closest != null && closest.edits() == 0) {
			// The same words, punctuated differently: the document says what the quote
			// says.
			return found(citation, quote, words, closest);
		}
		if (closest != null) {
			return evidence(citation, closest, false, Evidence.Strength.DIFFERS,
					Wording.of("evidence.why.differs", closest.edits()));
		}
		String fileName = documents.stream()
			.filter(d -> d.cites(citation))
			.map(d -> d.document().fileName())
			.findFirst()
			.orElse(null);
		return Evidence.notFound(citation, fileName);
	}

	/**
	 * Every place the quote stands word for word, across all the documents; the one on
	 * the cited page of the cited document comes first. The number of pages it stands on
	 * decides whether it is specific.
	 */
	private static @Nullable Match exact(String quote, Citation citation, List<SearchableText> order) {
		List<Match> all = new ArrayList<>();
		for (SearchableText document : order) {
			all.addAll(document.findAll(quote));
		}
		if (all.isEmpty()) {
			return null;
		}
		Set<String> pages = new HashSet<>();
		for (Match match : all) {
			pages.add(match.document().document().documentId() + "/" + match.startUnit());
		}
		Match chosen = all.stream()
			.filter(match -> match.document().cites(citation) && citation.page() != null
					&& Objects.equals(match.document().page(match.startUnit()), citation.page()))
			.findFirst()
			.orElse(all.getFirst());
		return chosen.onPages(pages.size());
	}

	private static Evidence found(Citation citation, String quote, List<String> words, Match match) {
		Wording weakness = QuoteStrength.weakness(words, quote, match.pages());
		return evidence(citation, match, true, weakness == null ? Evidence.Strength.PROOF : Evidence.Strength.WEAK,
				weakness);
	}

	private static Evidence evidence(Citation citation, Match match, boolean verified, Evidence.Strength strength,
			@Nullable Wording why) {
		SearchableText document = match.document();
		Integer page = document.page(match.startUnit());
		Integer endPage = document.page(match.endUnit());
		String section = document.sectionAt(match);
		return new Evidence(document.document().documentId(), document.document().fileName(), page,
				Objects.equals(page, endPage) ? null : endPage, section == null ? citation.section() : section,
				citation.quote(), verified, strength, why == null ? null : why.english(),
				document.context(match, WIDEST_CONTEXT), document.printedPage(page), why);
	}

	static String normalize(String text) {
		return QuoteText.normalize(text);
	}

	/**
	 * Where a quote stands in a document: pieces of the document's normalised text (one,
	 * or two around a gap), the units (pages or sections) it starts and ends in, on how
	 * many pages it stands, and how many words differ.
	 */
	record Match(SearchableText document, List<int[]> pieces, int pages, int edits) {

		/**
		 * Where the earliest piece begins (pieces of a shortened quote may come in any
		 * order).
		 */
		int from() {
			return this.pieces.stream().mapToInt(piece -> piece[0]).min().orElseThrow();
		}

		int to() {
			return this.pieces.stream().mapToInt(piece -> piece[1]).max().orElseThrow();
		}

		int startUnit() {
			return this.document.unitAt(from());
		}

		int endUnit() {
			return this.document.unitAt(to() - 1);
		}

		Match onPages(int pages) {
			return new Match(this.document, this.pieces, pages, this.edits);
		}

	}

}
