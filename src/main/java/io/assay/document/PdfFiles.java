package io.assay.document;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import io.assay.document.parsing.Ocr;
import io.assay.document.parsing.PdfParser;
import io.assay.document.parsing.UnreadableDocumentException;

/**
 * Reads PDF files from disk, outside any upload or storage: for commands that measure the
 * engine on labelled files (the accuracy command). Parsing is the same as for uploads;
 * pages without text are read by Tesseract when it is installed.
 */
public final class PdfFiles {

	private static final int MAX_PAGES = 2000;

	private PdfFiles() {
	}

	public static ParsedDocument read(Path file) throws IOException {
		PdfParser parser = new PdfParser(MAX_PAGES, new Ocr("tesseract", "eng", Duration.ofSeconds(120)));
		try {
			return parser.parse(file, file.getFileName().toString());
		}
		catch (UnreadableDocumentException ex) {
			throw new IOException(file + " cannot be read: " + ex.getMessage(), ex);
		}
	}

}
