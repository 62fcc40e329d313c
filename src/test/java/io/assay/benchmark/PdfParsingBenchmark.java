package io.assay.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.assay.document.SampleFiles;
import io.assay.document.SampleFiles.PageText;
import io.assay.document.parsing.Ocr;
import io.assay.document.parsing.PdfParser;

/**
 * Pages per second of Assay's PDF parser (text, line boxes, headings) against poppler's
 * {@code pdftotext} on the same 300-page file. Not a test: run it by hand, as
 * docs/benchmarks.md says, and record what it prints there.
 */
public final class PdfParsingBenchmark {

	private static final int PAGES = 300;

	private static final int WARM_UP = 3;

	private static final int RUNS = 7;

	private PdfParsingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path file = Files.createDirectories(Path.of("target", "benchmark")).resolve("report-300.pdf");
		Files.write(file, report());
		PdfParser parser = new PdfParser(2000, new Ocr("no-ocr-needed", "eng", Duration.ofSeconds(1)));
		for (int i = 0; i < WARM_UP; i++) {
			parser.parse(file, file.getFileName().toString());
		}
		double[] assay = new double[RUNS];
		for (int i = 0; i < RUNS; i++) {
			long start = System.nanoTime();
			int pages = parser.parse(file, file.getFileName().toString()).pageCount();
			assay[i] = pages / ((System.nanoTime() - start) / 1e9);
		}
		double[] poppler = new double[RUNS];
		for (int i = 0; i < RUNS; i++) {
			long start = System.nanoTime();
			Process process = new ProcessBuilder("pdftotext", "-layout", file.toString(), "-")
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (process.waitFor() != 0) {
				throw new IllegalStateException("pdftotext failed");
			}
			poppler[i] = PAGES / ((System.nanoTime() - start) / 1e9);
		}
		System.out.printf("file: %s, %d pages, %d bytes%n", file, PAGES, Files.size(file));
		System.out.printf("Assay PdfParser (PDFBox 3.0.8, one thread): median %.0f pages/s (min %.0f, max %.0f)%n",
				median(assay), min(assay), max(assay));
		System.out.printf("pdftotext -layout (poppler):            median %.0f pages/s (min %.0f, max %.0f)%n",
				median(poppler), min(poppler), max(poppler));
	}

	/**
	 * A test report of 300 pages, each with a numbered heading and 45 lines of clause
	 * rows.
	 */
	private static byte[] report() throws Exception {
		List<PageText> pages = new ArrayList<>();
		for (int page = 1; page <= PAGES; page++) {
			List<String> lines = new ArrayList<>();
			for (int line = 1; line <= 45; line++) {
				lines.add(page + "." + line + " Leakage current, applied part type BF, normal condition: 4."
						+ (line % 10) + " uA (limit 10 uA) P");
			}
			pages.add(new PageText(page + " Test series " + page, lines));
		}
		return SampleFiles.pdf(pages);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static double min(double[] values) {
		return Arrays.stream(values).min().orElseThrow();
	}

	private static double max(double[] values) {
		return Arrays.stream(values).max().orElseThrow();
	}

}
