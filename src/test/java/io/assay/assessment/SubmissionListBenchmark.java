package io.assay.assessment;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.Assay;
import io.assay.benchmark.RequestTimings;
import io.assay.platform.database.TestDatabase;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/submissions} with a search and two filters, first page and page 500, on
 * 200,000 submissions with 1,000,000 runs in one organisation. The whole service runs in
 * this JVM on its embedded PostgreSQL; the rows are generated as the owner, then
 * analysed. Each page is asked 20 times to warm up and timed over 200; the plan of each
 * query is printed as the application role sees it (row-level security on). Not a test:
 * run it by hand, as docs/benchmarks.md says. In package {@code assessment} to print the
 * plan of exactly the query the list runs.
 */
public final class SubmissionListBenchmark {

	private static final int SUBMISSIONS = 200_000;

	private static final int RUNS_EACH = 5;

	private static final int WARM_UP = 20;

	private static final int TIMED = 200;

	private static final String QUERY = "q=medical&status=completed&review_state=in_review";

	private SubmissionListBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path data = Files.createTempDirectory("assay-benchmark-");
		ConfigurableApplicationContext service = SpringApplication.run(Assay.class, "--server.port=0",
				"--assay.data-dir=" + data, "--assay.evaluation.judge=offline", "--logging.level.root=WARN");
		try {
			String base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
			Api api = new Api(base);
			SignedUp admin = api.signUp("Benchmark body");
			api.oneBucketWorkflow(admin.token(), "Class IIa");
			String workflow = api.get("/v1/workflows", admin.token()).json().at("/items/0/id").asString();
			TestDatabase database = new TestDatabase(service.getBean("databaseServer"));
			long generating = System.nanoTime();
			generate(database, admin.organizationId(), UUID.fromString(workflow));
			System.out.printf("generated %,d submissions and %,d runs in %.0f s%n", SUBMISSIONS,
					SUBMISSIONS * RUNS_EACH, (System.nanoTime() - generating) / 1e9);
			System.out.printf("matching %s: %,d submissions%n", QUERY, database.asOwner().sql("""
					select count(*) from submissions
					 where search @@ to_tsquery('simple', 'medical:*') and latest_status = 'completed'
					   and review_state = 'in_review'
					""").query(Long.class).single());

			HttpClient http = HttpClient.newHttpClient();
			String first = "/v1/submissions?" + QUERY;
			String cursor = null;
			for (int page = 1; page < 500; page++) {
				JsonNode answer = api.get(first + (cursor == null ? "" : "&cursor=" + encode(cursor)), admin.token())
					.expect(200)
					.json();
				cursor = answer.at("/next_cursor").asString();
			}
			String deep = first + "&cursor=" + encode(cursor);
			RequestTimings.report("first page", time(http, base + first, admin.token()));
			RequestTimings.report("page 500", time(http, base + deep, admin.token()));

			explain(service, admin.organizationId(), null);
			explain(service, admin.organizationId(), cursor);

			// The run list of the same organisation (1,000,000 runs), and of a small one
			// asked before and after it: one plan must serve both.
			SignedUp small = api.signUp("Small benchmark body");
			api.oneBucketWorkflow(small.token(), "Class I");
			generateRuns(database, small.organizationId(),
					UUID.fromString(api.get("/v1/workflows", small.token()).json().at("/items/0/id").asString()), 50);
			System.out.println();
			RequestTimings.report("small organisation, runs, first page (before the large one)",
					time(http, base + "/v1/assessments?cursor=", small.token()));
			for (String filter : new String[] { "", "&status=completed" }) {
				String next = "";
				for (int page = 1; page < 500; page++) {
					next = api.get("/v1/assessments?cursor=" + encode(next) + filter, admin.token())
						.expect(200)
						.json()
						.at("/next_cursor")
						.asString();
				}
				String runs = "/v1/assessments?cursor=" + encode(next) + filter;
				RequestTimings.report("runs" + filter + ", first page",
						time(http, base + "/v1/assessments?cursor=" + filter, admin.token()));
				RequestTimings.report("runs" + filter + ", page 500 by cursor", time(http, base + runs, admin.token()));
			}
			RequestTimings.report("runs, page 500 by offset (page=500, with the total)",
					time(http, base + "/v1/assessments?page=500", admin.token()));
			RequestTimings.report("small organisation, runs, first page (after the large one)",
					time(http, base + "/v1/assessments?cursor=", small.token()));
		}
		finally {
			service.close();
		}
	}

	/**
	 * Twenty handlers; submissions over three years, a quarter of them from manufacturers
	 * with "Medical" in the name, latest runs mostly completed, review states spread;
	 * five runs each.
	 */
	private static void generate(TestDatabase database, UUID organization, UUID workflow) {
		database.asOwnerInOneTransaction(owner -> {
			owner.sql("""
					insert into users (organization_id, email, name, role)
					select ?, 'handler' || g || '@bench.example', 'Handler ' || g, 'project_handler'
					  from generate_series(1, 20) g
					""").param(organization).update();
			owner.sql("""
					with handlers as (select array_agg(id order by email) as ids from users
					                   where organization_id = :org and role = 'project_handler')
					insert into submissions (organization_id, workflow_id, reference, manufacturer, product, owner_id,
					                         reviewer_id, due_date, created_at, updated_at, latest_status, outcome,
					                         review_state, needs_review, run_count)
					select :org, :workflow, 'NB-' || lpad(g::text, 7, '0'),
					       case when g % 4 = 0 then 'Medical Systems ' || (g % 10) else 'Maker ' || (g % 40) end,
					       'Device model ' || (g % 997),
					       h.ids[1 + g % 20], h.ids[1 + (g + 7) % 20],
					       date '2024-01-01' + (g % 1100),
					       timestamptz '2024-01-01' + g * interval '7 minutes',
					       timestamptz '2024-01-01' + g * interval '7 minutes' + interval '1 day',
					       case when g % 10 = 0 then 'failed' else 'completed' end,
					       case when g % 10 = 0 then null when g % 3 = 0 then 'failed' when g % 3 = 1 then 'undecided'
					            else 'passed' end,
					       case g % 5 when 0 then 'not_started' when 1 then 'in_review' when 2 then 'in_review'
					                  else 'signed_off' end,
					       g % 3 = 1, 5
					  from generate_series(1, :count) g, handlers h
					""").param("org", organization).param("workflow", workflow).param("count", SUBMISSIONS).update();
			owner.sql("""
					insert into assessments (organization_id, submission_id, run_number, workflow_id, workflow_version,
					                         status, progress_total, progress_done, created_at, completed_at)
					select s.organization_id, s.id, r, s.workflow_id, 1,
					       case when r < 5 then 'completed' else s.latest_status end, 1, 1,
					       s.created_at + r * interval '1 hour', s.created_at + r * interval '1 hour'
					  from submissions s, generate_series(1, :runs) r
					 where s.organization_id = :org
					""").param("org", organization).param("runs", RUNS_EACH).update();
			owner.sql("""
					update submissions s set latest_assessment_id = a.id
					  from assessments a where a.submission_id = s.id and a.run_number = :runs
					   and s.organization_id = :org
					""").param("org", organization).param("runs", RUNS_EACH).update();
		});
		database.asOwner().sql("analyze").update();
	}

	/** Runs of one submission each, a minute apart. */
	private static void generateRuns(TestDatabase database, UUID organization, UUID workflow, int count) {
		database.asOwnerInOneTransaction(owner -> {
			owner.sql("""
					insert into submissions (organization_id, workflow_id, reference, created_at, updated_at)
					select ?, ?, 'S-' || g, timestamptz '2025-01-01' + g * interval '1 minute',
					       timestamptz '2025-01-01' + g * interval '1 minute'
					  from generate_series(1, ?) g
					""").params(organization, workflow, count).update();
			owner.sql("""
					insert into assessments (organization_id, submission_id, run_number, workflow_id, workflow_version,
					                         status, progress_total, progress_done, created_at, completed_at)
					select organization_id, id, 1, workflow_id, 1, 'completed', 1, 1, created_at, created_at
					  from submissions where organization_id = ?
					""").param(organization).update();
		});
		database.asOwner().sql("analyze").update();
	}

	private static void explain(ConfigurableApplicationContext service, UUID organization, String cursor)
			throws Exception {
		SubmissionList.Query query = SubmissionList.query(
				new Submissions.Filter("medical", null, "completed", null, "in_review", null, null, null, null), null,
				cursor, 20);
		String sql = Submissions.SELECT + query.where() + " order by " + query.orderBy() + " limit "
				+ (query.limit() + 1);
		for (Map.Entry<String, Object> parameter : query.params().entrySet()) {
			Object value = parameter.getValue();
			String literal = value instanceof Number ? value.toString()
					: "'" + value.toString().replace("'", "''") + "'" + (value instanceof UUID ? "::uuid"
							: value instanceof java.time.OffsetDateTime ? "::timestamptz" : "");
			sql = sql.replaceAll(":" + parameter.getKey() + "\\b", java.util.regex.Matcher.quoteReplacement(literal));
		}
		DataSource pool = service.getBean(DataSource.class);
		try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("select set_config('app.current_org', '" + organization + "', true)");
			System.out.println();
			System.out.println((cursor == null ? "first page" : "page 500") + ": EXPLAIN (ANALYZE, BUFFERS) as "
					+ "the application role, row-level security on:");
			try (ResultSet plan = statement.executeQuery("explain (analyze, buffers) " + sql)) {
				while (plan.next()) {
					System.out.println("  " + plan.getString(1));
				}
			}
			connection.rollback();
		}
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static double[] time(HttpClient http, String url, String token) throws Exception {
		return RequestTimings.time(http,
				HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(), WARM_UP,
				TIMED);
	}

}
