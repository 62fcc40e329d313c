package io.assay.document.parsing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.assay.document.ParsedDocument;
import io.assay.document.ParsedDocument.Page;
import io.assay.document.ParsedDocument.Section;
import io.assay.platform.Wording;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Reads a Word (DOCX) document. POI always reads it (which also proves it is a sound
 * DOCX): paragraphs and tables in order, grouped under their headings. A DOCX has no
 * pages until it is laid out: with LibreOffice installed it is laid out and read as a
 * PDF, with real page numbers; without, the result says it has no pages
 * ({@code hasPages = false}) rather than inventing page numbers. POI's zip-bomb guards
 * (inflation ratio, entry size) apply.
 */
public final class DocxParser {

	private static final Logger log = LoggerFactory.getLogger(DocxParser.class);

	private static final String NO_HEADING = "(before the first heading)";

	private final WordLayout layout;

	private final PdfParser pdf;

	private final Path scratch;

	/** With layouts in the system's temporary folder: for tests. */
	public DocxParser(WordLayout layout, PdfParser pdf) {
		this(layout, pdf, Path.of(System.getProperty("java.io.tmpdir")));
	}

	/**
	 * @param scratch the private folder documents are laid out in
	 */
	public DocxParser(WordLayout layout, PdfParser pdf, Path scratch) {
		this.layout = layout;
		this.pdf = pdf;
		this.scratch = scratch;
	}

	/**
	 * Reads the document; with LibreOffice installed, its pages come from the laid-out
	 * PDF, otherwise it is read as sections without pages.
	 */
	public ParsedDocument parse(Path file, String fileName) throws UnreadableDocumentException {
		ParsedDocument sections = sections(file, fileName);
		if (!this.layout.available()) {
			return sections;
		}
		Path directory = null;
		try {
			directory = Files.createTempDirectory(this.scratch, "assay-layout-");
			Path laidOut = this.layout.toPdf(file, directory);
			if (laidOut == null) {
				log.warn("LibreOffice could not lay out {}; it is read without pages", fileName);
				return sections;
			}
			return withWordHeadings(this.pdf.parse(laidOut, fileName), sections.sections());
		}
		catch (TooManyPagesException ex) {
			throw ex;
		}
		catch (IOException | UnreadableDocumentException ex) {
			log.warn("Laying out {} failed ({}); it is read without pages", fileName, ex.getMessage());
			return sections;
		}
		finally {
			if (directory != null) {
				FileSystemUtils.deleteRecursively(directory.toFile());
			}
		}
	}

	/**
	 * The document laid out as a PDF in {@code directory}, for the viewer; null when
	 * LibreOffice is not installed or could not lay it out.
	 */
	public @Nullable Path layOut(Path file, Path directory) throws IOException {
		return this.layout.available() ? this.layout.toPdf(file, directory) : null;
	}

	/**
	 * The Word document's own headings (its heading styles, as POI read them) placed on
	 * the laid-out pages: more reliable than guessing headings from the typography of the
	 * PDF.
	 */
	private static ParsedDocument withWordHeadings(ParsedDocument paged, List<Section> wordSections) {
		List<String> headings = wordSections.stream()
			.map(Section::heading)
			.filter(heading -> !heading.equals(NO_HEADING))
			.toList();
		List<Section> located = new ArrayList<>();
		List<Page> pages = new ArrayList<>();
		int next = 0;
		String current = null;
		for (Page page : paged.pages()) {
			String atTop = current;
			for (int index = 0; index < page.lines().size(); index++) {
				if (next < headings.size() && page.lines().get(index).text().strip().equals(headings.get(next))) {
					current = headings.get(next++);
					located.add(new Section(current, page.number(), null));
					if (index == 0) {
						atTop = current;
					}
				}
			}
			pages.add(new Page(page.number(), page.width(), page.height(), page.text(), page.lines(), page.source(),
					atTop, page.garbled(), page.label()));
		}
		return new ParsedDocument("docx", true, List.copyOf(pages), List.copyOf(located));
	}

	private ParsedDocument sections(Path file, String fileName) throws UnreadableDocumentException {
		try (OPCPackage container = OPCPackage.open(file.toFile(), PackageAccess.READ);
				XWPFDocument document = new XWPFDocument(container)) {
			List<Section> sections = new ArrayList<>();
			String heading = NO_HEADING;
			StringBuilder text = new StringBuilder();
			for (IBodyElement element : document.getBodyElements()) {
				if (Thread.currentThread().isInterrupted()) {
					throw new UnreadableDocumentException(Wording.of("upload.too-slow", fileName));
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
				throw new UnreadableDocumentException(Wording.of("upload.no-text", fileName));
			}
			return new ParsedDocument("docx", false, List.of(), List.copyOf(sections));
		}
		catch (IOException | RuntimeException | org.apache.poi.openxml4j.exceptions.InvalidFormatException ex) {
			throw new UnreadableDocumentException(Wording.of("upload.damaged-docx", fileName,
					String.valueOf(ex.getMessage()).lines().findFirst().orElse("")), ex);
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
