package io.assay.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.StandInMessagesApi;
import io.assay.StandInMessagesApi.Reply;
import io.assay.document.SampleFiles;
import io.assay.document.SampleFiles.PageText;
import tools.jackson.databind.JsonNode;

/**
 * Wall time of one assessment of 40 criteria over five 100-page PDFs, with a stand-in for
 * Claude's Messages API that takes a fixed 2 s for every answer, next to the lower bound
 * the limit of calls at once allows: ceil(40 / limit) x 2 s. The whole service runs (its
 * embedded PostgreSQL, job queue, judge limits, evidence check), in this JVM. Not a test:
 * run it by hand, as docs/benchmarks.md says, and record what it prints there.
 */
public final class AssessmentWallTimeBenchmark {

	private static final int CRITERIA = 40;

	private static final int DOCUMENTS = 5;

	private static final int PAGES = 100;

	private static final long ANSWER_MILLIS = 2_000;

	private static final Pattern DOCUMENT = Pattern.compile("document_id: ([0-9a-f-]{36})");

	private AssessmentWallTimeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int limit = args.length > 0 ? Integer.parseInt(args[0]) : 8;
		try (StandInMessagesApi claude = new StandInMessagesApi()) {
			claude.answerWith(body -> {
				Matcher document = DOCUMENT.matcher(body);
				return new Reply(200,
						StandInMessagesApi.verdict("pass", "high", document.find() ? document.group(1) : "", 1,
								"Clause 1.1: measured value within limits, verdict PASS."),
						null, ANSWER_MILLIS);
			});
			try (BenchmarkService service = BenchmarkService.start("--assay.evaluation.judge=anthropic",
					"--assay.evaluation.anthropic.api-key=benchmark",
					"--assay.evaluation.anthropic.base-url=" + claude.baseUrl(),
					"--assay.evaluation.limits.concurrent-calls=" + limit, "--assay.jobs.polling-interval=100ms")) {
				measure(service.api(), limit);
			}
		}
	}

	private static void measure(Api api, int limit) throws Exception {
		SignedUp admin = api.signUp("Benchmark body");
		Result cold = assess(api, admin, "Warm-up", limit, 1);
		System.out.printf("first assessment of a fresh JVM (%d criteria, 1 PDF; class loading, JIT, HTTP"
				+ " connections): %.2f s%n", limit, cold.wallSeconds());
		Result warm = assess(api, admin, "Requirement", CRITERIA, DOCUMENTS);
		double bound = Math.ceil((double) CRITERIA / limit) * ANSWER_MILLIS / 1000.0;
		System.out.printf("assessment: %d criteria over %d PDFs of %d pages, stand-in answering in %d ms%n", CRITERIA,
				DOCUMENTS, PAGES, ANSWER_MILLIS);
		System.out.printf("status %s, %d results, judge calls at once allowed: %d%n", warm.status(), warm.results(),
				limit);
		System.out.printf("wall time (start request to completed, polled every 50 ms): %.2f s%n", warm.wallSeconds());
		System.out.printf("job time (started_at to completed_at, as recorded): %.2f s%n", warm.jobSeconds());
		System.out.printf("lower bound ceil(%d / %d) x %.1f s: %.2f s; wall time / bound: %.2f%n", CRITERIA, limit,
				ANSWER_MILLIS / 1000.0, bound, warm.wallSeconds() / bound);
	}

	private record Result(String status, int results, double wallSeconds, double jobSeconds) {
	}

	private static Result assess(Api api, SignedUp admin, String name, int criteriaCount, int documentCount)
			throws Exception {
		List<Map<String, Object>> criteria = new ArrayList<>();
		for (int i = 1; i <= criteriaCount; i++) {
			criteria.add(Map.of("name", name + " " + i, "description",
					"Clause group " + i + " of the test reports shows a measured value within limits."));
		}
		JsonNode workflow = api
			.post("/v1/workflows", admin.token(),
					Map.of("name", name, "buckets", List.of(Map.of("name", "Test reports")), "criteria", criteria))
			.expect(201)
			.json();
		String bucket = workflow.at("/buckets/0/id").asString();
		List<Map<String, String>> documents = new ArrayList<>();
		for (int d = 1; d <= documentCount; d++) {
			String id = api
				.upload(admin.token(), bucket, name + "-report-" + d + ".pdf", "application/pdf",
						report(name + " " + d))
				.expect(201)
				.json()
				.at("/id")
				.asString();
			documents.add(Map.of("bucket_id", bucket, "document_id", id));
		}
		long started = System.nanoTime();
		String id = api
			.post("/v1/assessments", admin.token(),
					Map.of("workflow_id", workflow.at("/id").asString(), "documents", documents))
			.expect(202)
			.json()
			.at("/id")
			.asString();
		JsonNode done;
		do {
			Thread.sleep(50);
			done = api.get("/v1/assessments/" + id, admin.token()).expect(200).json();
		}
		while (!done.at("/status").asString().equals("completed") && !done.at("/status").asString().equals("failed"));
		return new Result(done.at("/status").asString(),
				api.get("/v1/assessments/" + id + "/results", admin.token()).expect(200).json().size(),
				(System.nanoTime() - started) / 1e9, done.at("/duration_ms").asInt() / 1000.0);
	}

	private static byte[] report(String title) throws java.io.IOException {
		List<PageText> pages = new ArrayList<>();
		for (int page = 1; page <= PAGES; page++) {
			List<String> lines = new ArrayList<>();
			for (int line = 1; line <= 40; line++) {
				lines.add(title + ", clause " + page + "." + line + ": measured value within limits, verdict PASS.");
			}
			pages.add(new PageText(page + " Test series " + page, lines));
		}
		return SampleFiles.pdf(pages);
	}

}
