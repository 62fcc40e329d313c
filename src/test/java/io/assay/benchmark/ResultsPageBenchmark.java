package io.assay.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.document.SampleFiles;
import io.assay.document.SampleFiles.PageText;
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

	private ResultsPageBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (BenchmarkService service = BenchmarkService.start("--assay.evaluation.judge=offline")) {
			Api api = service.api();
			String base = api.base();
			SignedUp admin = api.signUp("Benchmark body");
			List<Map<String, Object>> criteria = new ArrayList<>();
			for (int i = 1; i <= CRITERIA; i++) {
				criteria.add(Map.of("name", "Clause group " + i, "description",
						"Clause " + (i % 50 + 1) + " of the report shows a measured value within limits."));
			}
			JsonNode workflow = api
				.post("/v1/workflows", admin.token(),
						Map.of("name", "Results benchmark", "buckets", List.of(Map.of("name", "Test reports")),
								"criteria", criteria))
				.expect(201)
				.json();
			String bucket = workflow.at("/buckets/0/id").asString();
			List<PageText> pages = new ArrayList<>();
			for (int page = 1; page <= 50; page++) {
				List<String> lines = new ArrayList<>();
				for (int line = 1; line <= 30; line++) {
					lines.add("Clause " + page + "." + line + ": measured value within limits, verdict PASS.");
				}
				pages.add(new PageText(page + " Test series " + page, lines));
			}
			String document = api.upload(admin.token(), bucket, "report.pdf", "application/pdf", SampleFiles.pdf(pages))
				.expect(201)
				.json()
				.at("/id")
				.asString();
			String id = api
				.post("/v1/assessments", admin.token(),
						Map.of("workflow_id", workflow.at("/id").asString(), "documents",
								List.of(Map.of("bucket_id", bucket, "document_id", document))))
				.expect(202)
				.json()
				.at("/id")
				.asString();
			api.awaitCompleted(id, admin.token());
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest page = HttpRequest.newBuilder(URI.create(base + "/assessments/" + id))
				.header("Authorization", "Bearer " + admin.token())
				.header("Accept", "text/html")
				.build();
			HttpRequest results = HttpRequest.newBuilder(URI.create(base + "/v1/assessments/" + id + "/results"))
				.header("Authorization", "Bearer " + admin.token())
				.build();
			System.out.printf("assessment of %d criteria, %d results%n", CRITERIA,
					api.get("/v1/assessments/" + id + "/results", admin.token()).expect(200).json().size());
			RequestTimings.report("results page (HTML)", time(http, page));
			RequestTimings.report("results API (JSON)", time(http, results));
		}
	}

	private static double[] time(HttpClient http, HttpRequest request) throws Exception {
		System.out.printf("  (%d bytes)%n", RequestTimings.bytes(http, request));
		return RequestTimings.time(http, request, WARM_UP, RUNS);
	}

}
