package io.assay.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final float MARGIN = 56;

	private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

	private ReportPdf() {
	}

	/** The cover's lines, label and value; the workbook's cover sheet shows the same. */
	static List<List<String>> cover(Report report) {
		List<List<String>> lines = new ArrayList<>();
		var submission = report.submission();
		lines.add(List.of("Submission", submission.reference()));
		lines.add(List.of("Manufacturer", submission.manufacturer() == null ? "-" : submission.manufacturer()));
		lines.add(List.of("Product", submission.product() == null ? "-" : submission.product()));
		lines.add(List.of("Run", String.valueOf(report.assessment().runNumber())));
		lines.add(List.of("Workflow", report.workflowName() + ", version " + report.workflowVersion()));
		lines.add(List.of("Organisation", report.organizationName()));
		lines.add(List.of("Assessment", report.id().toString()));
		lines.add(List.of("Started", when(report.assessment().startedAt())));
		lines.add(List.of("Completed", when(report.assessment().completedAt())));
		lines.add(List.of("Run by", report.ranBy() == null ? "a former user" : report.ranBy()));
		var summary = report.assessment().summary();
		lines.add(List.of("Result", summary.passed() + " of " + summary.total() + " criteria passed, "
				+ summary.failed() + " failed, " + summary.needsReview() + " need review"));
		lines.add(List.of("Reviewed",
				report.reviewed() + " of " + report.results().size() + " criteria reviewed by a person"
						+ (report.reviewedBy().isEmpty() ? "" : " (" + String.join(", ", report.reviewedBy()) + ")")));
		lines.add(List
			.of("Documents", report.documents().size() + (report.documents().size() == 1 ? " document" : " documents")
					+ (report.missingBuckets().isEmpty() ? "" : "; missing: "
							+ String.join(", ", report.missingBuckets()) + " (the criteria that need them failed)")));
		lines.add(List.of("Generated", when(report.generatedAt())));
		return lines;
	}

	/** The sign-off block: who, when and what they stated, or that nobody has yet. */
	static List<List<String>> signOff(Report report) {
		var signOff = report.signOff();
		if (signOff == null) {
			return List
				.of(List.of("Not signed off", "No qualified person has signed this run off. The verdicts below are"
						+ " the AI's and the reviews so far; they are not a certification decision."));
		}
		return List.of(List.of("Signed off by", signOff.signerName()), List.of("At", when(signOff.signedAt())),
				List.of("Statement", "\u201c" + signOff.statement() + "\u201d"),
				List.of("Results SHA-256", signOff.resultsSha256()));
	}

	private static String when(@Nullable Instant instant) {
		return instant == null ? "-" : WHEN.format(instant);
	}

	static byte[] render(Report report) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDDocumentInformation information = document.getDocumentInformation();
			information.setTitle("Assessment report: " + report.submission().reference() + ", run "
					+ report.assessment().runNumber());
			information.setCreator("Assay");
			Writer writer = new Writer(document);
			writer.text(writer.bold, 20, "Assessment report");
			writer.space(6);
			writer.text(writer.regular, 11, report.submission().reference() + " \u00b7 " + report.workflowName());
			writer.space(14);
			for (List<String> line : cover(report)) {
				writer.pair(line.get(0), line.get(1));
			}
			writer.space(14);
			writer.text(writer.bold, 13, report.signOff() == null ? "Sign-off: not signed off" : "Sign-off");
			writer.space(4);
			for (List<String> line : signOff(report)) {
				writer.pair(line.get(0), line.get(1), line.get(0).endsWith("SHA-256") ? 8 : 10);
			}
			writer.space(14);
			writer.text(writer.regular, 9,
					"An AI pre-assessment: each verdict shows its evidence, checked against the"
							+ " documents. Results marked as needing review were not decided with confidence; the"
							+ " certification decision stays with a qualified person.");
			writer.newPage();
			writer.text(writer.bold, 16, "Documents assessed");
			writer.space(8);
			for (Report.AssessedDocument assessed : report.documents()) {
				writer.keepTogether(70);
				writer.text(writer.bold, 11, assessed.fileName());
				writer.pair("Bucket", assessed.bucket());
				writer.pair("Pages",
						assessed.pages() == null ? "no pages (read as sections)" : String.valueOf(assessed.pages()));
				writer.pair("SHA-256", assessed.sha256(), 8);
				writer.pair("Uploaded", assessed.uploadedBy() + ", " + when(assessed.uploadedAt()));
				writer.space(8);
			}
			if (report.documents().isEmpty()) {
				writer.text(writer.regular, 10, "No document was assessed.");
			}
			if (!report.missingBuckets().isEmpty()) {
				writer.space(6);
				writer.text(writer.bold, 11, "Missing required documents");
				for (String bucket : report.missingBuckets()) {
					writer.text(writer.regular, 10, "\u2022 " + bucket + ": no document was provided; the criteria that"
							+ " need it failed with that as the finding.");
				}
			}
			writer.newPage();
			writer.text(writer.bold, 16, "Criteria");
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
				String review = Report.review(result);
				writer.text(writer.regular, 10,
						(result.review() == null ? "Verdict: " + Report.verdict(result) + " (not reviewed)"
								: "Reviewer's verdict: " + (result.review().pass() ? "Passed" : "Failed"))
								+ " \u00b7 AI's verdict: " + Report.aiVerdict(result) + ", " + result.confidence()
								+ " confidence" + (result.judge() == null ? "" : " (" + result.judge() + ")"));
				for (var item : result.evidenceItems()) {
					writer.text(writer.regular, 10, "Evidence: " + Report.evidence(item));
				}
				if (result.evidenceItems().isEmpty()) {
					writer.text(writer.regular, 10, "Evidence: none cited");
				}
				if (result.read() != null) {
					writer.text(writer.regular, 9, "What the AI read: " + result.read());
				}
				if (result.reasoning() != null) {
					writer.text(writer.regular, 10, "The AI's reasoning: " + result.reasoning());
				}
				writer.text(writer.regular, 10, "Review: " + (review.isEmpty() ? "not reviewed" : review));
				for (var comment : report.comments().getOrDefault(result.id(), List.of())) {
					writer.text(writer.regular, 9, "Comment by " + comment.authorName() + ", "
							+ when(comment.createdAt()) + ": " + comment.body());
				}
				writer.space(10);
			}
			writer.finish(report.submission().reference() + ", run " + report.assessment().runNumber() + " \u00b7 "
					+ report.workflowName());
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the report", ex);
		}
	}

	private static String capitalised(String word) {
		return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
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
		void finish(String footer) throws IOException {
			this.content.close();
			int total = this.document.getNumberOfPages();
			for (int i = 0; i < total; i++) {
				try (PDPageContentStream stream = new PDPageContentStream(this.document, this.document.getPage(i),
						PDPageContentStream.AppendMode.APPEND, true, true)) {
					String text = printable(footer) + "   Page " + (i + 1) + " of " + total;
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
