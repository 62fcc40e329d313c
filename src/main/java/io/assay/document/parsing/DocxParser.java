package io.assay.document.parsing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.assay.document.ParsedDocument;
import io.assay.document.ParsedDocument.Section;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Word (DOCX) document without converting it: paragraphs and tables in order,
 * grouped under their headings. A DOCX has no pages until it is laid out, so the result
 * says so ({@code hasPages = false}) rather than inventing page numbers. POI's zip-bomb
 * guards (inflation ratio, entry size) apply.
 */
public final class DocxParser {

	private static final String NO_HEADING = "(before the first heading)";

	public ParsedDocument parse(Path file, String fileName) throws UnreadableDocumentException {
		try (OPCPackage container = OPCPackage.open(file.toFile(), PackageAccess.READ);
				XWPFDocument document = new XWPFDocument(container)) {
			List<Section> sections = new ArrayList<>();
			String heading = NO_HEADING;
			StringBuilder text = new StringBuilder();
			for (IBodyElement element : document.getBodyElements()) {
				if (Thread.currentThread().isInterrupted()) {
					throw new UnreadableDocumentException(fileName + " took too long to read and was not accepted.");
				}
				if (element instanceof XWPFParagraph paragraph) {
					String content = paragraph.getText().strip();
					if (content.isEmpty()) {
						continue;
					}
					if (isHeading(paragraph)) {
						addSection(sections, heading, text);
						heading = content;
						text.setLength(0);
					}
					else {
						text.append(content).append('\n');
					}
				}
				else if (element instanceof XWPFTable table) {
					table.getRows().forEach(row -> {
						List<String> cells = row.getTableCells().stream().map(cell -> cell.getText().strip()).toList();
						text.append(String.join(" | ", cells)).append('\n');
					});
				}
			}
			addSection(sections, heading, text);
			if (sections.isEmpty()) {
				throw new UnreadableDocumentException(fileName + " contains no text.");
			}
			return new ParsedDocument("docx", false, List.of(), List.copyOf(sections));
		}
		catch (IOException | RuntimeException | org.apache.poi.openxml4j.exceptions.InvalidFormatException ex) {
			throw new UnreadableDocumentException(fileName + " is damaged and cannot be read as a Word document ("
					+ String.valueOf(ex.getMessage()).lines().findFirst().orElse("") + ").", ex);
		}
	}

	private static void addSection(List<Section> sections, String heading, StringBuilder text) {
		if (!text.isEmpty() || !NO_HEADING.equals(heading)) {
			sections.add(new Section(heading, null, text.toString().strip()));
		}
	}

	private static boolean isHeading(XWPFParagraph paragraph) {
		String style = styleName(paragraph);
		return style != null && (style.startsWith("heading") || style.equals("title"));
	}

	private static @Nullable String styleName(XWPFParagraph paragraph) {
		String id = paragraph.getStyleID();
		if (id == null) {
			return null;
		}
		var styles = paragraph.getDocument().getStyles();
		var style = styles == null ? null : styles.getStyle(id);
		String name = style != null && style.getName() != null ? style.getName() : id;
		return name.toLowerCase(Locale.ROOT).replace(" ", "");
	}

}
