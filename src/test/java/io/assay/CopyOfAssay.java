package io.assay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Waiting for a copy of Assay started as a process of its own. */
public final class CopyOfAssay {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private CopyOfAssay() {
	}

	/**
	 * Waits until the copy answers 200 at the given address; fails at once, naming its
	 * log, should it exit first.
	 */
	public static void awaitAnswer(Process copy, Path log, URI address, Duration deadline) {
		Eventually.until(deadline, () -> {
			if (!copy.isAlive()) {
				throw new AssertionError("The copy of Assay exited; its log: " + log.toAbsolutePath());
			}
			return status(address);
		}, status -> status == 200);
	}

	/** The status the address answers with; 0 when nothing answers there yet. */
	private static int status(URI address) {
		try {
			return HTTP.send(HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

}
