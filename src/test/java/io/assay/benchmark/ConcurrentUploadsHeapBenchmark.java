package io.assay.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.document.SampleFiles;
import tools.jackson.databind.JsonNode;

/**
 * The JVM's memory while one copy takes sixteen 5 MB PDFs uploaded at once (pages of
 * scanned-looking annexes, about 80 KB a page of noise that does not compress) and then
 * runs sixteen assessments over them at once, judged by the offline checker. For each
 * phase it prints the heap's peak (the heap pools' peak usage, reset before the phase),
 * what stays live after it (used after a full collection), the heap the JVM holds
 * (committed) and the process's resident memory. Run it with the heap limit to check
 * ({@code -Xmx}) or without one (the JVM's default, a quarter of the machine): that it
 * completes within the limit is the result. Not a test: run it by hand, as
 * docs/benchmarks.md says.
 */
public final class ConcurrentUploadsHeapBenchmark {

	private static final int UPLOADS = 16;

	private static final int CRITERIA = 10;

	private ConcurrentUploadsHeapBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<byte[]> files = new ArrayList<>();
		for (int i = 0; i < UPLOADS; i++) {
			// Different page counts: different files, none stored once for another.
			files.add(SampleFiles.heavyPages(60 + i));
		}
		System.out.printf("%d PDFs of %,d to %,d bytes%n", UPLOADS, files.getFirst().length, files.getLast().length);
		try (BenchmarkService service = BenchmarkService.start("--assay.evaluation.judge=offline",
				"--assay.jobs.polling-interval=100ms");
				ExecutorService clients = Executors.newFixedThreadPool(UPLOADS)) {
			Api api = service.api();
			SignedUp admin = api.signUp("Upload heap body");
			List<Map<String, Object>> criteria = new ArrayList<>();
			for (int i = 1; i <= CRITERIA; i++) {
				criteria.add(Map.of("name", "Batch record " + i, "description",
						"Annex page " + i + " records that the batch was released on inspection."));
			}
			JsonNode workflow = api
				.post("/v1/workflows", admin.token(),
						Map.of("name", "Annexes", "buckets", List.of(Map.of("name", "Annexes")), "criteria", criteria))
				.expect(201)
				.json();
			String bucket = workflow.at("/buckets/0/id").asString();
			report("idle, after sign-up", null);

			long uploading = System.nanoTime();
			List<String> documents = new ArrayList<>();
			try (HeapPeaks peaks = HeapPeaks.fromNow()) {
				List<Future<String>> uploads = new ArrayList<>();
				for (int i = 0; i < UPLOADS; i++) {
					byte[] file = files.get(i);
					String name = "annex-" + (i + 1) + ".pdf";
					uploads.add(clients.submit(() -> api.upload(admin.token(), bucket, name, "application/pdf", file)
						.expect(201)
						.json()
						.at("/id")
						.asString()));
				}
				for (Future<String> upload : uploads) {
					documents.add(upload.get());
				}
				System.out.printf("%d uploads at once: %.1f s%n", UPLOADS, (System.nanoTime() - uploading) / 1e9);
				report("16 uploads at once", peaks);
			}

			long running = System.nanoTime();
			try (HeapPeaks peaks = HeapPeaks.fromNow()) {
				List<String> assessments = new ArrayList<>();
				for (String document : documents) {
					assessments
						.add(api.start(admin, workflow.at("/id").asString(), bucket, document).at("/id").asString());
				}
				for (String assessment : assessments) {
					api.awaitCompleted(assessment, admin.token());
				}
				System.out.printf("%d assessments at once over them: %.1f s%n", UPLOADS,
						(System.nanoTime() - running) / 1e9);
				report("16 assessments at once", peaks);
			}
		}
	}

	private static void report(String phase, HeapPeaks peaks) throws java.io.IOException {
		long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
		String peak = peaks == null ? "-"
				: String.format("%,d MB (sampled %,d MB)", HeapPeaks.poolPeaksMegabytes(), peaks.sampledMegabytes());
		System.gc();
		long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		System.out.printf(
				"%s: max heap %,d MB; peak used %s; live after a full collection %,d MB; committed %,d MB;"
						+ " resident %s, peak resident %s%n",
				phase, Runtime.getRuntime().maxMemory() >> 20, peak, live >> 20, committed >> 20, status("VmRSS"),
				status("VmHWM"));
	}

	/** A figure of this process from /proc/self/status, e.g. its resident memory. */
	private static String status(String field) throws java.io.IOException {
		return Files.readAllLines(Path.of("/proc/self/status"))
			.stream()
			.filter(line -> line.startsWith(field + ":"))
			.map(line -> line.substring(field.length() + 1).strip())
			.findFirst()
			.orElse("?");
	}

}
