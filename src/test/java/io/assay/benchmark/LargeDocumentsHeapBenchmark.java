package io.assay.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.document.Documents;
import io.assay.document.SampleFiles;
import io.assay.document.SampleFiles.PageText;
import io.assay.platform.TenantContext;
import tools.jackson.databind.JsonNode;

/**
 * Heap while one copy runs four assessments at once, each over its own 2,000-page PDF
 * (about 2,500 characters a page) with 20 criteria, judged by the offline checker: the
 * load issue 11 sets a 1 GB heap for. Run it with {@code -Xmx1g}: that it completes is
 * the result, and it prints the peak heap the collector saw used (the heap pools' peak
 * usage, reset after uploading) and the peak sampled every 100 ms. Not a test: run it by
 * hand, as docs/benchmarks.md says.
 */
public final class LargeDocumentsHeapBenchmark {

	private static final int DOCUMENTS = 4;

	private static final int PAGES = 2_000;

	private static final int CRITERIA = 20;

	private LargeDocumentsHeapBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (BenchmarkService service = BenchmarkService.start("--assay.evaluation.judge=offline",
				"--assay.jobs.polling-interval=100ms")) {
			Api api = service.api();
			SignedUp admin = api.signUp("Heap body");
			List<Map<String, Object>> criteria = new ArrayList<>();
			for (int i = 1; i <= CRITERIA; i++) {
				criteria.add(Map.of("name", "Clause topic " + i, "description",
						"The agreement says how topic " + i + " is handled, with its notice period and its limits."));
			}
			JsonNode workflow = api
				.post("/v1/workflows", admin.token(),
						Map.of("name", "Large", "buckets", List.of(Map.of("name", "Agreements")), "criteria", criteria))
				.expect(201)
				.json();
			String bucket = workflow.at("/buckets/0/id").asString();
			List<String> documents = new ArrayList<>();
			long uploading = System.nanoTime();
			for (int d = 1; d <= DOCUMENTS; d++) {
				byte[] pdf = agreement(d);
				documents.add(api.upload(admin.token(), bucket, "agreement-" + d + ".pdf", "application/pdf", pdf)
					.expect(201)
					.json()
					.at("/id")
					.asString());
				System.out.printf("uploaded agreement-%d.pdf: %d pages, %,d bytes%n", d, PAGES, pdf.length);
			}
			System.out.printf("uploads and parsing: %.1f s%n", (System.nanoTime() - uploading) / 1e9);
			System.gc();
			HeapPeaks peaks = HeapPeaks.fromNow();
			long started = System.nanoTime();
			List<String> assessments = new ArrayList<>();
			for (String document : documents) {
				assessments.add(api.start(admin, workflow.at("/id").asString(), bucket, document).at("/id").asString());
			}
			for (String assessment : assessments) {
				JsonNode done = Eventually.until(Duration.ofMinutes(30),
						() -> api.get("/v1/assessments/" + assessment, admin.token()).expect(200).json(),
						run -> run.at("/status").asString().equals("completed")
								|| run.at("/status").asString().equals("failed"));
				System.out.printf("assessment %s: %s, run %s, %d results%n", assessment, done.at("/status").asString(),
						done.at("/run_status").asString(),
						api.get("/v1/assessments/" + assessment + "/results", admin.token()).expect(200).json().size());
			}
			peaks.close();
			System.out.printf("four assessments at once: %.1f s%n", (System.nanoTime() - started) / 1e9);
			System.out.printf(
					"max heap: %,d MB; peak used (heap pools, summed): %,d MB; peak sampled every 100 ms:"
							+ " %,d MB%n",
					Runtime.getRuntime().maxMemory() >> 20, HeapPeaks.poolPeaksMegabytes(), peaks.sampledMegabytes());
			readsOfOneDocument(service, admin, UUID.fromString(documents.getFirst()));
		}
	}

	/**
	 * What reading one of the 2,000-page documents costs: the page the evidence viewer
	 * reads (page 1,800, with its line boxes), and the whole document as a job reads it
	 * (time, and the heap it holds while the job runs).
	 */
	private static void readsOfOneDocument(BenchmarkService service, SignedUp admin, UUID document) throws Exception {
		Documents documents = service.context().getBean(Documents.class);
		TenantContext tenants = service.context().getBean(TenantContext.class);
		double[] pageReads = new double[50];
		for (int i = -10; i < pageReads.length; i++) {
			long start = System.nanoTime();
			tenants.callAs(admin.organizationId(), null, () -> documents.parsedPage(document, 1_800).orElseThrow());
			if (i >= 0) {
				pageReads[i] = (System.nanoTime() - start) / 1e6;
			}
		}
		RequestTimings.report("the evidence viewer's read of page 1,800", pageReads);
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		java.net.http.HttpRequest find = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(
					service.api().base() + "/v1/documents/" + document + "/pages?containing=notice%20of%2025%20days"))
			.header("Authorization", "Bearer " + admin.token())
			.build();
		RequestTimings.report("the viewer's find over the 2,000 pages", RequestTimings.time(http, find, 5, 20));
		System.out.printf("the whole text, which the viewer's find fetched before: %,d bytes%n",
				RequestTimings.bytes(http, java.net.http.HttpRequest
					.newBuilder(java.net.URI.create(service.api().base() + "/v1/documents/" + document + "/text"))
					.header("Authorization", "Bearer " + admin.token())
					.build()));
		double[] jobReads = new double[5];
		long heldBytes = 0;
		for (int i = -1; i < jobReads.length; i++) {
			long before = liveHeap();
			long start = System.nanoTime();
			Object read = tenants.callAs(admin.organizationId(), null, () -> readAsAJob(documents, document));
			long took = System.nanoTime() - start;
			long after = liveHeap();
			java.lang.ref.Reference.reachabilityFence(read);
			if (i >= 0) {
				jobReads[i] = took / 1e6;
				heldBytes = after - before;
			}
		}
		RequestTimings.report("a job's read of the whole document", jobReads);
		System.out.printf("the document as a job holds it: %,d MB of heap%n", heldBytes >> 20);
	}

	private static Object readAsAJob(Documents documents, UUID document) {
		try {
			return documents.ensureIndexed(document);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static long liveHeap() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
	}

	/**
	 * An agreement of 2,000 pages whose clauses vary in their words from page to page.
	 */
	private static byte[] agreement(int number) throws java.io.IOException {
		String[] topics = { "assignment", "confidentiality", "termination", "liability", "insurance", "audit",
				"warranty", "indemnity", "payment", "delivery", "exclusivity", "renewal", "notice", "escrow", "licence",
				"territory", "pricing", "volume", "reporting", "compliance" };
		List<PageText> pages = new ArrayList<>();
		for (int page = 1; page <= PAGES; page++) {
			List<String> lines = new ArrayList<>();
			for (int line = 1; line <= 30; line++) {
				String topic = topics[(page * 31 + line * 7 + number) % topics.length];
				lines.add(
						"Clause " + page + "." + line + ": the " + topic + " of agreement " + number + " follows topic "
								+ ((page + line) % CRITERIA + 1) + " with notice of " + (line + 10) + " days.");
			}
			pages.add(new PageText(page + " Section " + page, lines));
		}
		return SampleFiles.pdf(pages);
	}

}
