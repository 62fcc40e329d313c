package io.assay.document.parsing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays a Word document out into a PDF with LibreOffice, when it is installed, so that its
 * pages are the pages a reader sees and evidence can cite them. Each conversion runs in a
 * separate process with a profile of its own (so conversions can run side by side) and a
 * time limit.
 */
public final class WordLayout {

	private static final Logger log = LoggerFactory.getLogger(WordLayout.class);

	private final String command;

	private final Duration timeout;

	private final boolean available;

	public WordLayout(String command, Duration timeout) {
		this.command = command;
		this.timeout = timeout;
		this.available = probe(command);
		if (!this.available) {
			log.info("LibreOffice ('{}') is not installed: Word documents are read without pages", command);
		}
	}

	public boolean available() {
		return this.available;
	}

	/**
	 * The document as a PDF in {@code directory}, or null when LibreOffice could not
	 * convert it.
	 */
	public @Nullable Path toPdf(Path docx, Path directory) throws IOException {
		Path profile = Files.createTempDirectory("assay-libreoffice-");
		Path input = Files.copy(docx, directory.resolve("document.docx"));
		try {
			Process process = new ProcessBuilder(this.command, "-env:UserInstallation=" + profile.toUri(), "--headless",
					"--norestore", "--convert-to", "pdf", "--outdir", directory.toString(), input.toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				log.warn("LibreOffice took longer than {} s to lay out a Word document", this.timeout.toSeconds());
				return null;
			}
			Path pdf = directory.resolve("document.pdf");
			return process.exitValue() == 0 && Files.isRegularFile(pdf) ? pdf : null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			deleteRecursively(profile);
		}
	}

	private static boolean probe(String command) {
		try {
			Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			log.debug("Could not remove {}", directory, ex);
		}
	}

}
