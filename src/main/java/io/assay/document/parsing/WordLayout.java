package io.assay.document.parsing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 */
public final class WordLayout {

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

	private final String command;

	private final HelperProcess helper;

	private final java.util.concurrent.CompletableFuture<Boolean> available;

	/** With the default limits: for tests. */
	public WordLayout(String command, Duration timeout) {
		this(command, timeout, DataSize.ofGigabytes(2), 2);
	}

	/**
	 * @param memory the address space LibreOffice may use
	 * @param atOnce how many documents are laid out at the same time
	 */
	public WordLayout(String command, Duration timeout, DataSize memory, int atOnce) {
		this.command = command;
		this.available = HelperProcess.installed(command,
				() -> log.info("LibreOffice ('{}') is not installed: Word documents are read without pages", command));
		this.helper = new HelperProcess("LibreOffice", timeout, memory, atOnce, true);
	}

	public boolean available() {
		return this.available.join();
	}

	/**
	 * The document as a PDF in {@code directory}, or null when LibreOffice could not
	 * convert it in time. Its profile is kept in {@code directory} too, so that removing
	 * the directory removes everything the run left.
	 */
	public @Nullable Path toPdf(Path docx, Path directory) throws IOException {
		Path profile = Files.createDirectory(directory.resolve("profile"));
		Files.createDirectories(profile.resolve("user"));
		Files.writeString(profile.resolve("user/registrymodifications.xcu"), OFFLINE_PROFILE, StandardCharsets.UTF_8);
		Path input = directory.resolve("document.docx");
		ExternalLinks.removeAll(docx, input);
		try {
			HelperProcess.Outcome outcome = this.helper.run(
					List.of(this.command, "-env:UserInstallation=" + profile.toUri(), "--headless", "--norestore",
							"--nolockcheck", "--convert-to", "pdf", "--outdir", directory.toString(), input.toString()),
					ProcessBuilder.Redirect.DISCARD);
			Path pdf = directory.resolve("document.pdf");
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

}
