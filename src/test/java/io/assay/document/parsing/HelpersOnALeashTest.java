package io.assay.document.parsing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.assay.document.ParsedDocument;
import io.assay.document.SampleFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * LibreOffice and Tesseract on a leash: nothing fetched for a document's links, the whole
 * process tree and its folder gone after a time-out, memory limited, huge pages rendered
 * into a bounded number of pixels, and a Word document's pages counted against the limit.
 */
class HelpersOnALeashTest {

	@TempDir
	Path scratch;

	private final PdfParser pdf = new PdfParser(100, new Ocr("no-ocr", "eng", Duration.ofSeconds(1)));

	@Test
	void layingOutADocumentFetchesNothingItLinksTo() throws Exception {
		WordLayout layout = new WordLayout("soffice", Duration.ofSeconds(120));
		assumeInstalled(layout);
		AtomicInteger connections = new AtomicInteger();
		try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread.ofVirtual().start(() -> {
				while (!listener.isClosed()) {
					try (Socket accepted = listener.accept()) {
						connections.incrementAndGet();
					}
					catch (IOException ex) {
						// closed at the end
					}
				}
			});
			Path docx = Files.write(this.scratch.resolve("linked.docx"),
					SampleFiles.docxWithLinkedPicture("http://127.0.0.1:" + listener.getLocalPort()));

			ParsedDocument parsed = new DocxParser(layout, this.pdf, this.scratch).parse(docx, "linked.docx");

			assertThat(parsed.hasPages()).as("laid out").isTrue();
			assertThat(parsed.pages().getFirst().text()).contains("See the website");
			assertThat(connections).as("connections to the linked address").hasValue(0);
		}
	}

	@Test
	void libreOfficeIsKeptRunningBetweenDocumentsAndReplacedWhenItDies() throws Exception {
		Path officeScratch = Files.createDirectory(this.scratch.resolve("office-scratch"));
		WordLayout layout = new WordLayout("soffice", WordLayout.DEFAULT_PYTHON, Duration.ofSeconds(120),
				DataSize.ofGigabytes(2), 2, officeScratch);
		assumeInstalled(layout);
		Assumptions.assumeTrue(HelperProcess.succeeds(List.of(WordLayout.DEFAULT_PYTHON, "-c", "import uno")),
				"LibreOffice's Python bridge is not installed (apt-get install python3-uno): not tested");
		List<ProcessHandle> lastTree;
		try (layout) {
			Path docx = Files.write(this.scratch.resolve("kept.docx"), SampleFiles.docx());

			assertThat(layout.toPdf(docx, Files.createDirectory(this.scratch.resolve("first")))).isNotNull();
			List<ProcessHandle> running = layout.runningOffices();
			List<ProcessHandle> firstTree = tree(running);
			assertThat(layout.toPdf(docx, Files.createDirectory(this.scratch.resolve("second")))).isNotNull();

			assertThat(running).as("one office, started for the first document").hasSize(1);
			assertThat(layout.runningOffices()).as("the same office laid the second out").isEqualTo(running);
			running.getFirst().descendants().forEach(ProcessHandle::destroyForcibly);
			Path third = layout.toPdf(docx, Files.createDirectory(this.scratch.resolve("third")));
			assertThat(third).as("laid out by a fresh office after the first died").isNotNull();
			assertThat(new PdfParser(100, new Ocr("no-ocr", "eng", Duration.ofSeconds(1))).parse(third, "kept.docx")
				.pages()
				.getFirst()
				.text()).contains("Intended purpose");
			// Killed processes take a moment to be reaped.
			io.assay.Eventually.until(Duration.ofSeconds(30),
					() -> firstTree.stream().noneMatch(ProcessHandle::isAlive), gone -> gone);
			assertThat(layout.runningOffices()).hasSize(1);
			lastTree = tree(layout.runningOffices());
			try (Stream<Path> files = Files.list(officeScratch)) {
				assertThat(files).as("the running office's profile and bridge").isNotEmpty();
			}
		}
		try (Stream<Path> files = Files.list(officeScratch)) {
			assertThat(files).as("left by the office once stopped").isEmpty();
		}
		assertThat(lastTree).as("processes of the office kept running").hasSizeGreaterThan(1);
		io.assay.Eventually.until(Duration.ofSeconds(30), () -> lastTree.stream().noneMatch(ProcessHandle::isAlive),
				gone -> gone);
	}

	@Test
	void withoutThePythonBridgeEachDocumentStartsALibreOffice() throws Exception {
		try (WordLayout layout = new WordLayout("soffice", "no-such-python", Duration.ofSeconds(120),
				DataSize.ofGigabytes(2), 1, this.scratch)) {
			assumeInstalled(layout);
			Path docx = Files.write(this.scratch.resolve("cold.docx"), SampleFiles.docx());

			assertThat(layout.toPdf(docx, Files.createDirectory(this.scratch.resolve("cold")))).isNotNull();

			assertThat(layout.runningOffices()).isEmpty();
			assertThat(helpers(this.scratch)).isEmpty();
		}
	}

	@Test
	void aLayoutThatRunsOutOfTimeLeavesNoProcessAndNoFolder() throws Exception {
		// A stand-in for LibreOffice that starts a helper of its own and never finishes:
		// the time-out comes whatever the machine's speed (a real one may convert within
		// any short limit on a warm machine).
		Path stuck = this.scratch.resolve("stuck-soffice");
		Files.writeString(stuck, """
				#!/bin/sh
				case "$1" in
				  --version) echo "LibreOffice stand-in that never finishes"; exit 0 ;;
				  helper) sleep 300; exit 0 ;;
				esac
				"$0" helper &
				sleep 300
				""");
		assertThat(stuck.toFile().setExecutable(true)).isTrue();
		WordLayout layout = new WordLayout(stuck.toString(), Duration.ofMillis(1500));
		Path docx = Files.write(this.scratch.resolve("slow.docx"), SampleFiles.docx());
		Path work = Files.createDirectory(this.scratch.resolve("work"));

		assertThat(layout.toPdf(docx, work)).isNull();

		assertThat(helpers(stuck)).as("LibreOffice processes left running").isEmpty();
		try (Stream<Path> left = Files.list(work)) {
			assertThat(left.map(path -> path.getFileName().toString())).doesNotContain("profile");
		}
	}

	@Test
	void aTreeIsKilledWithItsChildren() throws Exception {
		Process shell = new ProcessBuilder("/bin/sh", "-c", "sleep 300 & sleep 300 & wait").start();
		Eventually.descendants(shell, 2);

		HelperProcess.killTree(shell.toHandle());

		assertThat(shell.isAlive()).isFalse();
		assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("sleep")))
			.isEmpty();
	}

	@Test
	void helpersRunNoMoreAtOnceThanAllowed() throws Exception {
		HelperProcess one = new HelperProcess("test helper", Duration.ofSeconds(60), DataSize.ofMegabytes(256), 1,
				false);
		// Each run holds a directory while it works: a second run at the same time could
		// not create it and would fail.
		Path lock = this.scratch.resolve("running");
		List<String> command = List.of("/bin/sh", "-c",
				"mkdir '" + lock + "' || exit 3; sleep 0.3; rmdir '" + lock + "'");
		try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
			List<java.util.concurrent.Future<HelperProcess.Outcome>> runs = new java.util.ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(executor.submit(() -> one.run(command, ProcessBuilder.Redirect.DISCARD)));
			}
			for (var run : runs) {
				assertThat(run.get().exitCode()).isZero();
			}
		}
	}

	@Test
	void aWordDocumentsPagesCountAgainstTheLimit() throws Exception {
		WordLayout layout = new WordLayout("soffice", Duration.ofSeconds(120));
		assumeInstalled(layout);
		Path docx = Files.write(this.scratch.resolve("long.docx"), SampleFiles.docxOfPages(6));
		DocxParser parser = new DocxParser(layout, new PdfParser(5, new Ocr("no-ocr", "eng", Duration.ofSeconds(1))),
				this.scratch);

		assertThatExceptionOfType(TooManyPagesException.class).isThrownBy(() -> parser.parse(docx, "long.docx"))
			.withMessage("long.docx has 6 pages; Assay reads at most 5. Split it into parts and upload those.");
		try (Stream<Path> left = Files.list(this.scratch)) {
			assertThat(left).as("nothing left but the upload").containsExactly(docx);
		}
	}

	@Test
	void aHugePageIsRenderedIntoABoundedNumberOfPixels() throws Exception {
		Ocr ocr = new Ocr("tesseract", "eng", Duration.ofSeconds(120), DataSize.ofGigabytes(1), 1, 25_000_000,
				this.scratch);
		assertThat(ocr.dpiFor(612, 792)).as("a letter page").isEqualTo(Ocr.DPI);
		float dpi = ocr.dpiFor(6000, 6000);
		assertThat((6000 / 72.0 * dpi) * (6000 / 72.0 * dpi)).isLessThanOrEqualTo(25_000_000);
		Assumptions.assumeTrue(ocr.available(), "Tesseract is not installed: OCR not tested");

		ParsedDocument parsed = new PdfParser(100, ocr, this.scratch)
			.parse(Files.write(this.scratch.resolve("huge.pdf"), SampleFiles.blankPage(6000)), "huge.pdf");

		assertThat(parsed.pageCount()).isEqualTo(1);
		try (Stream<Path> left = Files.list(this.scratch)) {
			assertThat(left.map(path -> path.getFileName().toString())).containsExactly("huge.pdf");
		}
	}

	@Test
	void tesseractRunsWithinItsMemoryLimit() throws Exception {
		Ocr starved = new Ocr("tesseract", "eng", Duration.ofSeconds(60), DataSize.ofMegabytes(16), 1, 25_000_000,
				this.scratch);
		Assumptions.assumeTrue(starved.available(), "Tesseract is not installed: OCR not tested");
		BufferedImage page = new BufferedImage(1000, 1000, BufferedImage.TYPE_BYTE_GRAY);

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> starved.read(page, Ocr.DPI))
			.withMessageContaining("Tesseract failed");
		assertThat(new Ocr("tesseract", "eng", Duration.ofSeconds(60), DataSize.ofGigabytes(1), 1, 25_000_000,
				this.scratch)
			.read(page, Ocr.DPI)
			.lines()).isEmpty();
	}

	private static void assumeInstalled(WordLayout layout) {
		Assumptions.assumeTrue(layout.available(),
				"LibreOffice is not installed (apt-get install libreoffice-writer-nogui): layout not tested");
	}

	private static List<ProcessHandle> tree(List<ProcessHandle> roots) {
		return Stream.concat(roots.stream(), roots.stream().flatMap(ProcessHandle::descendants)).toList();
	}

	/**
	 * Processes of this JVM whose command line names {@code marker}: LibreOffices kept
	 * running by other tests' layouts are not this test's.
	 */
	private static List<ProcessHandle> helpers(Object marker) {
		return ProcessHandle.current()
			.descendants()
			.filter(ProcessHandle::isAlive)
			.filter(process -> process.info().commandLine().orElse("").contains(marker.toString()))
			.toList();
	}

	private static final class Eventually {

		static void descendants(Process process, int count) {
			io.assay.Eventually.until(Duration.ofSeconds(30), () -> process.descendants().count(), n -> n >= count);
		}

	}

}
