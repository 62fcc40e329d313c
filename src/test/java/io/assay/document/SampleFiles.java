package io.assay.document;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;

/**
 * Real files, good and bad, made by the tests themselves: nothing here is a mock of a
 * file, each is what a client could upload.
 */
public final class SampleFiles {

	private SampleFiles() {
	}

	/** One page of text: its lines, the first of which may be a heading set larger. */
	public record PageText(String heading, List<String> lines) {
	}

	/** A test report: three pages, with numbered headings. */
	public static byte[] testReport() throws IOException {
		return pdf(List.of(
				new PageText("1 Scope",
						List.of("This report covers the XY-200 infusion pump, model XY-200-EU.",
								"Tests were performed against IEC 60601-1:2005+AMD1:2012+AMD2:2020.")),
				new PageText("2 Test equipment",
						List.of("Leakage current tester LT-7, calibrated until 2027-03-01.",
								"Hipot tester HT-2, calibrated until 2027-01-15.")),
				new PageText("3.2 Test results", List.of("Table 5: summary of results", "8.7.3 Leakage current: PASS",
						"11.1 Excessive temperatures: PASS"))));
	}

	public static byte[] pdf(List<PageText> pages) throws IOException {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
			PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (PageText text : pages) {
				PDPage page = new PDPage(PDRectangle.A4);
				document.addPage(page);
				try (PDPageContentStream content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(bold, 16);
					content.newLineAtOffset(72, 770);
					content.showText(text.heading());
					content.setFont(regular, 11);
					for (String line : text.lines()) {
						content.newLineAtOffset(0, -24);
						content.showText(line);
					}
					content.endText();
				}
			}
			document.save(out);
			return out.toByteArray();
		}
	}

	/**
	 * A long document that weighs what scanned annexes weigh: {@code pages} pages, each
	 * with a heading "Annex page N", the line "Record N: the batch was released on
	 * inspection." and a picture of noise (which does not compress), about 80 KB a page.
	 */
	public static byte[] heavyPages(int pages) throws IOException {
		java.util.Random random = new java.util.Random(pages);
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
			PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (int number = 1; number <= pages; number++) {
				PDPage page = new PDPage(PDRectangle.A4);
				document.addPage(page);
				BufferedImage noise = new BufferedImage(160, 160, BufferedImage.TYPE_INT_RGB);
				for (int y = 0; y < 160; y++) {
					for (int x = 0; x < 160; x++) {
						noise.setRGB(x, y, random.nextInt(0x1000000));
					}
				}
				try (PDPageContentStream content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(bold, 16);
					content.newLineAtOffset(72, 770);
					content.showText("Annex page " + number);
					content.setFont(regular, 11);
					content.newLineAtOffset(0, -24);
					content.showText("Record " + number + ": the batch was released on inspection.");
					content.endText();
					content.drawImage(LosslessFactory.createFromImage(document, noise), 72, 500, 160, 160);
				}
			}
			document.save(out);
			return out.toByteArray();
		}
	}

	/**
	 * A page whose lines are written glyph by glyph in an order other than the reading
	 * order, each glyph placed where it belongs: read in the order written, its words
	 * fall apart.
	 */
	public static byte[] glyphsWrittenOutOfOrder(List<String> lines) throws IOException {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			List<float[]> places = new ArrayList<>();
			List<String> glyphs = new ArrayList<>();
			float y = 770;
			for (String line : lines) {
				float x = 72;
				for (char c : line.toCharArray()) {
					if (c != ' ') {
						places.add(new float[] { x, y });
						glyphs.add(String.valueOf(c));
					}
					x += regular.getStringWidth(String.valueOf(c)) / 1000 * 11;
				}
				y -= 24;
			}
			// Every second glyph first, then the others: a fixed order, not the reading
			// one.
			List<Integer> order = new ArrayList<>();
			for (int start = 0; start < 2; start++) {
				for (int i = start; i < glyphs.size(); i += 2) {
					order.add(i);
				}
			}
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(regular, 11);
				for (int i : order) {
					content.setTextMatrix(
							org.apache.pdfbox.util.Matrix.getTranslateInstance(places.get(i)[0], places.get(i)[1]));
					content.showText(glyphs.get(i));
				}
				content.endText();
			}
			document.save(out);
			return out.toByteArray();
		}
	}

	/** A PDF that opens only with a password. */
	public static byte[] passwordProtected() throws IOException {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			document.addPage(new PDPage());
			StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
					new AccessPermission());
			policy.setEncryptionKeyLength(256);
			document.protect(policy);
			document.save(out);
			return out.toByteArray();
		}
	}

	/** The first part of a real PDF, as a broken transfer leaves it. */
	public static byte[] truncated() throws IOException {
		byte[] whole = testReport();
		return Arrays.copyOf(whole, whole.length * 2 / 3);
	}

	/** A tiny PDF whose page tree claims a million pages. */
	public static byte[] pageBomb() throws IOException {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			document.addPage(new PDPage());
			document.getPages().getCOSObject().setInt(COSName.COUNT, 1_000_000);
			document.save(out);
			return out.toByteArray();
		}
	}

	/** A ZIP archive, as a client might send under a .pdf name. */
	public static byte[] zipArchive() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("report.txt"));
			zip.write("The test report is in here.".getBytes());
			zip.closeEntry();
		}
		return out.toByteArray();
	}

	/** A Word document with two headings. */
	public static byte[] docx() throws IOException {
		try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			heading(document, "1 Device description");
			document.createParagraph().createRun().setText("The XY-200 is an infusion pump for hospital use.");
			heading(document, "2 Intended purpose");
			document.createParagraph().createRun().setText("Controlled intravenous delivery of fluids.");
			document.write(out);
			return out.toByteArray();
		}
	}

	/**
	 * A Word document with a picture linked (not embedded) from {@code url} and a
	 * hyperlink to it: laying it out must not fetch anything.
	 */
	public static byte[] docxWithLinkedPicture(String url) throws IOException {
		java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(docx()));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (in; java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
			for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				String content = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
				if (entry.getName().equals("word/_rels/document.xml.rels")) {
					content = content.replace("</Relationships>", "<Relationship Id=\"rIdLinked\" Type=\""
							+ "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\""
							+ url + "/pixel.png\" TargetMode=\"External\"/><Relationship Id=\"rIdLink\" Type=\""
							+ "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\""
							+ url + "/page\" TargetMode=\"External\"/></Relationships>");
				}
				if (entry.getName().equals("word/document.xml")) {
					content = content.replaceFirst("<w:body>", "<w:body><w:p><w:hyperlink "
							+ "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"rIdLink\"><w:r><w:t>"
							+ "See the website</w:t></w:r></w:hyperlink></w:p><w:p><w:r><w:drawing>"
							+ "<wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
							+ "<wp:extent cx=\"914400\" cy=\"914400\"/><wp:docPr id=\"7\" name=\"Linked\"/>"
							+ "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData "
							+ "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic "
							+ "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:nvPicPr>"
							+ "<pic:cNvPr id=\"7\" name=\"pixel.png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>"
							+ "<a:blip "
							+ "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:link=\"rIdLinked\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>"
							+ "<a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"914400\" cy=\"914400\"/></a:xfrm>"
							+ "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>"
							+ "</a:graphic></wp:inline></w:drawing></w:r></w:p>");
				}
				out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
				out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
				out.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	/** A Word document of {@code pages} pages, each ended by a page break. */
	public static byte[] docxOfPages(int pages) throws IOException {
		try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			for (int page = 1; page <= pages; page++) {
				var run = document.createParagraph().createRun();
				run.setText("Page " + page + " of the technical file.");
				if (page < pages) {
					run.addBreak(org.apache.poi.xwpf.usermodel.BreakType.PAGE);
				}
			}
			document.write(out);
			return out.toByteArray();
		}
	}

	/** A PDF of one blank page {@code points} wide and high: tiny, but huge to render. */
	public static byte[] blankPage(float points) throws IOException {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			document.addPage(new PDPage(new PDRectangle(points, points)));
			document.save(out);
			return out.toByteArray();
		}
	}

	private static void heading(XWPFDocument document, String text) {
		XWPFParagraph paragraph = document.createParagraph();
		paragraph.setStyle("Heading1");
		paragraph.createRun().setText(text);
	}

	/** A scanned page: the text exists only as pixels of an image, no text layer. */
	public static byte[] scannedPage(String... lines) throws IOException {
		return scannedPage(null, lines);
	}

	/**
	 * A scanned page whose invisible text layer (a scanner's OCR gone wrong) is
	 * {@code garbage}, not what the image shows.
	 */
	public static byte[] scannedPageWithGarbageLayer(String garbage, String... lines) throws IOException {
		return scannedPage(garbage, lines);
	}

	private static byte[] scannedPage(@org.jspecify.annotations.Nullable String layer, String... lines)
			throws IOException {
		BufferedImage image = new BufferedImage(1700, 2200, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
		graphics.setColor(Color.BLACK);
		graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 44));
		int y = 200;
		for (String line : lines) {
			graphics.drawString(line, 150, y);
			y += 90;
		}
		graphics.dispose();
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDPage page = new PDPage(PDRectangle.LETTER);
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.drawImage(LosslessFactory.createFromImage(document, image), 0, 0, PDRectangle.LETTER.getWidth(),
						PDRectangle.LETTER.getHeight());
				if (layer != null) {
					content.beginText();
					content.setRenderingMode(org.apache.pdfbox.pdmodel.graphics.state.RenderingMode.NEITHER);
					content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
					content.newLineAtOffset(54, 720);
					content.showText(layer);
					content.endText();
				}
			}
			document.save(out);
			return out.toByteArray();
		}
	}

}
