package io.assay.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;

import io.assay.Api;
import io.assay.platform.database.TestDatabase;
import io.assay.Api.SignedUp;
import tools.jackson.databind.JsonNode;

/**
 * Time to serve the results of an assessment of 200 criteria (the most a workflow may
 * have): the results page as a browser asks for it, and the results API. The whole
 * service runs in this JVM on its embedded PostgreSQL; the offline checker gives every
 * criterion a verdict with evidence. Each is asked 10 times to warm up, then timed over
 * 50. Not a test: run it by hand, as docs/benchmarks.md says.
 */
public final class ResultsPageBenchmark {

	private static final int CRITERIA = 200;

	private static final int WARM_UP = 10;

	private static final int RUNS = 50;

	/** Enough that the P95 is not the second slowest view of twenty. */
	private static final int FIRST_VIEWS = 80;

	private static final int FIRST_VIEWS_TO_WARM_UP = 10;

	private ResultsPageBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (BenchmarkService service = BenchmarkService.start("--assay.evaluation.judge=offline")) {
			Api api = service.api();
			String base = api.base();
			SignedUp admin = api.signUp("Benchmark body");
			// More runs than the trial tier's month allows.
			new TestDatabase(service.context().getBean("databaseServer")).asOwner()
				.sql("update organizations set subscription_tier = 'enterprise' where id = ?")
				.param(admin.organizationId())
				.update();
			ClauseReports.CompletedRun run = ClauseReports.completedRun(api, admin.token(), CRITERIA);
			JsonNode workflow = run.workflow();
			String document = run.document();
			String id = run.id();
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest page = ClauseReports.resultsPage(api, admin.token(), id);
			HttpRequest results = HttpRequest.newBuilder(URI.create(base + "/v1/assessments/" + id + "/results"))
				.header("Authorization", "Bearer " + admin.token())
				.build();
			System.out.printf("assessment of %d criteria, %d results%n", CRITERIA,
					api.get("/v1/assessments/" + id + "/results", admin.token()).expect(200).json().size());
			RequestTimings.report("results page (HTML)", time(http, page));
			RequestTimings.report("results API (JSON)", time(http, results));
			// The page shown for the first time: its cards are not kept yet. Each of
			// these runs is opened once; the first FIRST_VIEWS_TO_WARM_UP warm up the
			// rendering of cards, which the views above, all from kept cards, never ran.
			List<String> others = new java.util.ArrayList<>();
			for (int i = 0; i < FIRST_VIEWS_TO_WARM_UP + FIRST_VIEWS; i++) {
				others.add(ClauseReports.start(api, admin.token(), workflow, document));
				api.awaitCompleted(others.get(i), admin.token());
			}
			double[] firstViews = new double[FIRST_VIEWS];
			for (int i = 0; i < FIRST_VIEWS_TO_WARM_UP + FIRST_VIEWS; i++) {
				HttpRequest first = ClauseReports.resultsPage(api, admin.token(), others.get(i));
				double took = RequestTimings.time(http, first, 0, 1)[0];
				if (i >= FIRST_VIEWS_TO_WARM_UP) {
					firstViews[i - FIRST_VIEWS_TO_WARM_UP] = took;
				}
			}
			RequestTimings.report("results page (HTML), first view of a run", firstViews);
			// The same run with its results in the archive, as two years on.
			TestDatabase database = new TestDatabase(service.context().getBean("databaseServer"));
			database.asOwner()
				.sql("update assessments set completed_at = completed_at - interval '731 days' where id = ?::uuid")
				.param(id)
				.update();
			System.out.println(database.asOwner().sql("""
					select 'live rows: results ' || pg_size_pretty(sum(pg_column_size(r.*))::bigint)
					       || ', answers ' || pg_size_pretty(sum(pg_column_size(a.*))::bigint)
					  from assessment_results r left join assessment_result_answers a on a.result_id = r.id
					 where r.assessment_id = ?::uuid
					""").param(id).query(String.class).single());
			long archiving = System.nanoTime();
			database.asOwner().sql("select assay_archive_results(?::uuid)").param(id).query(Boolean.class).single();
			System.out.printf("archived in %d ms; %s%n", (System.nanoTime() - archiving) / 1_000_000,
					database.asOwner().sql("""
							select 'archive row ' || pg_size_pretty(pg_column_size(x.*)::bigint)
							       || ' (results ' || pg_size_pretty(pg_column_size(results)::bigint)
							       || ', answers ' || pg_size_pretty(pg_column_size(answers)::bigint)
							       || '; as text ' || pg_size_pretty(octet_length(results::text)::bigint)
							       || ' and ' || pg_size_pretty(octet_length(answers::text)::bigint) || ')'
							  from assessment_result_archives x where assessment_id = ?::uuid
							""").param(id).query(String.class).single());
			RequestTimings.report("results page (HTML), archived", time(http, page));
			RequestTimings.report("results API (JSON), archived", time(http, results));
		}
	}

	private static double[] time(HttpClient http, HttpRequest request) throws Exception {
		System.out.printf("  (%d bytes)%n", RequestTimings.bytes(http, request));
		return RequestTimings.time(http, request, WARM_UP, RUNS);
	}

}
