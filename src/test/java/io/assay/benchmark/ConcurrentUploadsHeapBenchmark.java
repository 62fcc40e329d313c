package io.assay.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.Eventually;
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
				ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor();
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

			AtomicLong sampled = startPhase(sampling);
			long uploading = System.nanoTime();
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
			List<String> documents = new ArrayList<>();
			for (Future<String> upload : uploads) {
				documents.add(upload.get());
			}
			System.out.printf("%d uploads at once: %.1f s%n", UPLOADS, (System.nanoTime() - uploading) / 1e9);
			report("16 uploads at once", sampled);

			sampled = startPhase(sampling);
			long running = System.nanoTime();
			List<String> assessments = new ArrayList<>();
			for (String document : documents) {
				assessments.add(api
					.post("/v1/assessments", admin.token(),
							Map.of("workflow_id", workflow.at("/id").asString(), "documents",
									List.of(Map.of("bucket_id", bucket, "document_id", document))))
					.expect(202)
					.json()
					.at("/id")
					.asString());
			}
			for (String assessment : assessments) {
				String status = Eventually.until(Duration.ofMinutes(30),
						() -> api.get("/v1/assessments/" + assessment, admin.token())
							.expect(200)
							.json()
							.at("/status")
							.asString(),
						done -> done.equals("completed") || done.equals("failed"));
				if (!status.equals("completed")) {
					throw new IllegalStateException("Assessment " + assessment + " " + status);
				}
			}
			System.out.printf("%d assessments at once over them: %.1f s%n", UPLOADS,
					(System.nanoTime() - running) / 1e9);
			report("16 assessments at once", sampled);
			sampling.shutdownNow();
		}
	}

	private static AtomicLong startPhase(ScheduledExecutorService sampling) {
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		AtomicLong peak = new AtomicLong();
		sampling.scheduleAtFixedRate(() -> peak
			.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 100,
				TimeUnit.MILLISECONDS);
		return peak;
	}

	private static void report(String phase, AtomicLong sampled) throws java.io.IOException {
		long poolPeak = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum();
		long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
		System.gc();
		long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		System.out.printf(
				"%s: max heap %,d MB; peak used %,d MB (sampled %s MB); live after a full collection %,d MB;"
						+ " committed %,d MB; resident %s, peak resident %s%n",
				phase, Runtime.getRuntime().maxMemory() >> 20, poolPeak >> 20,
				sampled == null ? "-" : String.format("%,d", sampled.get() >> 20), live >> 20, committed >> 20,
				status("VmRSS"), status("VmHWM"));
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
