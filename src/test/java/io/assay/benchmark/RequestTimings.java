package io.assay.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/** Times one request over HTTP, warmed up first, and prints median, p95, p99 and max. */
public final class RequestTimings {

	private RequestTimings() {
	}

	/**
	 * Sends the request {@code warmUp} times, then times it over {@code timed} sends.
	 * @return the milliseconds of each timed send
	 * @throws IllegalStateException when an answer is not 200
	 */
	public static double[] time(HttpClient http, HttpRequest request, int warmUp, int timed) throws Exception {
		for (int i = 0; i < warmUp; i++) {
			check(http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
		}
		double[] millis = new double[timed];
		for (int i = 0; i < timed; i++) {
			long start = System.nanoTime();
			check(http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		return millis;
	}

	/** The size of one answer, for the printout. */
	public static long bytes(HttpClient http, HttpRequest request) throws Exception {
		return check(http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
	}

	public static void report(String what, double[] millis) {
		double[] sorted = millis.clone();
		Arrays.sort(sorted);
		System.out.printf("%s: median %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms over %d requests%n", what,
				sorted[sorted.length / 2], percentile(sorted, 0.95), percentile(sorted, 0.99),
				sorted[sorted.length - 1], sorted.length);
	}

	private static double percentile(double[] sorted, double fraction) {
		return sorted[(int) Math.ceil(sorted.length * fraction) - 1];
	}

	private static long check(HttpResponse<byte[]> response) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(response.body()));
		}
		return response.body().length;
	}

}
