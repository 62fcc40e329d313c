package io.assay;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for an OpenTelemetry collector: a real HTTP server taking OTLP over HTTP
 * ({@code POST /v1/traces}, protobuf), as every application under test is told to export
 * its traces to. It keeps the most recent export requests, to find a trace's spans in.
 */
public final class TraceCollector {

	private static final int KEPT = 2000;

	private static TraceCollector running;

	private final HttpServer server;

	private final Deque<byte[]> received = new ConcurrentLinkedDeque<>();

	private TraceCollector() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v1/traces", exchange -> {
			try (InputStream body = exchange.getRequestBody()) {
				byte[] bytes = body.readAllBytes();
				boolean protobuf = "POST".equals(exchange.getRequestMethod())
						&& String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
							.startsWith("application/x-protobuf");
				if (protobuf) {
					this.received.addLast(bytes);
					while (this.received.size() > KEPT) {
						this.received.pollFirst();
					}
				}
				exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(protobuf ? 200 : 415, -1);
			}
			finally {
				exchange.close();
			}
		});
		this.server.start();
	}

	/** The one collector of this test run, started on first use. */
	public static synchronized TraceCollector shared() {
		if (running == null) {
			try {
				running = new TraceCollector();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start the stand-in trace collector", ex);
			}
		}
		return running;
	}

	/** Where the applications send their traces. */
	public String tracesUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/** The export requests kept, oldest first. */
	public List<byte[]> exports() {
		return List.copyOf(this.received);
	}

	/**
	 * The export requests that hold spans of the trace {@code traceId} (32 hex digits):
	 * in OTLP's protobuf a span's trace id is its 16 bytes as they are.
	 */
	public List<byte[]> exportsOf(String traceId) {
		byte[] id = HexFormat.of().parseHex(traceId);
		List<byte[]> found = new ArrayList<>();
		for (byte[] export : this.received) {
			if (indexOf(export, id, 0) >= 0) {
				found.add(export);
			}
		}
		return found;
	}

	/** Whether {@code text} (a span's name or attribute, in UTF-8) is in the export. */
	public static boolean holds(byte[] export, String text) {
		return indexOf(export, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0) >= 0;
	}

	private static int indexOf(byte[] haystack, byte[] needle, int from) {
		outer: for (int i = from; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
