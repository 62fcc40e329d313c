package io.assay.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;

import io.assay.Api;
import io.assay.Api.SignedUp;

/**
 * What the machine spends to show the results page of 200 criteria again, the way a
 * reviewer comes back to it: its size, then three rounds of views (1,000 by default,
 * {@code -Dassay.benchmark.views=N}) after 100 to warm up, each with its wall times and
 * the machine's CPU per view (the service, its PostgreSQL and the client, from
 * {@code /proc/stat}) and what the host stole meanwhile. On a machine whose hypervisor
 * takes a varying share, the CPU per view compares code more steadily than wall time. Not
 * a test: run it by hand, as docs/benchmarks.md says.
 */
public final class ResultsPageCpuBenchmark {

	private static final int CRITERIA = 200;

	private static final int WARM_UP = 100;

	private static final int ROUNDS = 3;

	private ResultsPageCpuBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int views = Integer.getInteger("assay.benchmark.views", 1000);
		try (BenchmarkService service = BenchmarkService.start("--assay.evaluation.judge=offline")) {
			Api api = service.api();
			SignedUp admin = api.signUp("Benchmark body");
			String id = ClauseReports.completedRun(api, admin.token(), CRITERIA).id();
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest page = ClauseReports.resultsPage(api, admin.token(), id);
			RequestTimings.time(http, page, WARM_UP, 0);
			System.out.printf("results page of %d criteria: %d bytes%n", CRITERIA, RequestTimings.bytes(http, page));
			for (int round = 1; round <= ROUNDS; round++) {
				MachineCpu before = MachineCpu.now();
				double[] millis = RequestTimings.time(http, page, 0, views);
				MachineCpu spent = MachineCpu.now().since(before);
				RequestTimings.report("round " + round, millis);
				System.out.printf("  machine CPU per view %.1f ms, stolen by the host %.1f ms per view%n",
						1000 * spent.busySeconds() / views, 1000 * spent.stolenSeconds() / views);
			}
		}
	}

}
