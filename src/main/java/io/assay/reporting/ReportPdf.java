package io.assay.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.assay.assessment.Results;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;

/**
 * The report as PDF: a cover (submission, manufacturer, product, run, workflow and
 * version, dates, who ran, how much a person reviewed, the summary) with the sign-off
 * block or a clear "not signed off"; the documents assessed (bucket, pages, SHA-256, who
 * uploaded them and when) and the missing ones; then every criterion with its wording,
 * the reviewer's and the AI's verdicts, evidence, what the AI read, reasoning, review and
 * comments; on every page the submission, run and page number.
 */
final class ReportPdf {

	private static final float MARGIN = 56;

	private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

	private ReportPdf() {
	}

	/** The cover's lines, label and value; the workbook's cover sheet shows the same. */
	static List<List<String>> cover(Report report, ReportWords words) {
		List<List<String>> lines = new ArrayList<>();
		var submission = report.submission();
		lines.add(List.of(words.text("report.submission"), submission.reference()));
		lines.add(List.of(words.text("report.manufacturer"),
				submission.manufacturer() == null ? "-" : submission.manufacturer()));
		lines.add(List.of(words.text("report.product"), submission.product() == null ? "-" : submission.product()));
		lines.add(List.of(words.text("report.run"), String.valueOf(report.assessment().runNumber())));
		lines.add(List.of(words.text("report.workflow"),
				words.text("results.workflow-version", report.workflowName(), report.workflowVersion())));
		lines.add(List.of(words.text("report.organisation"), report.organizationName()));
		lines.add(List.of(words.text("report.assessment"), report.id().toString()));
		lines.add(List.of(words.text("report.started"), words.when(report.assessment().startedAt())));
		lines.add(List.of(words.text("report.completed"), words.when(report.assessment().completedAt())));
		lines.add(List.of(words.text("report.run-by"), words.person(report.ranBy())));
		var summary = report.assessment().summary();
		lines.add(List.of(words.text("report.result"), words.text("report.result.value", summary.passed(),
				summary.total(), summary.failed(), summary.needsReview())));
		lines.add(List.of(words.text("report.reviewed"),
				words.text("report.reviewed.value", report.reviewed(), report.results().size())
						+ (report.reviewedBy().isEmpty() ? "" : " (" + String.join(", ", report.reviewedBy()) + ")")));
		lines.add(List.of(words.text("report.documents"),
				words.text("report.documents.value", report.documents().size()) + (report.missingBuckets().isEmpty()
						? "" : words.text("report.documents.missing", String.join(", ", report.missingBuckets())))));
		lines.add(List.of(words.text("report.generated"), words.when(report.generatedAt())));
		return lines;
	}

	/** The sign-off block: who, when and what they stated, or that nobody has yet. */
	static List<List<String>> signOff(Report report, ReportWords words) {
		var signOff = report.signOff();
		if (signOff == null) {
			return List.of(List.of(words.text("report.not-signed-off"), words.text("report.not-signed-off.lead")));
		}
		return List.of(List.of(words.text("report.signed-off-by"), signOff.signerName()),
				List.of(words.text("report.signed-at"), words.when(signOff.signedAt())),
				List.of(words.text("report.statement"), "\u201c" + signOff.statement() + "\u201d"),
				List.of(words.text("report.results-sha"), signOff.resultsSha256()));
	}

	static byte[] render(Report report, ReportWords words) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDDocumentInformation information = document.getDocumentInformation();
			information.setTitle(words.text("report.document-title", report.submission().reference(),
					report.assessment().runNumber()));
			information.setCreator("Assay");
			Writer writer = new Writer(document);
			writer.text(writer.bold, 20, words.text("report.title"));
			writer.space(6);
			writer.text(writer.regular, 11, report.submission().reference() + " \u00b7 " + report.workflowName());
			writer.space(14);
			for (List<String> line : cover(report, words)) {
				writer.pair(line.get(0), line.get(1));
			}
			writer.space(14);
			writer.text(writer.bold, 13,
					words.text(report.signOff() == null ? "report.sign-off.none" : "report.sign-off"));
			writer.space(4);
			List<List<String>> signOff = signOff(report, words);
			for (List<String> line : signOff) {
				// The results' digest is long and means nothing to read: smaller.
				writer.pair(line.get(0), line.get(1), line == signOff.getLast() && report.signOff() != null ? 8 : 10);
			}
			writer.space(14);
			writer.text(writer.regular, 9, words.text("report.disclaimer"));
			writer.newPage();
			writer.text(writer.bold, 16, words.text("report.documents-assessed"));
			writer.space(8);
			for (Report.AssessedDocument assessed : report.documents()) {
				writer.keepTogether(70);
				writer.text(writer.bold, 11, assessed.fileName());
				writer.pair(words.text("report.bucket"), assessed.bucket());
				writer.pair(words.text("report.pages"),
						assessed.pages() == null ? words.text("report.pages.none") : String.valueOf(assessed.pages()));
				writer.pair("SHA-256", assessed.sha256(), 8);
				writer.pair(words.text("report.uploaded"),
						words.person(assessed.uploadedBy()) + ", " + words.when(assessed.uploadedAt()));
				writer.space(8);
			}
			if (report.documents().isEmpty()) {
				writer.text(writer.regular, 10, words.text("report.no-document"));
			}
			if (!report.missingBuckets().isEmpty()) {
				writer.space(6);
				writer.text(writer.bold, 11, words.text("report.missing"));
				for (String bucket : report.missingBuckets()) {
					writer.text(writer.regular, 10, "\u2022 " + words.text("report.missing.bucket", bucket));
				}
			}
			writer.newPage();
			writer.text(writer.bold, 16, words.text("report.criteria"));
			writer.space(8);
			int number = 0;
			for (Results.Result result : report.results()) {
				number++;
				writer.keepTogether(80);
				writer.text(writer.bold, 12, number + ". " + result.criteriaName());
				String wording = report.criteriaWording().get(result.criteriaId());
				if (wording != null && !wording.isBlank()) {
					writer.text(writer.regular, 9, wording);
					writer.space(2);
				}
				String review = words.review(result);
				writer.text(writer.regular, 10, (result.review() == null
						? words.text("report.verdict-not-reviewed", words.verdict(result))
						: words.text("report.reviewer-verdict",
								words.text(result.review().pass() ? "report.verdict.passed" : "report.verdict.failed")))
						+ " \u00b7 "
						+ words.text("report.ai-verdict", words.aiVerdict(result),
								words.confidence(result.confidence()))
						+ (result.judge() == null ? "" : " (" + result.judge() + ")"));
				for (var item : result.evidenceItems()) {
					writer.text(writer.regular, 10, words.text("report.evidence", words.evidence(item)));
				}
				if (result.evidenceItems().isEmpty()) {
					writer.text(writer.regular, 10, words.text("report.evidence.none"));
				}
				if (result.pagesRead() != null) {
					writer.text(writer.regular, 9, words.text("report.read", words.read(result)));
				}
				if (result.reasoning() != null) {
					writer.text(writer.regular, 10, words.text("report.reasoning", words.reasoning(result)));
				}
				writer.text(writer.regular, 10,
						words.text("report.review", review.isEmpty() ? words.text("report.not-reviewed") : review));
				for (var comment : report.comments().getOrDefault(result.id(), List.of())) {
					writer.text(writer.regular, 9, words.text("report.comment", comment.authorName(),
							words.when(comment.createdAt()), comment.body()));
				}
				writer.space(10);
			}
			writer.finish(words.text("report.footer", report.submission().reference(), report.assessment().runNumber(),
					report.workflowName()), words);
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the report", ex);
		}
	}

	/** Flows wrapped text down the pages. */
	private static final class Writer {

		/**
		 * DejaVu Sans, embedded (subset): Latin, Greek and Cyrillic scripts print as
		 * written. A character the font lacks prints as "?", so the reader sees something
		 * was there.
		 */
		final PDType0Font regular;

		final PDType0Font bold;

		private final PDDocument document;

		private final Map<Integer, Boolean> printable = new HashMap<>();

		private PDPageContentStream content;

		private float y;

		Writer(PDDocument document) throws IOException {
			this.document = document;
			this.regular = font(document, "fonts/DejaVuSans.ttf");
			this.bold = font(document, "fonts/DejaVuSans-Bold.ttf");
			newPage();
		}

		private static PDType0Font font(PDDocument document, String resource) throws IOException {
			try (InputStream in = new ClassPathResource(resource).getInputStream()) {
				return PDType0Font.load(document, in, true);
			}
		}

		void newPage() throws IOException {
			if (this.content != null) {
				this.content.close();
			}
			PDPage page = new PDPage(PDRectangle.A4);
			this.document.addPage(page);
			this.content = new PDPageContentStream(this.document, page);
			this.y = PDRectangle.A4.getHeight() - MARGIN;
		}

		void keepTogether(float height) throws IOException {
			if (this.y - height < MARGIN + 20) {
				newPage();
			}
		}

		void space(float points) {
			this.y -= points;
		}

		void pair(String label, String value) throws IOException {
			pair(label, value, 10);
		}

		/** A label and its value; a hash is set smaller so that it stays on one line. */
		void pair(String label, String value, float size) throws IOException {
			keepTogether(14);
			line(this.bold, 10, label, MARGIN);
			List<String> lines = wrap(this.regular, size, value, WIDTH - 110);
			for (int i = 0; i < lines.size(); i++) {
				if (i > 0) {
					keepTogether(14);
				}
				line(this.regular, size, lines.get(i), MARGIN + 110);
				this.y -= 14;
			}
		}

		void text(PDType0Font font, float size, String text) throws IOException {
			for (String paragraph : text.split("\n")) {
				for (String line : wrap(font, size, paragraph, WIDTH)) {
					keepTogether(size + 4);
					line(font, size, line, MARGIN);
					this.y -= size + 4;
				}
			}
		}

		private void line(PDType0Font font, float size, String text, float x) throws IOException {
			this.content.beginText();
			this.content.setFont(font, size);
			this.content.newLineAtOffset(x, this.y - size);
			this.content.showText(text);
			this.content.endText();
		}

		/** Page numbers and the running footer, once the number of pages is known. */
		void finish(String footer, ReportWords words) throws IOException {
			this.content.close();
			int total = this.document.getNumberOfPages();
			for (int i = 0; i < total; i++) {
				try (PDPageContentStream stream = new PDPageContentStream(this.document, this.document.getPage(i),
						PDPageContentStream.AppendMode.APPEND, true, true)) {
					String text = printable(footer) + "   " + words.text("report.page-of", i + 1, total);
					stream.beginText();
					stream.setFont(this.regular, 8);
					stream.newLineAtOffset(MARGIN, 30);
					stream.showText(text.length() > 130 ? text.substring(0, 130) : text);
					stream.endText();
				}
			}
		}

		private List<String> wrap(PDType0Font font, float size, String text, float width) throws IOException {
			List<String> lines = new ArrayList<>();
			StringBuilder line = new StringBuilder();
			for (String word : printable(text).split(" ")) {
				String candidate = line.isEmpty() ? word : line + " " + word;
				if (font.getStringWidth(candidate) / 1000 * size > width && !line.isEmpty()) {
					lines.add(line.toString());
					line = new StringBuilder(word);
				}
				else {
					line = new StringBuilder(candidate);
				}
				// A word longer than the line is cut where it must be.
				while (font.getStringWidth(line.toString()) / 1000 * size > width && line.length() > 1) {
					int cut = line.length() - 1;
					while (cut > 1 && font.getStringWidth(line.substring(0, cut)) / 1000 * size > width) {
						cut--;
					}
					lines.add(line.substring(0, cut));
					line = new StringBuilder(line.substring(cut));
				}
			}
			lines.add(line.toString());
			return lines;
		}

		/**
		 * The text as the font can print it: unknown characters as "?", controls as
		 * spaces.
		 */
		private String printable(String text) {
			StringBuilder out = new StringBuilder(text.length());
			text.codePoints().forEach(codePoint -> {
				if (Character.isISOControl(codePoint)) {
					out.append(' ');
					return;
				}
				boolean ok = this.printable.computeIfAbsent(codePoint, point -> {
					String character = new String(Character.toChars(point));
					try {
						this.regular.encode(character);
						this.bold.encode(character);
						return true;
					}
					catch (IOException | IllegalArgumentException ex) {
						return false;
					}
				});
				if (ok) {
					out.appendCodePoint(codePoint);
				}
				else {
					out.append('?');
				}
			});
			return out.toString();
		}

	}

}
