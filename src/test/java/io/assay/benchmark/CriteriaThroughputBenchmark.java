package io.assay.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.Eventually;
import io.assay.StandInMessagesApi;
import io.assay.StandInMessagesApi.Reply;
import io.assay.platform.database.TestDatabase;
import tools.jackson.databind.JsonNode;

/**
 * Criteria judged per second by one copy when the judge is not what limits it: a stand-in
 * for Claude's Messages API that answers at once, provider limits far above what one copy
 * reaches, and many small assessments (20 criteria over a two-page report) started
 * together. Everything else is as in production: the job queue and its threads, admission
 * through PostgreSQL for every call, ranking pages, checking the evidence, recording each
 * result. Not a test: run it by hand, as docs/benchmarks.md says.
 */
public final class CriteriaThroughputBenchmark {

	private static final int CRITERIA = 20;

	private static final Pattern DOCUMENT = Pattern.compile("document_id: ([0-9a-f-]{36})");

	private CriteriaThroughputBenchmark() {
	}

	/**
	 * @param args the number of assessments (100 unless given), the calls at once allowed
	 * (32 unless given) and the job threads (4, the default, unless given)
	 */
	public static void main(String[] args) throws Exception {
		int assessments = args.length > 0 ? Integer.parseInt(args[0]) : 100;
		int calls = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		String threads = args.length > 2 ? args[2] : "4";
		try (StandInMessagesApi claude = new StandInMessagesApi()) {
			claude.answerWith(body -> {
				Matcher document = DOCUMENT.matcher(body);
				return new Reply(200,
						StandInMessagesApi.verdict("pass", "high", document.find() ? document.group(1) : "", 1,
								"Clause 1.1: measured value within limits, verdict PASS."),
						null, 0);
			});
			try (BenchmarkService service = BenchmarkService.start("--assay.evaluation.judge=anthropic",
					"--assay.evaluation.anthropic.api-key=benchmark",
					"--assay.evaluation.anthropic.base-url=" + claude.baseUrl(),
					"--assay.evaluation.limits.concurrent-calls=" + calls, "--assay.jobs.threads=" + threads,
					"--assay.evaluation.limits.requests-per-minute=1000000",
					"--assay.evaluation.limits.tokens-per-minute=1000000000")) {
				Api api = service.api();
				SignedUp admin = api.signUp("Throughput body");
				new TestDatabase(service.context().getBean("databaseServer")).asOwner()
					.sql("update organizations set subscription_tier = 'enterprise' where id = ?")
					.param(admin.organizationId())
					.update();
				Setup warmUp = setUp(api, admin, "Warm-up");
				run(api, admin, warmUp, 10);
				Setup setup = setUp(api, admin, "Requirement");
				Result result = run(api, admin, setup, assessments);
				System.out.printf("%d assessments of %d criteria on a 2-page report, stand-in answering at once,"
						+ " %d calls at once allowed, %s job threads%n", assessments, CRITERIA, calls, threads);
				System.out.printf("%d results in %.2f s (first start request to last completed): %.0f criteria/s%n",
						result.results(), result.seconds(), result.results() / result.seconds());
				int cores = Runtime.getRuntime().availableProcessors();
				System.out.printf(
						"machine CPU while they ran: %.1f core-s busy (%.1f ms a criterion), %.1f core-s stolen by the"
								+ " host; at full use of %d cores: %.0f criteria/s%n",
						result.busyCoreSeconds(), 1000 * result.busyCoreSeconds() / result.results(),
						result.stolenCoreSeconds(), cores, cores * result.results() / result.busyCoreSeconds());
			}
		}
	}

	private record Setup(JsonNode workflow, String document) {
	}

	/**
	 * @param busyCoreSeconds the machine's CPU time (service, its PostgreSQL, the
	 * stand-in and the client) while they ran, from /proc/stat
	 * @param stolenCoreSeconds time the machine's virtual cores waited for the host
	 */
	private record Result(int results, double seconds, double busyCoreSeconds, double stolenCoreSeconds) {
	}

	private static Setup setUp(Api api, SignedUp admin, String name) throws Exception {
		JsonNode workflow = ClauseReports.workflow(api, admin.token(), name, CRITERIA);
		return new Setup(workflow, ClauseReports.upload(api, admin.token(), workflow, ClauseReports.report(2, 20)));
	}

	private static Result run(Api api, SignedUp admin, Setup setup, int count) throws java.io.IOException {
		MachineCpu before = MachineCpu.now();
		long started = System.nanoTime();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(ClauseReports.start(api, admin.token(), setup.workflow(), setup.document()));
		}
		int results = 0;
		for (String id : ids) {
			JsonNode done = Eventually.until(Duration.ofMinutes(30),
					() -> api.get("/v1/assessments/" + id, admin.token()).expect(200).json(),
					run -> !run.at("/completed_at").isNull() && !run.at("/completed_at").isMissingNode());
			if (!done.at("/status").asString().equals("completed")) {
				throw new IllegalStateException("Assessment " + id + " ended " + done);
			}
			results += done.at("/progress/done").asInt();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		MachineCpu spent = MachineCpu.now().since(before);
		return new Result(results, seconds, spent.busySeconds(), spent.stolenSeconds());
	}

}
