package io.assay.document.parsing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.unit.DataSize;

/**
 * Lays a Word document out into a PDF with LibreOffice, when it is installed, so that its
 * pages are the pages a reader sees and evidence can cite them. Each conversion runs in a
 * separate process with a profile of its own (so conversions can run side by side), on a
 * leash (time, memory, how many at once) and never fetching anything: external links are
 * removed from the document first, the profile blocks links from untrusted documents, and
 * where the system allows it LibreOffice has no network at all.
 * <p>
 * Where LibreOffice's Python bridge is installed ({@code python3-uno}), LibreOffice is
 * kept running between documents ({@link RunningOffice}, one for each document laid out
 * at once); otherwise each document starts one of its own.
 */
public final class WordLayout implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(WordLayout.class);

	/** LibreOffice's setting that stops documents from loading linked content. */
	private static final String OFFLINE_PROFILE = """
			<?xml version="1.0" encoding="UTF-8"?>
			<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
			xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
			<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
			<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
			<item oor:path="/org.openoffice.Office.Common/Misc">\
			<prop oor:name="UseOpenCL" oor:op="fuse"><value>false</value></prop></item>
			</oor:items>
			""";

	/** The Python that has LibreOffice's bridge on Debian and Ubuntu. */
	public static final String DEFAULT_PYTHON = "/usr/bin/python3";

	private final String command;

	private final String python;

	private final Duration timeout;

	private final Path scratch;

	private final HelperProcess helper;

	private final CompletableFuture<Boolean> available;

	/** Whether LibreOffice can be kept running: its Python bridge is installed. */
	private final CompletableFuture<Boolean> keptRunning;

	/**
	 * The offices kept running, as many as lay out at once; the one used last is taken
	 * first, so that a second office starts only when two documents come at once.
	 */
	private final BlockingDeque<RunningOffice> offices = new LinkedBlockingDeque<>();

	private volatile boolean closed;

	private @Nullable Path bridgeScript;

	/** With the default limits: for tests. */
	public WordLayout(String command, Duration timeout) {
		this(command, DEFAULT_PYTHON, timeout, DataSize.ofGigabytes(2), 2,
				Path.of(System.getProperty("java.io.tmpdir")));
	}

	/**
	 * @param python the Python with LibreOffice's bridge ({@code import uno}); without it
	 * each document starts a LibreOffice of its own
	 * @param memory the address space LibreOffice may use
	 * @param atOnce how many documents are laid out at the same time
	 * @param scratch the private folder the offices kept running have their profiles in
	 */
	public WordLayout(String command, String python, Duration timeout, DataSize memory, int atOnce, Path scratch) {
		this.command = command;
		this.python = python;
		this.timeout = timeout;
		this.scratch = scratch;
		this.available = HelperProcess.installed(command,
				() -> log.info("LibreOffice ('{}') is not installed: Word documents are read without pages", command));
		// Asked only where LibreOffice is installed: without it there is nothing to keep.
		this.keptRunning = this.available
			.thenCompose(installed -> !installed ? CompletableFuture.completedFuture(false)
					: HelperProcess.installed(List.of(python, "-c", "import uno"), () -> log.info(
							"LibreOffice's Python bridge is not installed ('{}' cannot import uno; apt-get "
									+ "install python3-uno): each Word document starts a LibreOffice of its own",
							python)));
		this.helper = new HelperProcess("LibreOffice", timeout, memory, atOnce, true);
		for (int i = 0; i < Math.max(1, atOnce); i++) {
			this.offices.add(new RunningOffice(this.helper, OFFLINE_PROFILE, scratch));
		}
	}

	public boolean available() {
		return this.available.join();
	}

	/**
	 * The document as a PDF in {@code directory}, or null when LibreOffice could not
	 * convert it in time. A LibreOffice started for this document alone has its profile
	 * in {@code directory} too, so that removing the directory removes everything the run
	 * left.
	 */
	public @Nullable Path toPdf(Path docx, Path directory) throws IOException {
		Path input = directory.resolve("document.docx");
		ExternalLinks.removeAll(docx, input);
		Path pdf = directory.resolve("document.pdf");
		if (this.keptRunning.join()) {
			try {
				return inRunningOffice(input, pdf) ? pdf : null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		Path profile = Files.createDirectory(directory.resolve("profile"));
		Files.createDirectories(profile.resolve("user"));
		Files.writeString(profile.resolve("user/registrymodifications.xcu"), OFFLINE_PROFILE, StandardCharsets.UTF_8);
		try {
			HelperProcess.Outcome outcome = this.helper.run(
					List.of(this.command, "-env:UserInstallation=" + profile.toUri(), "--headless", "--norestore",
							"--nolockcheck", "--convert-to", "pdf", "--outdir", directory.toString(), input.toString()),
					ProcessBuilder.Redirect.DISCARD);
			return outcome.succeeded() && Files.isRegularFile(pdf) ? pdf : null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			FileSystemUtils.deleteRecursively(profile);
		}
	}

	private boolean inRunningOffice(Path docx, Path pdf) throws IOException, InterruptedException {
		RunningOffice office = this.offices.takeFirst();
		try {
			if (this.closed) {
				return false;
			}
			return office.layOut(bridge(), docx, pdf, this.timeout);
		}
		finally {
			if (this.closed) {
				office.stop();
			}
			this.offices.addFirst(office);
		}
	}

	/** The command that runs the bridge: the script is written out the first time. */
	private synchronized List<String> bridge() throws IOException {
		if (this.bridgeScript == null || !Files.isRegularFile(this.bridgeScript)) {
			Path script = Files.createTempFile(this.scratch, "assay-office-bridge-", ".py");
			try (var in = WordLayout.class.getResourceAsStream("office-bridge.py")) {
				Files.write(script, Objects.requireNonNull(in, "office-bridge.py").readAllBytes());
			}
			script.toFile().deleteOnExit();
			this.bridgeScript = script;
		}
		return List.of(this.python, this.bridgeScript.toString(), this.command);
	}

	/** The running offices, for tests: those that are running now. */
	List<ProcessHandle> runningOffices() {
		return this.offices.stream().map(RunningOffice::handle).filter(Objects::nonNull).toList();
	}

	/** Stops the offices kept running (those laying a document out stop when done). */
	@Override
	public void close() {
		this.closed = true;
		this.offices.forEach(RunningOffice::stop);
		if (this.bridgeScript != null) {
			FileSystemUtils.deleteRecursively(this.bridgeScript.toFile());
		}
	}

}
