package io.assay.evaluation.accuracy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.assay.document.ParsedDocument;
import io.assay.evaluation.DocumentText;
import io.assay.evaluation.Evaluation;
import io.assay.evaluation.Evidence;

/**
 * How a judge did on a labelled set: verdicts right and wrong (an undecided verdict is
 * not right), where its evidence was, whether the pages it needed were among those sent,
 * and how much text was sent next to sending the whole documents.
 */
public final class Scorecard {

	/** One case's result, kept for the per-criterion listing. */
	public record Line(LabelledCase labelled, Evaluation.Outcome outcome, boolean evidenceRight, boolean retrieved) {

		public String verdict() {
			return this.outcome.pass() == null ? "undecided" : this.outcome.pass() ? "pass" : "fail";
		}

		public boolean right() {
			return this.outcome.pass() != null && this.outcome.pass() == this.labelled.expectedPass();
		}

	}

	private final List<Line> lines = new ArrayList<>();

	/**
	 * The characters of the pages sent: pages sent once for several criteria count once,
	 * a share to each.
	 */
	private double charactersSent;

	private long labelledPieces;

	private long labelledPiecesExtracted;

	/**
	 * Each document's extracted text without whitespace and hyphens, to find quotes in.
	 */
	private final Map<UUID, String> extracted = new HashMap<>();

	private long charactersWhole;

	/**
	 * Should-pass cases with labelled text, and those where it was among the text sent.
	 */
	private long goldCases;

	private long goldSent;

	public synchronized Line add(LabelledCase labelled, Evaluation.Outcome outcome) {
		Evidence shown = outcome.evidence().stream().filter(Evidence::proof).findFirst().orElse(null);
		boolean evidenceRight = shown != null && (labelled.isEvidence(shown.documentId(), shown.page())
				|| labelled.isEvidence(shown.documentId(), shown.endPage()));
		boolean retrieved = outcome.passagesSent()
			.stream()
			.anyMatch(sent -> labelled.isEvidence(sent.documentId(), sent.page()));
		Map<UUID, DocumentText> documents = new HashMap<>();
		labelled.documents().forEach(document -> documents.put(document.documentId(), document));
		for (Evaluation.PassageSent sent : outcome.passagesSent()) {
			this.charactersSent += (double) pageText(documents.get(sent.documentId()), sent.page()).length()
					/ outcome.together();
		}
		for (DocumentText document : labelled.documents()) {
			this.charactersWhole += document.parsed().pages().stream().mapToLong(page -> page.text().length()).sum();
		}
		for (io.assay.evaluation.Citation gold : labelled.goldEvidence()) {
			DocumentText document = documents.get(gold.documentId());
			if (document == null) {
				continue;
			}
			String text = this.extracted.computeIfAbsent(document.documentId(), id -> loose(document));
			for (String piece : io.assay.evaluation.QuoteText.pieces(gold.quote())) {
				this.labelledPieces++;
				if (text.contains(piece.replaceAll("[\\s-]", ""))) {
					this.labelledPiecesExtracted++;
				}
			}
		}
		if (labelled.expectedPass() && !labelled.goldEvidence().isEmpty()) {
			this.goldCases++;
			if (goldSent(labelled, outcome, documents)) {
				this.goldSent++;
			}
		}
		Line line = new Line(labelled, outcome, evidenceRight, retrieved);
		this.lines.add(line);
		return line;
	}

	/**
	 * Whether every piece of one of the labelled quotes stands in the text sent of its
	 * document (the pages sent, in page order; whitespace and hyphens aside).
	 */
	private static boolean goldSent(LabelledCase labelled, Evaluation.Outcome outcome,
			Map<UUID, DocumentText> documents) {
		for (io.assay.evaluation.Citation gold : labelled.goldEvidence()) {
			StringBuilder sent = new StringBuilder();
			outcome.passagesSent()
				.stream()
				.filter(passage -> passage.documentId().equals(gold.documentId()) && passage.page() != null)
				.map(Evaluation.PassageSent::page)
				.sorted()
				.forEach(page -> sent.append(pageText(documents.get(gold.documentId()), page)).append(' '));
			String text = io.assay.evaluation.QuoteText.normalize(sent.toString()).replaceAll("[\\s-]", "");
			List<String> pieces = io.assay.evaluation.QuoteText.pieces(gold.quote());
			if (!pieces.isEmpty() && pieces.stream().allMatch(piece -> text.contains(piece.replaceAll("[\\s-]", "")))) {
				return true;
			}
		}
		return false;
	}

	private static String loose(DocumentText document) {
		StringBuilder text = new StringBuilder();
		document.parsed().pages().forEach(page -> text.append(page.text()).append(' '));
		document.parsed()
			.sections()
			.forEach(section -> text.append(section.heading())
				.append(' ')
				.append(section.text() == null ? "" : section.text())
				.append(' '));
		return io.assay.evaluation.QuoteText.normalize(text.toString()).replaceAll("[\\s-]", "");
	}

	private static String pageText(DocumentText document, Integer page) {
		if (document == null || page == null) {
			return "";
		}
		return document.parsed()
			.pages()
			.stream()
			.filter(candidate -> candidate.number() == page)
			.map(ParsedDocument.Page::text)
			.findFirst()
			.orElse("");
	}

	public synchronized List<Line> lines() {
		return List.copyOf(this.lines);
	}

	/** The figures, as the accuracy command prints them. */
	public synchronized String summary() {
		long total = this.lines.size();
		long right = this.lines.stream().filter(Line::right).count();
		long undecided = this.lines.stream().filter(line -> line.outcome().pass() == null).count();
		long decided = total - undecided;
		long expectedFails = this.lines.stream().filter(line -> !line.labelled().expectedPass()).count();
		long falsePasses = this.lines.stream()
			.filter(line -> !line.labelled().expectedPass() && Boolean.TRUE.equals(line.outcome().pass()))
			.count();
		long expectedPasses = total - expectedFails;
		long falseFails = this.lines.stream()
			.filter(line -> line.labelled().expectedPass() && Boolean.FALSE.equals(line.outcome().pass()))
			.count();
		List<Line> withPages = this.lines.stream().filter(line -> line.labelled().hasEvidencePages()).toList();
		long withVerifiedEvidence = withPages.stream()
			.filter(line -> line.outcome().evidence().stream().anyMatch(Evidence::verified))
			.count();
		long evidenceRight = withPages.stream().filter(Line::evidenceRight).count();
		List<Line> rightPasses = this.lines.stream()
			.filter(line -> line.right() && Boolean.TRUE.equals(line.outcome().pass()))
			.toList();
		long rightPassesHigh = rightPasses.stream()
			.filter(line -> line.outcome().confidence() == io.assay.evaluation.Confidence.HIGH)
			.count();
		List<Line> showing = this.lines.stream()
			.filter(line -> line.labelled().hasEvidencePages()
					&& line.outcome().evidence().stream().anyMatch(Evidence::proof))
			.toList();
		long showingRight = showing.stream().filter(Line::evidenceRight).count();
		Map<Evidence.Strength, Long> strengths = new java.util.EnumMap<>(Evidence.Strength.class);
		for (Evidence.Strength strength : Evidence.Strength.values()) {
			strengths.put(strength,
					this.lines.stream()
						.flatMap(line -> line.outcome().evidence().stream())
						.filter(item -> item.strength() == strength)
						.count());
		}
		long retrieved = withPages.stream().filter(Line::retrieved).count();
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "criteria judged:   %d%n", total));
		out.append(String.format(Locale.ROOT, "accuracy:          %s (undecided counts as wrong; %d undecided)%n",
				ratio(right, total), undecided));
		out.append(String.format(Locale.ROOT, "decided:           %s%n", ratio(decided, total)));
		out.append(String.format(Locale.ROOT, "accuracy, decided: %s%n", ratio(right, decided)));
		out.append(String.format(Locale.ROOT, "false pass rate:   %s of the criteria that should fail%n",
				ratio(falsePasses, expectedFails)));
		out.append(String.format(Locale.ROOT, "false fail rate:   %s of the criteria that should pass%n",
				ratio(falseFails, expectedPasses)));
		out.append(String.format(Locale.ROOT,
				"evidence page:     %s of the criteria with labelled evidence pages were shown verified evidence"
						+ " on one of them (%d had verified evidence at all)%n",
				ratio(evidenceRight, withPages.size()), withVerifiedEvidence));
		out.append(String.format(Locale.ROOT,
				"shown evidence:    %s of the criteria with labelled pages that show proof show it on one of them%n",
				ratio(showingRight, showing.size())));
		out.append(String.format(Locale.ROOT, "evidence strength: %d proof, %d weak, %d differing, %d not found%n",
				strengths.get(Evidence.Strength.PROOF), strengths.get(Evidence.Strength.WEAK),
				strengths.get(Evidence.Strength.DIFFERS), strengths.get(Evidence.Strength.NOT_FOUND)));
		out.append(String.format(Locale.ROOT, "right passes kept high confidence: %s%n",
				ratio(rightPassesHigh, rightPasses.size())));
		out.append(String.format(Locale.ROOT,
				"extraction:        %s of the labelled quotes (pieces between ellipses) stand in the extracted text"
						+ " (whitespace and hyphens aside)%n",
				ratio(this.labelledPiecesExtracted, this.labelledPieces)));
		out.append(String.format(Locale.ROOT,
				"retrieval recall:  %s of the criteria with labelled evidence pages had one of them among the pages"
						+ " sent%n",
				ratio(retrieved, withPages.size())));
		out.append(String.format(Locale.ROOT,
				"gold text sent:    %s of the criteria that should pass, with labelled text, had all of it among"
						+ " the text sent%n",
				ratio(this.goldSent, this.goldCases)));
		out.append(String.format(Locale.ROOT,
				"input sent:        %,d characters (about %,d tokens) against %,d (about %,d tokens) for the whole"
						+ " documents with every criterion: %.1f times fewer%n",
				Math.round(this.charactersSent), Math.round(this.charactersSent / 4), this.charactersWhole,
				this.charactersWhole / 4,
				this.charactersSent == 0 ? 0.0 : (double) this.charactersWhole / this.charactersSent));
		return out.toString();
	}

	private static String ratio(long part, long whole) {
		return whole == 0 ? "n/a (none)"
				: String.format(Locale.ROOT, "%5.1f %% (%d of %d)", 100.0 * part / whole, part, whole);
	}

}
