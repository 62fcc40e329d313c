package io.assay.document;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a document says, as the parser read it. A PDF (or a DOCX converted to PDF) has
 * pages, each with its text, the position of every line (to highlight a quote later) and
 * the section it is in. A DOCX read without conversion has no pages: {@code hasPages} is
 * false and its text is in {@code sections}.
 */
public record ParsedDocument(String fileType, boolean hasPages, List<Page> pages, List<Section> sections) {

	/** Version of the parser's output; bump it when parsing changes, so caches refill. */
	public static final int PARSER_VERSION = 4;

	/**
	 * One page. Coordinates are PDF points from the page's top-left corner.
	 *
	 * @param source how the text was obtained
	 * @param section the heading in force at the top of the page, if any
	 * @param garbled the text layer looked like garbage (broken words, unreadable
	 * characters) and OCR could not read the page instead: its text is kept, with a
	 * warning to whoever relies on it
	 * @param label the page number as the document prints it ("iv", "172", "A-3"), when
	 * it is not the page's place in the file; null otherwise
	 */
	public record Page(int number, float width, float height, String text, List<Line> lines, TextSource source,
			@Nullable String section, boolean garbled, @Nullable String label) {

		public Page(int number, float width, float height, String text, List<Line> lines, TextSource source,
				@Nullable String section) {
			this(number, width, height, text, lines, source, section, false, null);
		}

	}

	/** A line of text and its bounding box on the page. */
	public record Line(String text, float x, float y, float width, float height) {
	}

	/**
	 * A heading ("3.2 Test results") and where it starts; for a DOCX without pages, also
	 * its text.
	 */
	public record Section(String heading, @Nullable Integer page, @Nullable String text) {
	}

	/** Where a page's text came from. */
	public enum TextSource {

		/** The PDF's own text layer. */
		TEXT_LAYER,

		/** Optical character recognition of the rendered page (Tesseract). */
		OCR,

		/** An image-only page that could not be read: no OCR engine is installed. */
		NOT_READ

	}

	public int pageCount() {
		return this.pages.size();
	}

}
