package io.assay.document.parsing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.assay.document.ParsedDocument;
import io.assay.document.ParsedDocument.Line;
import io.assay.document.ParsedDocument.Page;
import io.assay.document.ParsedDocument.Section;
import io.assay.document.ParsedDocument.TextSource;
import io.assay.platform.Wording;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.jspecify.annotations.Nullable;

/**
 * Reads a PDF page by page with PDFBox: the text of each page, every line with its box,
 * and the section headings. Pages without a text layer are read by OCR when it is
 * available. Bounded: pages are counted before anything is read, buffers spill to
 * temporary files rather than memory, and a parse stops between pages once interrupted.
 */
public final class PdfParser {

	/** "3.2 Test results", "4. Risk management", "A.1 Scope" — but not a TOC line. */
	private static final Pattern NUMBERED_HEADING = Pattern
		.compile("^(?:\\d{1,2}(?:\\.\\d{1,2}){0,4}\\.?|[A-Z]\\.\\d{1,2}(?:\\.\\d{1,2}){0,3})\\s+\\p{Lu}.{1,110}$");

	private static final Pattern TOC_LINE = Pattern.compile(".*(?:\\.{4,}|\\s{2,})\\s*\\d{1,4}$");

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PdfParser.class);

	private final int maxPages;

	private final Ocr ocr;

	private final Path scratch;

	/** With scratch files in the system's temporary folder: for commands and tests. */
	public PdfParser(int maxPages, Ocr ocr) {
		this(maxPages, ocr, Path.of(System.getProperty("java.io.tmpdir")));
	}

	/**
	 * @param scratch the private folder PDFBox keeps its scratch files in
	 */
	public PdfParser(int maxPages, Ocr ocr, Path scratch) {
		this.maxPages = maxPages;
		this.ocr = ocr;
		this.scratch = scratch;
	}

	public ParsedDocument parse(Path file, String fileName) throws UnreadableDocumentException {
		return parse(file, fileName, null);
	}

	/**
	 * @param ocrLanguages the languages scanned pages are read in (Tesseract's codes
	 * joined by "+"); null for the configured ones
	 */
	public ParsedDocument parse(Path file, String fileName, @Nullable String ocrLanguages)
			throws UnreadableDocumentException {
		requireEndOfFileMarker(file, fileName);
		try (PDDocument document = load(file, fileName)) {
			int pageCount = document.getNumberOfPages();
			if (pageCount == 0) {
				throw new UnreadableDocumentException(Wording.of("upload.no-pages", fileName));
			}
			if (pageCount > this.maxPages) {
				throw new TooManyPagesException(
						Wording.of("upload.too-many-pages", fileName, pageCount, this.maxPages));
			}
			List<List<CollectedLine>> read = readingOrder(document);
			String[] labels = PrintedPageNumbers.labels(document);
			List<Page> pages = new ArrayList<>();
			List<Section> sections = new ArrayList<>();
			String section = null;
			PDFRenderer renderer = null;
			for (int index = 0; index < pageCount; index++) {
				PDPage pdPage = document.getPage(index);
				float width = pdPage.getCropBox().getWidth();
				float height = pdPage.getCropBox().getHeight();
				List<CollectedLine> collected = index < read.size() ? read.get(index) : List.of();
				List<Line> lines = new ArrayList<>();
				TextSource source = TextSource.TEXT_LAYER;
				boolean blank = collected.stream().allMatch(line -> line.text().isBlank());
				// A text layer of garbage (a scan's bad OCR layer, a font without a
				// usable character map) is read again from the page's image.
				boolean garbage = !blank && isGarbage(collected);
				boolean garbled = false;
				if ((blank || garbage) && this.ocr.available()) {
					if (renderer == null) {
						renderer = new PDFRenderer(document);
					}
					float dpi = this.ocr.dpiFor(width, height);
					BufferedImage image = renderer.renderImageWithDPI(index, dpi, ImageType.GRAY);
					source = readByOcr(image, dpi, ocrLanguages, lines, fileName, index + 1);
					if (garbage && (source == TextSource.NOT_READ || lines.isEmpty())) {
						lines.clear();
						source = TextSource.TEXT_LAYER;
						garbled = true;
					}
				}
				else if (garbage) {
					garbled = true;
				}
				else if (blank) {
					source = TextSource.NOT_READ;
				}
				if (source == TextSource.TEXT_LAYER) {
					float bodySize = medianFontSize(collected);
					for (CollectedLine line : collected) {
						lines.add(line.toLine());
						if (isHeading(line, bodySize)) {
							sections.add(new Section(line.text().strip(), index + 1, null));
						}
					}
				}
				String pageSection = section;
				for (Section s : sections) {
					if (s.page() != null && s.page() == index + 1) {
						if (pageSection == null || startsPage(lines, s.heading())) {
							pageSection = s.heading();
						}
						section = s.heading();
					}
				}
				String text = String.join("\n", lines.stream().map(Line::text).toList());
				pages.add(new Page(index + 1, width, height, text, List.copyOf(lines), source, pageSection, garbled,
						PrintedPageNumbers.label(labels, index, lines)));
				if (Thread.currentThread().isInterrupted()) {
					throw new UnreadableDocumentException(Wording.of("upload.too-slow", fileName));
				}
			}
			return new ParsedDocument("pdf", true, List.copyOf(pages), List.copyOf(sections));
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof ParseCancelled) {
				throw new UnreadableDocumentException(Wording.of("upload.too-slow", fileName), ex);
			}
			throw new UnreadableDocumentException(Wording.of("upload.damaged-pdf", fileName,
					String.valueOf(ex.getMessage()).lines().findFirst().orElse("")), ex);
		}
	}

	/** A text layer with more broken words than this is garbage, not the page's text. */
	private static final double GARBAGE_BROKEN = 0.3;

	/**
	 * Nor is one with this share of characters no text has (private use, U+FFFD,
	 * controls).
	 */
	private static final double GARBAGE_UNREADABLE = 0.1;

	private static boolean isGarbage(List<CollectedLine> lines) {
		int characters = 0;
		int unreadable = 0;
		for (CollectedLine line : lines) {
			String text = line.text();
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (Character.isWhitespace(c)) {
					continue;
				}
				characters++;
				if (c == '\uFFFD' || Character.getType(c) == Character.PRIVATE_USE || Character.isISOControl(c)) {
					unreadable++;
				}
			}
		}
		return brokenShare(lines) > GARBAGE_BROKEN
				|| (characters > 0 && (double) unreadable / characters > GARBAGE_UNREADABLE);
	}

	/** A page whose words are broken more often than this is read again, sorted. */
	private static final double MOST_BROKEN = 0.02;

	/**
	 * Each page's lines in the order the document writes them, which keeps words and
	 * table rows whole and columns apart; only where that order breaks words (glyphs
	 * written one by one, out of order) is the page read sorted by position instead,
	 * whichever of the two breaks fewer words. Sorting by position alone turned "take any
	 * action" into "takaen y action" and mixed table cells of different rows.
	 */
	private static List<List<CollectedLine>> readingOrder(PDDocument document) throws IOException {
		LineCollector written = new LineCollector(false);
		written.getText(document);
		List<List<CollectedLine>> pages = new ArrayList<>(written.pages);
		boolean anyBroken = pages.stream().anyMatch(page -> brokenShare(page) > MOST_BROKEN);
		if (!anyBroken) {
			return pages;
		}
		LineCollector sorted = new LineCollector(true);
		sorted.getText(document);
		for (int i = 0; i < pages.size() && i < sorted.pages.size(); i++) {
			double asWritten = brokenShare(pages.get(i));
			// Only clearly better: sorting mixes table rows and columns where it does not
			// mend words.
			if (asWritten > MOST_BROKEN && brokenShare(sorted.pages.get(i)) < asWritten / 2) {
				pages.set(i, sorted.pages.get(i));
			}
		}
		return pages;
	}

	/**
	 * The share of a page's words that look broken: a lone letter that is no word ("y" of
	 * "takaen y action"; not "a", "I" or a list marker "(b)"), or five letters without a
	 * vowel.
	 */
	private static double brokenShare(List<CollectedLine> lines) {
		int words = 0;
		int broken = 0;
		for (CollectedLine line : lines) {
			String text = line.text();
			int start = -1;
			for (int i = 0; i <= text.length(); i++) {
				boolean letter = i < text.length() && Character.isLetter(text.charAt(i));
				if (letter && start < 0) {
					start = i;
				}
				else if (!letter && start >= 0) {
					words++;
					if (brokenWord(text, start, i)) {
						broken++;
					}
					start = -1;
				}
			}
		}
		return words == 0 ? 0 : (double) broken / words;
	}

	private static boolean brokenWord(String text, int start, int end) {
		if (end - start == 1) {
			char c = Character.toLowerCase(text.charAt(start));
			char before = start > 0 ? text.charAt(start - 1) : ' ';
			// "(b)", "b.", "b)", and the "s" of "party's".
			boolean marker = before == '(' || before == '\'' || before == '\u2019'
					|| (end < text.length() && (text.charAt(end) == ')' || text.charAt(end) == '.'));
			return c != 'a' && c != 'i' && !marker;
		}
		if (end - start >= 5) {
			for (int i = start; i < end; i++) {
				if ("aeiouyäöüàâéèêëîïôûùÿæœAEIOUYÄÖÜÀÂÉÈÊËÎÏÔÛÙ".indexOf(text.charAt(i)) >= 0) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

	/**
	 * OCR that fails on one page leaves that page unread; it does not refuse the
	 * document.
	 */
	private TextSource readByOcr(BufferedImage image, float dpi, @Nullable String languages, List<Line> lines,
			String fileName, int page) {
		try {
			lines
				.addAll((languages == null ? this.ocr.read(image, dpi) : this.ocr.read(image, dpi, languages)).lines());
			return TextSource.OCR;
		}
		catch (IOException ex) {
			log.warn("OCR of page {} of {} failed: {}", page, fileName, ex.getMessage());
			return TextSource.NOT_READ;
		}
	}

	private PDDocument load(Path file, String fileName) throws IOException, UnreadableDocumentException {
		try {
			return Loader.loadPDF(file.toFile(), "", null, null,
					MemoryUsageSetting.setupTempFileOnly().setTempDir(this.scratch.toFile()).streamCache);
		}
		catch (InvalidPasswordException ex) {
			throw new UnreadableDocumentException(Wording.of("upload.password", fileName), ex);
		}
	}

	/**
	 * A complete PDF ends with %%EOF (ISO 32000-1, 7.5.5). PDFBox would quietly repair a
	 * truncated file and read only part of it; a partial document must not pass as whole.
	 */
	private static void requireEndOfFileMarker(Path file, String fileName) throws UnreadableDocumentException {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			long length = raf.length();
			int tail = (int) Math.min(length, 2048);
			byte[] end = new byte[tail];
			raf.seek(length - tail);
			raf.readFully(end);
			if (!new String(end, StandardCharsets.ISO_8859_1).contains("%%EOF")) {
				throw new UnreadableDocumentException(Wording.of("upload.incomplete", fileName));
			}
		}
		catch (IOException ex) {
			throw new UnreadableDocumentException(Wording.of("upload.unreadable", fileName), ex);
		}
	}

	private static boolean isHeading(CollectedLine line, float bodySize) {
		String text = line.text().strip();
		if (text.length() < 3 || text.length() > 120 || TOC_LINE.matcher(text).matches()) {
			return false;
		}
		// Test reports are full of numbered clause rows ("8.7.3 Leakage current: PASS"):
		// a
		// number makes a heading only together with a heading's look, bold or larger
		// type.
		boolean standsOut = line.bold || (bodySize > 0 && line.fontSize >= bodySize * 1.1f);
		if (NUMBERED_HEADING.matcher(text).matches()) {
			return standsOut;
		}
		return bodySize > 0 && line.fontSize >= bodySize * 1.25f && text.length() <= 80
				&& Character.isUpperCase(text.codePointAt(0)) && !text.endsWith(".");
	}

	private static boolean startsPage(List<Line> lines, String heading) {
		return !lines.isEmpty() && lines.getFirst().text().strip().equals(heading);
	}

	private static float medianFontSize(List<CollectedLine> lines) {
		float[] sizes = new float[lines.size()];
		for (int i = 0; i < sizes.length; i++) {
			sizes[i] = lines.get(i).fontSize;
		}
		java.util.Arrays.sort(sizes);
		return sizes.length == 0 ? 0 : sizes[sizes.length / 2];
	}

	private static final class ParseCancelled extends RuntimeException {

		ParseCancelled() {
			super("cancelled");
		}

	}

	/** A line as PDFBox reports it, in words with their glyph positions. */
	private static final class CollectedLine {

		private final StringBuilder text = new StringBuilder();

		private float left = Float.MAX_VALUE;

		private float top = Float.MAX_VALUE;

		private float right;

		private float bottom;

		private float fontSize;

		private boolean bold;

		String text() {
			return this.text.toString();
		}

		void add(String word, List<TextPosition> positions) {
			this.text.append(word);
			for (TextPosition glyph : positions) {
				this.left = Math.min(this.left, glyph.getXDirAdj());
				this.right = Math.max(this.right, glyph.getXDirAdj() + glyph.getWidthDirAdj());
				this.top = Math.min(this.top, glyph.getYDirAdj() - glyph.getHeightDir());
				this.bottom = Math.max(this.bottom, glyph.getYDirAdj());
				this.fontSize = Math.max(this.fontSize, glyph.getFontSizeInPt());
				this.bold |= isBold(glyph);
			}
		}

		private static boolean isBold(TextPosition glyph) {
			var font = glyph.getFont();
			if (font == null) {
				return false;
			}
			var descriptor = font.getFontDescriptor();
			if (descriptor != null && (descriptor.isForceBold() || descriptor.getFontWeight() >= 700)) {
				return true;
			}
			String name = font.getName();
			return name != null && (name.contains("Bold") || name.contains("Black") || name.contains("Heavy"));
		}

		Line toLine() {
			boolean placed = this.left != Float.MAX_VALUE;
			return new Line(this.text.toString(), placed ? this.left : 0, placed ? this.top : 0,
					placed ? this.right - this.left : 0, placed ? this.bottom - this.top : 0);
		}

	}

	/** Collects each page's lines as PDFBox writes them, word by word. */
	private static final class LineCollector extends PDFTextStripper {

		final List<List<CollectedLine>> pages = new ArrayList<>();

		private @Nullable CollectedLine line;

		LineCollector(boolean sorted) throws IOException {
			setSortByPosition(sorted);
			setSuppressDuplicateOverlappingText(true);
		}

		@Override
		protected void startPage(PDPage page) {
			if (Thread.currentThread().isInterrupted()) {
				throw new ParseCancelled();
			}
			this.pages.add(new ArrayList<>());
			this.line = null;
		}

		@Override
		protected void endPage(PDPage page) {
			flush();
		}

		@Override
		protected void writeString(String text, List<TextPosition> positions) {
			if (this.line == null) {
				this.line = new CollectedLine();
			}
			this.line.add(text, positions);
		}

		@Override
		protected void writeWordSeparator() {
			if (this.line != null) {
				this.line.text.append(' ');
			}
		}

		@Override
		protected void writeLineSeparator() {
			flush();
		}

		private void flush() {
			if (this.line != null && !this.pages.isEmpty()) {
				this.pages.getLast().add(this.line);
			}
			this.line = null;
		}

	}

}
