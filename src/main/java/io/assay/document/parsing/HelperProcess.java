package io.assay.document.parsing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * A helper program (LibreOffice, Tesseract) on a leash: at most so many at once, an
 * address-space limit, a time limit after which the whole process tree is killed (a
 * helper's own children included, which outlive a killed parent otherwise), and, where
 * the kernel lets an unprivileged process have a network namespace of its own, no network
 * at all. Whatever way a run ends, no process of it is left behind.
 */
final class HelperProcess {

	private static final Logger log = LoggerFactory.getLogger(HelperProcess.class);

	private static final boolean NETWORK_ISOLATION = succeeds(List.of("unshare", "-rn", "true"));

	private final String name;

	private final Duration timeout;

	private final DataSize memory;

	private final Semaphore slots;

	private final boolean offline;

	/**
	 * @param offline run without network where the system allows it
	 */
	HelperProcess(String name, Duration timeout, DataSize memory, int atOnce, boolean offline) {
		this.name = name;
		this.timeout = timeout;
		this.memory = memory;
		this.slots = new Semaphore(Math.max(1, atOnce), true);
		this.offline = offline && NETWORK_ISOLATION;
		if (offline && !NETWORK_ISOLATION) {
			log.info("{} runs with the network of the service: this system does not allow a network namespace "
					+ "(unshare -rn); links in documents are removed before it runs instead", name);
		}
	}

	/** How a run ended. */
	record Outcome(int exitCode, boolean timedOut) {

		boolean succeeded() {
			return !this.timedOut && this.exitCode == 0;
		}

	}

	/**
	 * Runs the command, waiting for a free slot first, with its output sent where
	 * {@code output} says and errors discarded.
	 */
	Outcome run(List<String> command, ProcessBuilder.Redirect output) throws IOException, InterruptedException {
		this.slots.acquire();
		try {
			Process process = new ProcessBuilder(leashed(command)).redirectOutput(output)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			try {
				if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					log.warn("{} took longer than {} s and was stopped", this.name, this.timeout.toSeconds());
					return new Outcome(-1, true);
				}
				return new Outcome(process.exitValue(), false);
			}
			finally {
				killTree(process.toHandle());
			}
		}
		finally {
			this.slots.release();
		}
	}

	/**
	 * Starts the command on the leash and leaves it running, its input and output piped
	 * to the caller and errors discarded: for a helper kept between documents, which the
	 * caller stops ({@link #killTree}). Not counted against the runs at once.
	 */
	Process start(List<String> command) throws IOException {
		return new ProcessBuilder(leashed(command)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
	}

	/**
	 * The command inside {@code unshare} (no network) and a shell that sets the
	 * address-space limit before it becomes the command.
	 */
	private List<String> leashed(List<String> command) {
		List<String> full = new ArrayList<>();
		if (this.offline) {
			full.addAll(List.of("unshare", "-rn"));
		}
		full.addAll(List.of("/bin/sh", "-c", "ulimit -v " + this.memory.toKilobytes() + " && exec \"$0\" \"$@\""));
		full.addAll(command);
		return full;
	}

	/**
	 * Kills the process and every descendant, looking again until none is left: a child
	 * forked while the tree was being killed is caught on the next round.
	 */
	static void killTree(ProcessHandle root) {
		for (int round = 0; round < 20; round++) {
			// Parents first: a killed process forks no more children.
			List<ProcessHandle> tree = new ArrayList<>(List.of(root));
			tree.addAll(root.descendants().toList());
			List<ProcessHandle> alive = tree.stream().filter(ProcessHandle::isAlive).toList();
			if (alive.isEmpty()) {
				return;
			}
			alive.forEach(ProcessHandle::destroyForcibly);
			for (ProcessHandle process : alive) {
				try {
					process.onExit().get(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
					log.debug("Process {} did not end yet", process.pid());
				}
			}
		}
		log.warn("Some processes of a helper (pid {}) could not be stopped", root.pid());
	}

	/** Whether a program is installed and runs. */
	/** What a short command prints (output and errors), or nothing when it cannot run. */
	static String output(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? printed : "";
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	/**
	 * Whether a helper program is installed ({@code command --version} succeeds), asked
	 * on a thread of its own from the start: LibreOffice takes a third of a second to
	 * answer, which start-up need not wait for; the first document that needs the answer
	 * does.
	 * @param whenMissing said once when it is not installed
	 */
	static java.util.concurrent.CompletableFuture<Boolean> installed(String command, Runnable whenMissing) {
		return installed(List.of(command, "--version"), whenMissing);
	}

	/**
	 * Whether a program is installed as {@code probe} (a command that succeeds) shows.
	 */
	static java.util.concurrent.CompletableFuture<Boolean> installed(List<String> probe, Runnable whenMissing) {
		return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
			boolean installed = succeeds(probe);
			if (!installed) {
				whenMissing.run();
			}
			return installed;
		}, task -> Thread.ofVirtual().name("helper-probe").start(task));
	}

	static boolean succeeds(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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

}
