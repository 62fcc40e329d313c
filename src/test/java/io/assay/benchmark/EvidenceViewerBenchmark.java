package io.assay.benchmark;

import java.util.List;
import java.util.Map;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.document.SampleFiles;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Time to open evidence on page 180 of a 200-page PDF of about 16 MB in Chromium: from
 * the click on the evidence to the page drawn in the viewer with its text layer and the
 * quote marked, on a freshly loaded results page each time (nothing of the PDF cached:
 * documents are served {@code no-store}), clicked as soon as the page's PDF worker is
 * ready (while the viewer is still opening the first evidence's document ahead). The
 * whole service runs in this JVM; the offline checker cites the page. Three opens to warm
 * up, then 20 timed. Not a test: run it by hand, as docs/benchmarks.md says.
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
			String id = api
				.startOnOneDocument(admin, admin,
						List.of(Map.of("name", "Record 180 released", "description",
								"Record 180: the batch was released on inspection.")),
						"annex.pdf", annex)
				.assessmentId();
			api.awaitCompleted(id, admin.token());
			try (Browser browser = Browser.recordingNetwork(api.base())) {
				browser.resize(1440, 900);
				browser.signIn(admin.email(), admin.password());
				double[] millis = new double[RUNS];
				long bytes = 0;
				for (int run = -WARM_UP; run < RUNS; run++) {
					browser.go("/assessments/" + id);
					// A reviewer opens evidence on a page that has loaded: its PDF worker
					// ready.
					browser.waitFor(d -> "true".equals(browser.find("#viewer").getAttribute("data-ready")));
					browser.bytesReceived("/v1/documents/");
					double took = open((JavascriptExecutor) browser.driver());
					if (run >= 0) {
						millis[run] = took;
						bytes += browser.bytesReceived("/v1/documents/");
					}
				}
				System.out.println("requests of the last open (start + duration, ms, from the page's load):");
				System.out.println(((JavascriptExecutor) browser.driver()).executeScript(
						"""
								return performance.getEntriesByType('resource')
								  .filter(e => e.name.includes('/v1/'))
								  .map(e => Math.round(e.startTime) + '+' + Math.round(e.duration) + ' ' + e.name.substring(e.name.indexOf('/v1/') + 4)).join('\\n');
								"""));
				System.out.printf("document of 200 pages, %d bytes; evidence on page 180%n", annex.length);
				RequestTimings.report("evidence opened and page drawn", millis);
				System.out.printf("  fetched %d bytes of the document per open on average (%.1f %%)%n", bytes / RUNS,
						100.0 * bytes / RUNS / annex.length);
			}
		}
	}

	/** Clicks the evidence and answers the milliseconds until page 180 is drawn. */
	private static double open(JavascriptExecutor page) {
		Object millis = page.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const viewer = document.getElementById('viewer');
				const start = performance.now();
				new MutationObserver((changes, observer) => {
				  if (viewer.dataset.renderedPage === '180') {
				    observer.disconnect();
				    done(performance.now() - start);
				  }
				}).observe(viewer, { attributes: true });
				document.querySelector('a.evidence-link').click();
				""");
		return ((Number) millis).doubleValue();
	}

}
