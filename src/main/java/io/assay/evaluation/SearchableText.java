package io.assay.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.assay.document.ParsedDocument;
import org.jspecify.annotations.Nullable;

/**
 * One document's text as the evidence check searches it: its pages (or, for a document
 * without pages, its sections) normalised and read one after another with a space between
 * them, every character pointing back to the document's own text. Built once per
 * {@link DocumentText} and shared by the criteria judged on it side by side: what it
 * works out when first needed (the text without spaces, the words) is worked out under
 * its lock.
 */
final class SearchableText {

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	/** A page or a section: what it is called, its own text and its normalised text. */
	private record Unit(@Nullable Integer page, @Nullable String section, String original, QuoteText.Mapped mapped,
			int start) {

		int end() {
			return this.start + this.mapped.text().length();
		}

	}

	private final DocumentText document;

	private final List<Unit> units = new ArrayList<>();

	private final int[] unitStarts;

	private final String text;

	private @Nullable String loose;

	private int @Nullable [] looseOrigins;

	private int @Nullable [] wordStarts;

	private int @Nullable [] wordEnds;

	private String @Nullable [] wordTexts;

	SearchableText(DocumentText document) {
		this.document = document;
		ParsedDocument parsed = document.parsed();
		StringBuilder text = new StringBuilder();
		if (parsed.hasPages()) {
			for (ParsedDocument.Page page : parsed.pages()) {
				add(text, page.number(), page.section(), page.text());
			}
		}
		else {
			List<String> texts = document.unitTexts();
			for (int i = 0; i < texts.size(); i++) {
				add(text, null, parsed.sections().get(i).heading(), texts.get(i));
			}
		}
		this.text = text.toString();
		this.unitStarts = this.units.stream().mapToInt(Unit::start).toArray();
	}

	private void add(StringBuilder text, @Nullable Integer page, @Nullable String section, String original) {
		if (!text.isEmpty()) {
			text.append(' ');
		}
		QuoteText.Mapped mapped = QuoteText.mapped(original);
		this.units.add(new Unit(page, section, original, mapped, text.length()));
		text.append(mapped.text());
	}

	DocumentText document() {
		return this.document;
	}

	boolean cites(Citation citation) {
		return this.document.documentId().equals(citation.documentId());
	}

	@Nullable Integer page(int unit) {
		return this.units.get(unit).page();
	}

	/**
	 * The page number the document prints on a page, where it differs from the page's
	 * place.
	 */
	@Nullable String printedPage(@Nullable Integer page) {
		if (page == null || !this.document.parsed().hasPages() || page < 1
				|| page > this.document.parsed().pages().size()) {
			return null;
		}
		return this.document.parsed().pages().get(page - 1).label();
	}

	@Nullable String section(int unit) {
		return this.units.get(unit).section();
	}

	/**
	 * The section in force where a match begins: the last heading of its page that stands
	 * before it, else the one in force at the top of the page. A quote under "4.2
	 * Sterilisation" halfway down a page that began in "4.1 Packaging" is labelled 4.2.
	 */
	@Nullable String sectionAt(EvidenceCheck.Match match) {
		int unitIndex = match.startUnit();
		Unit unit = this.units.get(unitIndex);
		if (unit.page() == null) {
			return unit.section();
		}
		int from = unit.mapped().originalStart(match.from() - unit.start());
		String inForce = unit.section();
		int latest = -1;
		for (ParsedDocument.Section heading : this.document.parsed().sections()) {
			if (!unit.page().equals(heading.page())) {
				continue;
			}
			// A heading is a line of its own; the same words inside a sentence are a
			// reference to it.
			String text = unit.original();
			for (int at = text.indexOf(heading.heading()); at >= 0
					&& at <= from; at = text.indexOf(heading.heading(), at + 1)) {
				if ((at == 0 || text.charAt(at - 1) == '\n') && at > latest) {
					latest = at;
					inForce = heading.heading();
				}
			}
		}
		return inForce;
	}

	/** The page or section the normalised character at {@code index} belongs to. */
	int unitAt(int index) {
		int found = Arrays.binarySearch(this.unitStarts, index);
		return found >= 0 ? found : Math.max(0, -found - 2);
	}

	/** The words of a normalised text: runs of letters and digits. */
	static List<String> words(String normalized) {
		List<String> words = new ArrayList<>();
		eachWord(normalized, (start, end) -> words.add(normalized.substring(start, end)));
		return words;
	}

	/** Calls {@code word} with the start and end of every run of letters and digits. */
	private static void eachWord(String text, java.util.function.BiConsumer<Integer, Integer> word) {
		int start = -1;
		for (int i = 0; i <= text.length(); i++) {
			boolean letter = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
			if (letter && start < 0) {
				start = i;
			}
			else if (!letter && start >= 0) {
				word.accept(start, i);
				start = -1;
			}
		}
	}

	/**
	 * A quote the judge shortened with an ellipsis: its pieces, each preferably after the
	 * one before and at most {@code widest} characters on, else anywhere in the document;
	 * each found as a whole quote would be (word for word, loosely, or around a page
	 * break).
	 */
	EvidenceCheck.@Nullable Match findInOrder(List<String> pieces, int widest, int shortestLoose, int shortestPiece,
			int widestGap) {
		String first = pieces.getFirst();
		List<EvidenceCheck.Match> starts = new ArrayList<>(findAll(first));
		if (starts.isEmpty()) {
			EvidenceCheck.Match start = findFrom(first, 0, this.text.length(), shortestLoose, shortestPiece, widestGap);
			if (start != null) {
				starts.add(start);
			}
		}
		for (EvidenceCheck.Match start : starts.subList(0, Math.min(starts.size(), 20))) {
			List<int[]> segments = new ArrayList<>(start.pieces());
			int end = start.to();
			for (String piece : pieces.subList(1, pieces.size())) {
				EvidenceCheck.Match next = findFrom(piece, end, end + widest, shortestLoose, shortestPiece, widestGap);
				if (next == null) {
					// Further on, or before: a quote may gather pieces from all over a
					// document.
					next = findFrom(piece, 0, this.text.length(), shortestLoose, shortestPiece, widestGap);
				}
				if (next == null) {
					segments = null;
					break;
				}
				segments.addAll(next.pieces());
				end = next.to();
			}
			if (segments != null) {
				return new EvidenceCheck.Match(this, segments, 1, 0);
			}
		}
		return null;
	}

	private EvidenceCheck.@Nullable Match findFrom(String piece, int from, int latest, int shortestLoose,
			int shortestPiece, int widestGap) {
		int at = this.text.indexOf(piece, from);
		if (at >= 0 && at <= latest) {
			return new EvidenceCheck.Match(this, List.of(new int[] { at, at + piece.length() }), 1, 0);
		}
		EvidenceCheck.Match loose = findLoose(piece, shortestLoose, from, latest);
		return loose != null ? loose : findAroundGap(piece, shortestPiece, widestGap, from, latest);
	}

	/** Every place the quote stands word for word (a hundred at most). */
	List<EvidenceCheck.Match> findAll(String quote) {
		List<EvidenceCheck.Match> found = new ArrayList<>();
		for (int at = this.text.indexOf(quote); at >= 0 && found.size() < 100; at = this.text.indexOf(quote, at + 1)) {
			found.add(new EvidenceCheck.Match(this, List.of(new int[] { at, at + quote.length() }), 1, 0));
		}
		return found;
	}

	/**
	 * The quote without spaces and hyphens, for text whose extraction split or joined
	 * words differently ("non- exclusive", "Co-Host" read as "CoHost").
	 */
	EvidenceCheck.@Nullable Match findLoose(String quote, int shortest, int from, int latest) {
		String wanted = quote.replace(" ", "").replace("-", "");
		if (wanted.length() < shortest) {
			return null;
		}
		indexLoose();
		int[] origins = this.looseOrigins;
		int begin = Arrays.binarySearch(origins, from);
		int at = this.loose.indexOf(wanted, begin >= 0 ? begin : -begin - 1);
		if (at < 0 || origins[at] > latest) {
			return null;
		}
		return new EvidenceCheck.Match(this, List.of(new int[] { origins[at], origins[at + wanted.length() - 1] + 1 }),
				1, 0);
	}

	/**
	 * A quote in two pieces with something between them that is not part of the sentence:
	 * the footer and header at a page break, the other column, a neighbouring table cell.
	 * The first piece must end a line and the second begin one, at most {@code widest}
	 * characters apart.
	 */
	EvidenceCheck.@Nullable Match findAroundGap(String quote, int shortestPiece, int widest, int from, int latest) {
		List<Integer> cuts = new ArrayList<>();
		for (int cut = quote.indexOf(' ', shortestPiece); cut > 0; cut = quote.indexOf(' ', cut + 1)) {
			// A longer beginning can only stand where a shorter one does.
			int found = this.text.indexOf(quote.substring(0, cut), from);
			if (found < 0 || found > latest) {
				break;
			}
			cuts.add(cut);
		}
		for (int i = cuts.size() - 1; i >= 0; i--) {
			int cut = cuts.get(i);
			String head = quote.substring(0, cut);
			String tail = quote.substring(cut + 1);
			int tries = 0;
			for (int at = this.text.indexOf(head, from); at >= 0 && at <= latest
					&& tries < 20; at = this.text.indexOf(head, at + 1)) {
				tries++;
				int end = at + head.length();
				int next = this.text.indexOf(tail, end + 1);
				if (next >= 0 && next - end <= widest && breaksBetween(end, next)) {
					return new EvidenceCheck.Match(this,
							List.of(new int[] { at, end }, new int[] { next, next + tail.length() }), 1, 0);
				}
			}
		}
		return null;
	}

	/**
	 * Whether the first piece ends a line (or its page) and the second begins one: what a
	 * page break, a column or a table cell leave, and what words left out of a sentence
	 * do not.
	 */
	private boolean breaksBetween(int end, int next) {
		Unit before = this.units.get(unitAt(end - 1));
		int lineEnd = before.mapped().originalEnd(end - before.start());
		while (lineEnd < before.original().length() && isBlank(before.original().charAt(lineEnd))) {
			lineEnd++;
		}
		if (lineEnd < before.original().length() && before.original().charAt(lineEnd) != '\n') {
			return false;
		}
		Unit after = this.units.get(unitAt(next));
		String line = after.original();
		int lineStart = after.mapped().originalStart(next - after.start());
		int previousBreak = line.lastIndexOf('\n', lineStart - 1);
		// What may stand before the second piece on its line: blanks and a list marker.
		return LIST_MARKER.matcher(line.substring(previousBreak + 1, lineStart)).matches();
	}

	/** Nothing, or the marker of a list item: "(a)", "ii.", "3)", a bullet or a dash. */
	private static final Pattern LIST_MARKER = Pattern
		.compile("[ \t\r]*(?:(?:\\(?[a-z0-9]{1,4}[.)])|[\u2022\u00B7*\u2013-])?[ \t\r]*", Pattern.CASE_INSENSITIVE);

	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t' || c == '\r';
	}

	/**
	 * The place whose words come closest to the quote's: found by the pairs of words they
	 * share, then aligned word by word. Null when nothing is close enough to be the same
	 * passage misquoted (at most one word in five different, one in a short quote).
	 */
	EvidenceCheck.@Nullable Match findClose(List<String> quote) {
		int n = quote.size();
		if (n < QuoteStrength.MINIMUM_WORDS) {
			return null;
		}
		indexWords();
		String[] words = this.wordTexts;
		Map<Long, List<Integer>> pairs = new HashMap<>();
		for (int i = 0; i + 1 < n; i++) {
			pairs.computeIfAbsent(pair(quote.get(i), quote.get(i + 1)), key -> new ArrayList<>()).add(i);
		}
		Map<Integer, Integer> votes = new HashMap<>();
		for (int p = 0; p + 1 < words.length; p++) {
			List<Integer> positions = pairs.get(pair(words[p], words[p + 1]));
			if (positions != null) {
				for (int position : positions) {
					votes.merge(p - position, 1, Integer::sum);
				}
			}
		}
		int allowed = Math.max(1, n / 5);
		int needed = Math.max(1, (n - 1) / 4);
		List<Map.Entry<Integer, Integer>> candidates = votes.entrySet()
			.stream()
			.filter(vote -> vote.getValue() >= needed)
			.sorted(Map.Entry.<Integer, Integer>comparingByValue(Comparator.reverseOrder()))
			.limit(20)
			.toList();
		int[] best = null;
		List<Integer> tried = new ArrayList<>();
		for (Map.Entry<Integer, Integer> candidate : candidates) {
			int start = candidate.getKey();
			if (tried.size() >= 5 || tried.stream().anyMatch(other -> Math.abs(other - start) <= 4)) {
				continue;
			}
			tried.add(start);
			int[] aligned = align(quote, Math.max(0, start - 4), Math.min(words.length, start + n + 4));
			if (best == null || aligned[0] < best[0]) {
				best = aligned;
			}
		}
		if (best == null || best[0] > allowed || best[2] - best[1] < QuoteStrength.MINIMUM_WORDS) {
			return null;
		}
		return new EvidenceCheck.Match(this,
				List.of(new int[] { this.wordStarts[best[1]], this.wordEnds[best[2] - 1] }), 1, best[0]);
	}

	private static long pair(String first, String second) {
		return ((long) first.hashCode() << 32) ^ (second.hashCode() & 0xffffffffL);
	}

	/**
	 * Aligns all of the quote's words with a stretch of the document's words between
	 * {@code from} and {@code to}, the stretch free to start and end anywhere: the fewest
	 * words changed, left out or added.
	 * @return edits, first word, end word (exclusive)
	 */
	private int[] align(List<String> quote, int from, int to) {
		int m = to - from;
		int[] previous = new int[m + 1];
		int[] previousStart = new int[m + 1];
		int[] current = new int[m + 1];
		int[] currentStart = new int[m + 1];
		for (int j = 0; j <= m; j++) {
			previousStart[j] = j;
		}
		for (int i = 1; i <= quote.size(); i++) {
			current[0] = i;
			currentStart[0] = 0;
			for (int j = 1; j <= m; j++) {
				int same = previous[j - 1] + (quote.get(i - 1).equals(this.wordTexts[from + j - 1]) ? 0 : 1);
				int start = previousStart[j - 1];
				if (previous[j] + 1 < same) {
					same = previous[j] + 1;
					start = previousStart[j];
				}
				if (current[j - 1] + 1 < same) {
					same = current[j - 1] + 1;
					start = currentStart[j - 1];
				}
				current[j] = same;
				currentStart[j] = start;
			}
			int[] swap = previous;
			previous = current;
			current = swap;
			swap = previousStart;
			previousStart = currentStart;
			currentStart = swap;
		}
		int end = 1;
		for (int j = 1; j <= m; j++) {
			if (previous[j] < previous[end]) {
				end = j;
			}
		}
		return new int[] { previous[end], from + previousStart[end], from + end };
	}

	private synchronized void indexLoose() {
		if (this.loose != null) {
			return;
		}
		StringBuilder loose = new StringBuilder(this.text.length());
		int[] origins = new int[this.text.length()];
		for (int i = 0; i < this.text.length(); i++) {
			char c = this.text.charAt(i);
			if (c != ' ' && c != '-') {
				origins[loose.length()] = i;
				loose.append(c);
			}
		}
		this.looseOrigins = Arrays.copyOf(origins, loose.length());
		this.loose = loose.toString();
	}

	private synchronized void indexWords() {
		if (this.wordTexts != null) {
			return;
		}
		List<String> texts = new ArrayList<>();
		List<int[]> bounds = new ArrayList<>();
		eachWord(this.text, (start, end) -> {
			bounds.add(new int[] { start, end });
			texts.add(this.text.substring(start, end));
		});
		this.wordStarts = bounds.stream().mapToInt(bound -> bound[0]).toArray();
		this.wordEnds = bounds.stream().mapToInt(bound -> bound[1]).toArray();
		this.wordTexts = texts.toArray(String[]::new);
	}

	/**
	 * The document's own text around a match: the sentence it is in, cut at
	 * {@code widest} characters either side, the matched pieces in the middle as the
	 * document has them.
	 */
	Evidence.Context context(EvidenceCheck.Match match, int widest) {
		List<String> pieces = new ArrayList<>();
		for (int[] piece : match.pieces()) {
			pieces.add(original(piece[0], piece[1]));
		}
		Unit first = this.units.get(match.startUnit());
		Unit last = this.units.get(match.endUnit());
		int from = first.mapped().originalStart(match.from() - first.start());
		int to = last.mapped().originalEnd(match.to() - last.start());
		Bound start = sentenceStart(first.original(), from, widest);
		Bound end = sentenceEnd(last.original(), to, widest);
		String before = collapse(first.original().substring(start.at(), from)).stripLeading();
		String after = collapse(last.original().substring(to, end.at())).stripTrailing();
		return new Evidence.Context(start.cut() ? "\u2026" + before : before, String.join(" \u2026 ", pieces),
				end.cut() ? after + "\u2026" : after);
	}

	private String original(int from, int to) {
		List<String> parts = new ArrayList<>();
		for (int u = unitAt(from); u <= unitAt(to - 1); u++) {
			Unit unit = this.units.get(u);
			int lo = Math.max(from, unit.start()) - unit.start();
			int hi = Math.min(to, unit.end()) - unit.start();
			if (lo < hi) {
				parts.add(unit.original().substring(unit.mapped().originalStart(lo), unit.mapped().originalEnd(hi)));
			}
		}
		return collapse(String.join(" ", parts)).strip();
	}

	private static String collapse(String text) {
		return WHITESPACE.matcher(text).replaceAll(" ");
	}

	/** A sentence's edge, and whether it was cut there for length. */
	record Bound(int at, boolean cut) {
	}

	/**
	 * Where the sentence holding {@code at} begins: after ". ", "! ", "? " or a blank
	 * line.
	 */
	static Bound sentenceStart(String text, int at, int widest) {
		int limit = Math.max(0, at - widest);
		for (int k = at - 1; k > limit; k--) {
			char c = text.charAt(k);
			if (Character.isWhitespace(c)
					&& (isStop(text.charAt(k - 1)) || blankLineAt(text, k) || lineEndsAt(text, k))) {
				return new Bound(Math.min(at, skipSpace(text, k)), false);
			}
		}
		if (limit == 0) {
			return new Bound(0, false);
		}
		int space = text.indexOf(' ', limit);
		return new Bound(space < 0 || space >= at ? limit : space + 1, true);
	}

	/** Where the sentence holding the text just before {@code at} ends. */
	static Bound sentenceEnd(String text, int at, int widest) {
		if (at > 0 && isStop(text.charAt(at - 1))) {
			return new Bound(at, false);
		}
		int limit = Math.min(text.length(), at + widest);
		for (int k = at; k < limit; k++) {
			char c = text.charAt(k);
			if (isStop(c) && (k + 1 == text.length() || Character.isWhitespace(text.charAt(k + 1)))) {
				return new Bound(k + 1, false);
			}
			if (c == '\n' && (blankLineAt(text, k) || lineEndsAt(text, k))) {
				return new Bound(k, false);
			}
		}
		if (limit == text.length()) {
			return new Bound(limit, false);
		}
		int space = text.lastIndexOf(' ', limit);
		return new Bound(space <= at ? limit : space, true);
	}

	private static boolean isStop(char c) {
		return c == '.' || c == '!' || c == '?';
	}

	/** Whether the line break at or around {@code k} is followed by an empty line. */
	private static boolean blankLineAt(String text, int k) {
		if (text.charAt(k) != '\n') {
			return false;
		}
		int next = k + 1;
		while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
			next++;
		}
		if (next < text.length() && text.charAt(next) == '\n') {
			return true;
		}
		int previous = k - 1;
		while (previous >= 0 && (text.charAt(previous) == ' ' || text.charAt(previous) == '\t')) {
			previous--;
		}
		return previous >= 0 && text.charAt(previous) == '\n';
	}

	/** Longer lines are body text wrapped at the margin, not a heading or a table row. */
	private static final int LONGEST_SHORT_LINE = 50;

	/**
	 * Whether the line break at {@code k} ends a heading or a table row: the line before
	 * it is short and does not run on, and the next begins with a capital or a number.
	 */
	private static boolean lineEndsAt(String text, int k) {
		if (text.charAt(k) != '\n') {
			return false;
		}
		String line = text.substring(text.lastIndexOf('\n', k - 1) + 1, k).strip();
		if (line.isEmpty() || line.length() > LONGEST_SHORT_LINE
				|| ",;:-(&".indexOf(line.charAt(line.length() - 1)) >= 0) {
			return false;
		}
		int next = skipSpace(text, k);
		return next < text.length()
				&& (Character.isUpperCase(text.charAt(next)) || Character.isDigit(text.charAt(next)));
	}

	private static int skipSpace(String text, int k) {
		int at = k;
		while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
			at++;
		}
		return at;
	}

}
