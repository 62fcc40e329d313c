package io.assay.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import io.assay.document.SampleFiles;
import io.assay.document.parsing.WordLayout;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.unit.DataSize;

/**
 * Seconds to lay a 2-page Word document out into a PDF: with LibreOffice kept running
 * (its Python bridge) and with a LibreOffice started for each document, one document at a
 * time. Not a test: run it by hand, as docs/benchmarks.md says, and record what it prints
 * there.
 */
public final class WordLayoutBenchmark {

	private static final int RUNS = 20;

	private WordLayoutBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path work = Files.createDirectories(Path.of("target", "benchmark", "word-layout"));
		Path docx = Files.write(work.resolve("two-pages.docx"), SampleFiles.docxOfPages(2));
		measure("kept running", new WordLayout("soffice", WordLayout.DEFAULT_PYTHON, Duration.ofSeconds(120),
				DataSize.ofGigabytes(2), 1, work), docx, work);
		measure("started for each document", new WordLayout("soffice", "no-python-bridge", Duration.ofSeconds(120),
				DataSize.ofGigabytes(2), 1, work), docx, work);
	}

	private static void measure(String how, WordLayout layout, Path docx, Path work) throws Exception {
		try (layout) {
			long first = 0;
			double[] millis = new double[RUNS];
			for (int i = 0; i <= RUNS; i++) {
				Path directory = Files.createTempDirectory(work, "run-");
				long start = System.nanoTime();
				if (layout.toPdf(docx, directory) == null) {
					throw new IllegalStateException("LibreOffice did not lay the document out");
				}
				long took = System.nanoTime() - start;
				if (i == 0) {
					first = took;
				}
				else {
					millis[i - 1] = took / 1e6;
				}
				FileSystemUtils.deleteRecursively(directory);
			}
			Arrays.sort(millis);
			System.out.printf("%-27s first %,6.0f ms, then median %,6.0f ms, P95 %,6.0f ms (%d documents)%n", how,
					first / 1e6, millis[RUNS / 2], millis[(int) Math.ceil(RUNS * 0.95) - 1], RUNS);
		}
	}

}
