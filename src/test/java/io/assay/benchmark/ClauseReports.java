package io.assay.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.assay.Api;
import io.assay.document.SampleFiles;
import io.assay.document.SampleFiles.PageText;
import tools.jackson.databind.JsonNode;

/**
 * What several benchmarks assess: a workflow of numbered clause groups in one bucket of
 * test reports, and a generated report whose every line states a clause's measured value.
 */
final class ClauseReports {

	private ClauseReports() {
	}

	/** A workflow of {@code criteria} clause groups, each about one of 50 clauses. */
	static JsonNode workflow(Api api, String token, String name, int criteria) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (int i = 1; i <= criteria; i++) {
			list.add(Map.of("name", name + ": clause group " + i, "description",
					"Clause " + (i % 50 + 1) + " of the report shows a measured value within limits."));
		}
		return api
			.post("/v1/workflows", token,
					Map.of("name", name, "buckets", List.of(Map.of("name", "Test reports")), "criteria", list))
			.expect(201)
			.json();
	}

	/** A PDF report of {@code pages} pages with {@code lines} clause rows each. */
	static byte[] report(int pages, int lines) throws IOException {
		List<PageText> texts = new ArrayList<>();
		for (int page = 1; page <= pages; page++) {
			List<String> rows = new ArrayList<>();
			for (int line = 1; line <= lines; line++) {
				rows.add("Clause " + page + "." + line + ": measured value within limits, verdict PASS.");
			}
			texts.add(new PageText(page + " Test series " + page, rows));
		}
		return SampleFiles.pdf(texts);
	}

	/** Uploads the report into the workflow's bucket: the document's id. */
	static String upload(Api api, String token, JsonNode workflow, byte[] report) {
		return api.upload(token, workflow.at("/buckets/0/id").asString(), "report.pdf", "application/pdf", report)
			.expect(201)
			.json()
			.at("/id")
			.asString();
	}

	/** Starts an assessment of the document on the workflow: its id. */
	static String start(Api api, String token, JsonNode workflow, String document) {
		return api
			.post("/v1/assessments", token,
					Map.of("workflow_id", workflow.at("/id").asString(), "documents", List
						.of(Map.of("bucket_id", workflow.at("/buckets/0/id").asString(), "document_id", document))))
			.expect(202)
			.json()
			.at("/id")
			.asString();
	}

	/**
	 * A workflow, its 50-page report and a run of it, completed: what the results pages'
	 * benchmarks show.
	 */
	record CompletedRun(JsonNode workflow, String document, String id) {
	}

	/**
	 * A run of {@code criteria} criteria on a 50-page report, waited for until completed.
	 */
	static CompletedRun completedRun(Api api, String token, int criteria) throws IOException {
		JsonNode workflow = workflow(api, token, "Results benchmark", criteria);
		String document = upload(api, token, workflow, report(50, 30));
		String id = start(api, token, workflow, document);
		api.awaitCompleted(id, token);
		return new CompletedRun(workflow, document, id);
	}

	/** A run's results page as a browser asks for it. */
	static HttpRequest resultsPage(Api api, String token, String run) {
		return HttpRequest.newBuilder(URI.create(api.base() + "/assessments/" + run))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/html")
			.build();
	}

}
