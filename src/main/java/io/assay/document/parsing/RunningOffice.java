package io.assay.document.parsing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * One LibreOffice kept running between documents, through the office bridge (a Python
 * script using LibreOffice's own UNO bridge, {@code office-bridge.py}): starting
 * LibreOffice costs one and a half seconds a document, laying a short document out in a
 * running one a tenth of that. The bridge and its office run on the helpers' leash (no
 * network, an address-space limit) with a profile of their own; they are stopped on a
 * time-out, when the bridge fails, and after {@link #DOCUMENTS_PER_OFFICE} documents, so
 * that whatever one document left in the office does not stay for long. Used by one
 * thread at a time.
 */
final class RunningOffice {

	private static final Logger log = LoggerFactory.getLogger(RunningOffice.class);

	/** Documents one office lays out before a fresh one takes over. */
	static final int DOCUMENTS_PER_OFFICE = 50;

	/** What the reader of the bridge's answers puts last, when the bridge has ended. */
	private static final String ENDED = "\u0000ended";

	private final HelperProcess leash;

	private final String profileSettings;

	private final Path scratch;

	private @Nullable Process process;

	private @Nullable Path profile;

	private @Nullable Writer requests;

	/** The running bridge's answers, a queue for each bridge started. */
	private BlockingQueue<String> answers = new LinkedBlockingQueue<>();

	private int laidOut;

	/**
	 * @param profileSettings the office profile's settings
	 * ({@code registrymodifications.xcu})
	 * @param scratch the private folder its profile is kept in
	 */
	RunningOffice(HelperProcess leash, String profileSettings, Path scratch) {
		this.scratch = scratch;
		this.leash = leash;
		this.profileSettings = profileSettings;
	}

	/**
	 * Lays {@code docx} out into {@code pdf}; false when it could not within
	 * {@code timeout} (which includes starting the office when none is running).
	 * @param bridge the command that runs the bridge script (Python, the script and the
	 * office command), to which the profile and pipe name are added
	 */
	boolean layOut(List<String> bridge, Path docx, Path pdf, Duration timeout) throws InterruptedException {
		try {
			return layOut(bridge, docx, pdf, System.nanoTime() + timeout.toNanos(), timeout);
		}
		catch (InterruptedException | RuntimeException ex) {
			// Whatever the office is still doing would be answered to the next document.
			stop();
			throw ex;
		}
	}

	private boolean layOut(List<String> bridge, Path docx, Path pdf, long deadline, Duration timeout)
			throws InterruptedException {
		while (true) {
			// An office that died while idle is only found out when asked: the document
			// goes to a fresh one. One that dies on a document of its own is no reason to
			// try again.
			boolean fresh = this.process == null || !this.process.isAlive();
			String answer;
			try {
				if (fresh) {
					stop();
					if (!start(bridge, deadline)) {
						stop();
						return false;
					}
				}
				this.requests.write(docx.toAbsolutePath() + "\t" + pdf.toAbsolutePath() + "\n");
				this.requests.flush();
				answer = this.answers.poll(remaining(deadline), TimeUnit.NANOSECONDS);
			}
			catch (IOException ex) {
				answer = ENDED;
			}
			if (answer == null) {
				log.warn("LibreOffice took longer than {} s and was stopped", timeout.toSeconds());
				stop();
				return false;
			}
			if (answer.equals(ENDED)) {
				stop();
				if (!fresh) {
					continue;
				}
				log.warn("LibreOffice ended while laying a document out; a fresh one takes the next document");
				return false;
			}
			if (++this.laidOut >= DOCUMENTS_PER_OFFICE) {
				stop();
			}
			if (!answer.equals("ok")) {
				log.info("LibreOffice could not lay a document out: {}", answer);
				return false;
			}
			return Files.isRegularFile(pdf);
		}
	}

	/**
	 * The office's process (the bridge's, which the office runs under), while running.
	 */
	@Nullable ProcessHandle handle() {
		Process running = this.process;
		return running != null && running.isAlive() ? running.toHandle() : null;
	}

	/** Stops the office and removes its profile; the next document starts a fresh one. */
	void stop() {
		if (this.process != null) {
			HelperProcess.killTree(this.process.toHandle());
			this.process = null;
		}
		if (this.profile != null) {
			FileSystemUtils.deleteRecursively(this.profile.toFile());
			this.profile = null;
		}
		this.requests = null;
		this.answers = new LinkedBlockingQueue<>();
		this.laidOut = 0;
	}

	private boolean start(List<String> bridge, long deadline) throws IOException, InterruptedException {
		this.profile = Files.createTempDirectory(this.scratch, "assay-office-");
		Files.createDirectories(this.profile.resolve("user"));
		Files.writeString(this.profile.resolve("user/registrymodifications.xcu"), this.profileSettings,
				StandardCharsets.UTF_8);
		List<String> command = new ArrayList<>(bridge);
		command.addAll(List.of(this.profile.toUri().toString(), "assay-office-" + UUID.randomUUID()));
		Process started = this.leash.start(command);
		this.process = started;
		this.requests = new OutputStreamWriter(started.getOutputStream(), StandardCharsets.UTF_8);
		BlockingQueue<String> answered = this.answers;
		Thread.ofVirtual().name("office-answers-" + started.pid()).start(() -> readAnswers(started, answered));
		String ready = this.answers.poll(remaining(deadline), TimeUnit.NANOSECONDS);
		if (!"ready".equals(ready)) {
			log.warn("LibreOffice did not start in time or ended while starting ({})",
					ready == null ? "timed out" : "ended");
			return false;
		}
		return true;
	}

	private static void readAnswers(Process bridge, BlockingQueue<String> answers) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				answers.add(line);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// The bridge was stopped; what it had not answered is not wanted.
		}
		finally {
			answers.add(ENDED);
		}
	}

	private static long remaining(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

}
