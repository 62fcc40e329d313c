package io.assay.benchmark;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.Browser;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the reader's browser does with the results page of 200 criteria, in Chromium at
 * 1440×900: the time from navigation to the page's load event and to its first frame
 * drawn after it, and the main thread's style, layout and task time for the page (Chrome
 * DevTools' performance metrics, which start again with every page). The service runs in
 * this JVM; the offline checker gives every criterion a verdict with evidence. Three
 * loads to warm up, then 20 timed. Not a test: run it by hand, as docs/benchmarks.md
 * says.
 */
public final class ResultsPageBrowserBenchmark {

	private static final int CRITERIA = 200;

	private static final int WARM_UP = 3;

	private static final int RUNS = 20;

	private ResultsPageBrowserBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (BenchmarkService service = BenchmarkService.start("--assay.evaluation.judge=offline")) {
			Api api = service.api();
			SignedUp admin = api.signUp("Browser benchmark body");
			String id = ClauseReports.completedRun(api, admin.token(), CRITERIA).id();
			try (Browser browser = Browser.open(api.base())) {
				browser.resize(1440, 900);
				browser.signIn(admin.email(), admin.password());
				ChromeDriver chrome = (ChromeDriver) browser.driver();
				chrome.executeCdpCommand("Performance.enable", Map.of());
				double[] loaded = new double[RUNS];
				double[] drawn = new double[RUNS];
				double[] style = new double[RUNS];
				double[] layout = new double[RUNS];
				double[] tasks = new double[RUNS];
				Map<String, Double> last = Map.of();
				for (int run = -WARM_UP; run < RUNS; run++) {
					browser.go("/assessments/" + id);
					Object frame = ((JavascriptExecutor) chrome).executeAsyncScript("""
							const done = arguments[arguments.length - 1];
							const after = () => requestAnimationFrame(() => requestAnimationFrame(
							  () => done(performance.now())));
							if (document.readyState === 'complete') after(); else addEventListener('load', after);
							""");
					Map<String, Double> metrics = metrics(chrome);
					last = metrics;
					if (run >= 0) {
						Object load = ((JavascriptExecutor) chrome)
							.executeScript("return performance.getEntriesByType('navigation')[0].loadEventEnd");
						loaded[run] = ((Number) load).doubleValue();
						drawn[run] = ((Number) frame).doubleValue();
						style[run] = metrics.get("RecalcStyleDuration") * 1000;
						layout[run] = metrics.get("LayoutDuration") * 1000;
						tasks[run] = metrics.get("TaskDuration") * 1000;
					}
				}
				System.out.printf("results page of %d criteria in Chromium, %d loads (median / p95 ms):%n", CRITERIA,
						RUNS);
				print("navigation to the load event", loaded);
				print("navigation to the first frame after it", drawn);
				print("style", style);
				print("layout", layout);
				print("main thread tasks", tasks);
				System.out.println("  last load's metrics: script " + Math.round(last.get("ScriptDuration") * 1000)
						+ " ms, compile " + Math.round(last.get("V8CompileDuration") * 1000) + " ms, other tasks "
						+ Math.round(last.get("TaskOtherDuration") * 1000) + " ms");
				System.out.println("  layout of each load: "
						+ Arrays.toString(Arrays.stream(layout).mapToLong(Math::round).toArray()));
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Double> metrics(ChromeDriver chrome) {
		Map<String, Object> answer = chrome.executeCdpCommand("Performance.getMetrics", Map.of());
		Map<String, Double> metrics = new HashMap<>();
		for (Map<String, Object> metric : (List<Map<String, Object>>) answer.get("metrics")) {
			metrics.put((String) metric.get("name"), ((Number) metric.get("value")).doubleValue());
		}
		return metrics;
	}

	private static void print(String what, double[] millis) {
		double[] sorted = millis.clone();
		Arrays.sort(sorted);
		System.out.printf("  %-40s %7.1f %7.1f%n", what, sorted[sorted.length / 2],
				sorted[(int) Math.ceil(sorted.length * 0.95) - 1]);
	}

}
