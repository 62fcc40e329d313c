package io.assay.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jspecify.annotations.Nullable;

/**
 * The report as PDF: a cover (workflow and version, organisation, assessment, dates, who
 * ran and who reviewed, the summary), then every criterion with its verdict, confidence,
 * evidence, reasoning and review, and on every page the assessment and page number.
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
		String described = java.util.stream.Stream.of(submission.manufacturer(), submission.product())
			.filter(java.util.Objects::nonNull)
			.collect(java.util.stream.Collectors.joining(", "));
		lines.add(List.of("Submission", submission.reference() + (described.isEmpty() ? "" : " - " + described)
				+ ", run " + report.assessment().runNumber()));
		if (!report.missingBuckets().isEmpty()) {
			lines.add(List.of("Missing documents", "No document was provided for "
					+ String.join(", ", report.missingBuckets()) + "; the criteria that need them failed."));
		}
		lines.add(List.of("Workflow", report.workflowName() + ", version " + report.workflowVersion()));
		lines.add(List.of("Organisation", report.organizationName()));
		lines.add(List.of("Assessment", report.id().toString()));
		lines.add(List.of("Started", when(report.assessment().startedAt())));
		lines.add(List.of("Completed", when(report.assessment().completedAt())));
		lines.add(List.of("Run by", report.ranBy() == null ? "a former user" : report.ranBy()));
		lines.add(List.of("Reviewed by",
				report.reviewedBy().isEmpty() ? "nobody yet" : String.join(", ", report.reviewedBy())));
		var signOff = report.signOff();
		lines.add(List.of("Signed off",
				signOff == null ? "not signed off" : signOff.signerName() + ", " + when(signOff.signedAt()) + ": \u201c"
						+ signOff.statement() + "\u201d (results SHA-256 " + signOff.resultsSha256() + ")"));
		var summary = report.assessment().summary();
		lines.add(List.of("Result", summary.passed() + " of " + summary.total() + " criteria passed, "
				+ summary.failed() + " failed, " + summary.needsReview() + " need review"));
		lines.add(List.of("Generated", when(report.generatedAt())));
		return lines;
	}

	private static String when(@Nullable Instant instant) {
		return instant == null ? "-" : WHEN.format(instant);
	}

	static byte[] render(Report report) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDDocumentInformation information = document.getDocumentInformation();
			information.setTitle("Assessment report: " + report.workflowName());
			information.setCreator("Assay");
			Writer writer = new Writer(document);
			writer.text(Writer.BOLD, 20, "Assessment report");
			writer.space(6);
			writer.text(Writer.REGULAR, 11, report.workflowName());
			writer.space(14);
			for (List<String> line : cover(report)) {
				writer.pair(line.get(0), line.get(1));
			}
			writer.space(14);
			writer.text(Writer.REGULAR, 9,
					"An AI pre-assessment: each verdict shows its evidence, checked against the"
							+ " documents. Results marked as needing review were not decided with confidence; the"
							+ " certification decision stays with a qualified person.");
			writer.newPage();
			writer.text(Writer.BOLD, 16, "Criteria");
			writer.space(8);
			int number = 0;
			for (Results.Result result : report.results()) {
				number++;
				writer.keepTogether(60);
				writer.text(Writer.BOLD, 12, number + ". " + result.criteriaName());
				writer.text(Writer.REGULAR, 10,
						"Verdict: " + Report.verdict(result) + " \u00b7 " + capitalised(result.confidence())
								+ " confidence" + (result.judge() == null ? "" : " \u00b7 " + result.judge()));
				for (var item : result.evidenceItems()) {
					writer.text(Writer.REGULAR, 10, "Evidence: " + Report.evidence(item));
				}
				if (result.evidenceItems().isEmpty()) {
					writer.text(Writer.REGULAR, 10, "Evidence: none cited");
				}
				if (result.reasoning() != null) {
					writer.text(Writer.REGULAR, 10, "Reasoning: " + result.reasoning());
				}
				String review = Report.review(result);
				writer.text(Writer.REGULAR, 10, "Review: " + (review.isEmpty() ? "not reviewed" : review));
				writer.space(10);
			}
			writer.finish("Assessment " + report.id() + " \u00b7 " + report.workflowName());
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

		static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

		static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

		private final PDDocument document;

		private final Map<Character, Boolean> encodable = new HashMap<>();

		private PDPageContentStream content;

		private float y;

		Writer(PDDocument document) throws IOException {
			this.document = document;
			newPage();
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
			keepTogether(14);
			line(BOLD, 10, label, MARGIN);
			List<String> lines = wrap(REGULAR, 10, value, WIDTH - 110);
			for (int i = 0; i < lines.size(); i++) {
				if (i > 0) {
					keepTogether(14);
				}
				line(REGULAR, 10, lines.get(i), MARGIN + 110);
				this.y -= 14;
			}
		}

		void text(PDType1Font font, float size, String text) throws IOException {
			for (String paragraph : text.split("\n")) {
				for (String line : wrap(font, size, paragraph, WIDTH)) {
					keepTogether(size + 4);
					line(font, size, line, MARGIN);
					this.y -= size + 4;
				}
			}
		}

		private void line(PDType1Font font, float size, String text, float x) throws IOException {
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
					stream.setFont(REGULAR, 8);
					stream.newLineAtOffset(MARGIN, 30);
					stream.showText(text.length() > 130 ? text.substring(0, 130) : text);
					stream.endText();
				}
			}
		}

		private List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
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
		 * The standard PDF fonts cover Western European text; any other character is
		 * shown as "?", not dropped, so that the reader sees something was there.
		 */
		private String printable(String text) {
			StringBuilder out = new StringBuilder(text.length());
			for (char c : text.replace('\t', ' ').replace('\r', ' ').toCharArray()) {
				boolean ok = this.encodable.computeIfAbsent(c, ch -> {
					try {
						REGULAR.encode(String.valueOf(ch));
						return true;
					}
					catch (IOException | IllegalArgumentException ex) {
						return false;
					}
				});
				out.append(ok ? c : '?');
			}
			return out.toString();
		}

	}

}
