package io.assay.benchmark;

import java.util.List;
import java.util.Map;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.document.SampleFiles;
import org.openqa.selenium.JavascriptExecutor;
import tools.jackson.databind.JsonNode;

/**
 * Time to open evidence on page 180 of a 200-page PDF of about 16 MB in Chromium: from
 * the click on the evidence to the page drawn in the viewer with its text layer and the
 * quote marked, on a freshly loaded results page each time (nothing of the PDF cached:
 * documents are served {@code no-store}), clicked as soon as the page's PDF worker is
 * ready, without pointing at the evidence first. Two documents, each with its own
 * criterion: the first evidence's document is the first the viewer opens ahead, the
 * second's is opened next, so a click on the second measures evidence in a document still
 * being opened. The whole service runs in this JVM; the offline checker cites the pages.
 * Three opens to warm up, then 20 timed of each. Not a test: run it by hand, as
 * docs/benchmarks.md says.
 */
public final class EvidenceViewerBenchmark {

	private static final int WARM_UP = 3;

	private static final int RUNS = 20;

	private EvidenceViewerBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (BenchmarkService service = BenchmarkService.start("--assay.evaluation.judge=offline")) {
			Api api = service.api();
			SignedUp admin = api.signUp("Viewer benchmark body");
			byte[] annex = SampleFiles.heavyPages(200);
			JsonNode workflow = api
				.post("/v1/workflows", admin.token(),
						Map.of("name", "Two annexes", "buckets",
								List.of(Map.of("name", "Annex"), Map.of("name", "Annex B")), "criteria",
								List.of(criterion("Record 180 released", 0), criterion("Record 181 released", 1))))
				.expect(201)
				.json();
			List<String> documents = List.of(upload(api, admin, workflow, 0, "annex.pdf", annex),
					upload(api, admin, workflow, 1, "annex-b.pdf", SampleFiles.heavyPages(201)));
			String id = api.post("/v1/assessments", admin.token(), Map
				.of("workflow_id", workflow.at("/id").asString(), "documents", List.of(
						Map.of("bucket_id", workflow.at("/buckets/0/id").asString(), "document_id", documents.get(0)),
						Map.of("bucket_id", workflow.at("/buckets/1/id").asString(), "document_id", documents.get(1)))))
				.expect(202)
				.json()
				.at("/id")
				.asString();
			api.awaitCompleted(id, admin.token());
			try (Browser browser = Browser.recordingNetwork(api.base())) {
				browser.resize(1440, 900);
				browser.signIn(admin.email(), admin.password());
				System.out.printf(
						"documents of 200 and 201 pages, %d bytes and about as many; evidence on pages 180 and 181%n",
						annex.length);
				time(browser, id, documents.get(0), "180", "the first evidence's document", annex.length);
				time(browser, id, documents.get(1), "181", "the second document", annex.length);
			}
		}
	}

	private static Map<String, Object> criterion(String name, int bucket) {
		return Map.of("name", name, "description",
				name.replace(" released", "") + ": the batch was released on inspection.", "applies_to_bucket_indexes",
				List.of(bucket));
	}

	private static String upload(Api api, SignedUp admin, JsonNode workflow, int bucket, String name, byte[] pdf) {
		return api
			.upload(admin.token(), workflow.at("/buckets/" + bucket + "/id").asString(), name, "application/pdf", pdf)
			.expect(201)
			.json()
			.at("/id")
			.asString();
	}

	private static void time(Browser browser, String assessment, String document, String page, String what, long size) {
		double[] millis = new double[RUNS];
		long bytes = 0;
		for (int run = -WARM_UP; run < RUNS; run++) {
			browser.go("/assessments/" + assessment);
			// A reviewer opens evidence on a page that has loaded: its PDF worker ready.
			browser.waitFor(d -> "true".equals(browser.find("#viewer").getAttribute("data-ready")));
			browser.bytesReceived("/v1/documents/");
			double took = open((JavascriptExecutor) browser.driver(), document, page);
			if (run >= 0) {
				millis[run] = took;
				bytes += browser.bytesReceived("/v1/documents/");
			}
		}
		System.out.println("requests of the last open of " + what + " (start + duration, ms, from the page's load):");
		System.out.println(((JavascriptExecutor) browser.driver()).executeScript(
				"""
						return performance.getEntriesByType('resource')
						  .filter(e => e.name.includes('/v1/'))
						  .map(e => Math.round(e.startTime) + '+' + Math.round(e.duration) + ' ' + e.name.substring(e.name.indexOf('/v1/') + 4)).join('\\n');
						"""));
		RequestTimings.report("evidence in " + what + " opened and page drawn", millis);
		System.out.printf("  fetched %d bytes of the documents per open on average (%.1f %% of one)%n", bytes / RUNS,
				100.0 * bytes / RUNS / size);
	}

	/**
	 * Clicks the evidence in the document (a script's click: no pointer events) and
	 * answers the milliseconds until its page is drawn.
	 */
	private static double open(JavascriptExecutor page, String document, String number) {
		Object millis = page.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const viewer = document.getElementById('viewer');
				const start = performance.now();
				new MutationObserver((changes, observer) => {
				  if (viewer.dataset.renderedPage === arguments[1]) {
				    observer.disconnect();
				    done(performance.now() - start);
				  }
				}).observe(viewer, { attributes: true });
				document.querySelector(`#results a.evidence-link[data-document-id="${arguments[0]}"]`).click();
				""", document, number);
		return ((Number) millis).doubleValue();
	}

}
