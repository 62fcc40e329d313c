package io.assay.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes the sample set's PDFs ({@code src/main/resources/samples/}) from their text
 * ({@code src/test/resources/sample-set-sources/}): a running header, the page's heading,
 * wrapped paragraphs and "Page n of N", as such documents look. Run it after changing a
 * source, and commit the PDFs:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp target/classes:target/test-classes:$(cat target/classpath.txt) io.assay.evaluation.SampleSetWriter
 * </pre>
 *
 * A source is lines of text; {@code @header} gives the running header, {@code @page N
 * Heading} starts a page.
 */
public final class SampleSetWriter {

	private static final float MARGIN = 64;

	private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

	private SampleSetWriter() {
	}

	public static void main(String[] args) throws IOException {
		Path sources = Path.of("src/test/resources/sample-set-sources");
		Path target = Path.of("src/main/resources/samples");
		try (var files = Files.list(sources)) {
			for (Path source : files.filter(file -> file.toString().endsWith(".txt")).sorted().toList()) {
				String name = source.getFileName().toString().replace(".txt", ".pdf");
				Files.write(target.resolve(name), pdf(Files.readAllLines(source, StandardCharsets.UTF_8)));
				System.out.println("Wrote " + target.resolve(name));
			}
		}
	}

	private record Page(String heading, List<String> paragraphs) {
	}

	public static byte[] pdf(List<String> source) throws IOException {
		String header = "";
		List<Page> pages = new ArrayList<>();
		for (String line : source) {
			if (line.startsWith("@header ")) {
				header = line.substring("@header ".length());
			}
			else if (line.startsWith("@page ")) {
				String rest = line.substring("@page ".length());
				pages.add(new Page(rest.substring(rest.indexOf(' ') + 1), new ArrayList<>()));
			}
			else if (!line.isBlank()) {
				pages.getLast().paragraphs().add(line.strip());
			}
		}
		PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
		PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
		try (PDDocument document = new PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
			PDDocumentInformation information = document.getDocumentInformation();
			information.setTitle(header);
			information.setCreator("Assay sample set");
			for (int index = 0; index < pages.size(); index++) {
				Page page = pages.get(index);
				PDPage pdfPage = new PDPage(PDRectangle.A4);
				document.addPage(pdfPage);
				try (PDPageContentStream content = new PDPageContentStream(document, pdfPage)) {
					float y = PDRectangle.A4.getHeight() - 40;
					y = write(content, regular, 8, header, y, 10);
					y -= 24;
					y = write(content, bold, 14, page.heading(), y, 22);
					for (String paragraph : page.paragraphs()) {
						for (String line : wrap(paragraph, regular, 10)) {
							y = write(content, regular, 10, line, y, 14);
						}
						y -= 6;
					}
					write(content, regular, 8, "Page " + (index + 1) + " of " + pages.size(), 36, 0);
				}
			}
			document.save(out);
			return out.toByteArray();
		}
	}

	private static float write(PDPageContentStream content, PDType1Font font, float size, String text, float y,
			float leading) throws IOException {
		content.beginText();
		content.setFont(font, size);
		content.newLineAtOffset(MARGIN, y);
		content.showText(text);
		content.endText();
		return y - leading;
	}

	private static List<String> wrap(String paragraph, PDType1Font font, float size) throws IOException {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : paragraph.split(" ")) {
			String candidate = line.isEmpty() ? word : line + " " + word;
			if (font.getStringWidth(candidate) / 1000 * size > WIDTH && !line.isEmpty()) {
				lines.add(line.toString());
				line = new StringBuilder(word);
			}
			else {
				line = new StringBuilder(candidate);
			}
		}
		if (!line.isEmpty()) {
			lines.add(line.toString());
		}
		return lines;
	}

}
