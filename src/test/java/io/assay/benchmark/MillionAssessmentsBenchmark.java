package io.assay.benchmark;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.assay.Api;
import io.assay.Api.SignedUp;
import io.assay.platform.database.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The main reads at the size the seed plans for: 1,000,000 assessments and about
 * 20,000,000 results over 200 organisations, one of them holding 200,020 runs. The whole
 * service runs in this JVM on its embedded PostgreSQL (its own settings); two
 * organisations are made through the API (the large one, with a workflow of 20 criteria
 * and one of 200 and a real run of the 200 through the offline checker, and a small one),
 * the other 198 and every generated run, result and audit entry as the owner, then
 * vacuumed and analysed. Each read is asked 20 times to warm up and timed over 200, one
 * client; then asked once more with PostgreSQL's auto_explain on for the application's
 * connections, which prints the plan of every statement the read ran, as the application
 * role sees it (row-level security on). Not a test: run it by hand, as docs/benchmarks.md
 * says.
 */
public final class MillionAssessmentsBenchmark {

	private static final int ORGANIZATIONS = 200;

	/**
	 * A fraction of the full size ({@code -Dassay.benchmark.scale=0.01}), to try the
	 * benchmark in a minute.
	 */
	private static final double SCALE = Double.parseDouble(System.getProperty("assay.benchmark.scale", "1"));

	/** Submissions of the large organisation, five runs each: 200,020 runs. */
	private static final int LARGE_SUBMISSIONS = (int) Math.max(1, 40_004 * SCALE);

	/** Submissions of each other organisation, five runs each: 4,020 runs. */
	private static final int SMALL_SUBMISSIONS = (int) Math.max(1, 804 * SCALE);

	private static final int RUNS_EACH = 5;

	private static final int CRITERIA = 20;

	private static final int FULL_CRITERIA = 200;

	private static final int WARM_UP = 20;

	private static final int TIMED = 200;

	private MillionAssessmentsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String kept = System.getProperty("assay.benchmark.data");
		Path data = kept == null ? Files.createTempDirectory("assay-benchmark-") : Path.of(kept);
		Path generated = data.resolve("benchmark-generated.json");
		try (BenchmarkService service = BenchmarkService.start(data, "--assay.evaluation.judge=offline")) {
			Api api = service.api();
			TestDatabase database = new TestDatabase(service.context().getBean("databaseServer"));
			Generated made;
			if (Files.exists(generated)) {
				made = JSON.readValue(generated.toFile(), Generated.class);
				System.out.println("measuring the data generated before in " + data);
			}
			else {
				SignedUp large = api.signUp("Large notified body");
				String classIIa = workflow(api, large, "Class IIa", CRITERIA).at("/id").asString();
				JsonNode full = workflow(api, large, "Full MDR", FULL_CRITERIA);
				String run = realRun(api, large, full);
				SignedUp small = api.signUp("Small notified body");
				String smallWorkflow = workflow(api, small, "Class I", CRITERIA).at("/id").asString();
				long started = System.nanoTime();
				keepResultsLive(database);
				generate(database, large, UUID.fromString(classIIa), UUID.fromString(full.at("/id").asString()), small,
						UUID.fromString(smallWorkflow));
				System.out.printf("generated in %.0f s (-Dassay.benchmark.data=%s measures it again)%n",
						(System.nanoTime() - started) / 1e9, data);
				made = new Generated(large.email(), large.password(), small.email(), small.password(), run,
						full.at("/id").asString());
				JSON.writeValue(generated.toFile(), made);
			}
			keepResultsLive(database);
			SignedUp large = signIn(api, made.largeEmail(), made.largePassword());
			SignedUp small = signIn(api, made.smallEmail(), made.smallPassword());
			long auditing = System.nanoTime();
			generateAudit(database, large.organizationId());
			generateAudit(database, small.organizationId());
			database.asOwner().sql("vacuum analyze").update();
			System.out.printf("audit entries generated where missing, then vacuumed and analysed, in %.0f s%n",
					(System.nanoTime() - auditing) / 1e9);
			String run = made.run();
			System.out.println(database.asOwner().sql("""
					select format('%s organisations, %s assessments, %s results, %s audit entries; '
					              || 'large organisation %s assessments, small %s; database %s',
					              (select count(*) from organizations), (select count(*) from assessments),
					              (select count(*) from assessment_results), (select count(*) from audit_logs),
					              (select count(*) from assessments where organization_id = ?),
					              (select count(*) from assessments where organization_id = ?),
					              pg_size_pretty(pg_database_size(current_database())))
					""").params(large.organizationId(), small.organizationId()).query(String.class).single());
			System.out.println("JVM heap in use after a full collection, idle: " + heapAfterCollection() + " MB");

			Reads reads = new Reads(api, service, database);
			String deepCursor = walk(api, large.token(), "/v1/assessments?cursor=", 499);
			reads.time("large organisation: GET /v1/assessments (first page, with the total)", "/v1/assessments",
					large);
			reads.time("large organisation: GET /v1/assessments?cursor= (first page)", "/v1/assessments?cursor=",
					large);
			reads.time("large organisation: page 500 by cursor", "/v1/assessments?cursor=" + encode(deepCursor), large);
			reads.time("large organisation: status=failed, first page", "/v1/assessments?cursor=&status=failed", large);
			reads.time("large organisation: workflow Full MDR, first page",
					"/v1/assessments?cursor=&workflow_id=" + made.fullWorkflow(), large);
			reads.time("large organisation: created_by one handler, first page",
					"/v1/assessments?cursor=&created_by=" + handler(database, large), large);
			reads.time("small organisation: GET /v1/assessments (first page, with the total)", "/v1/assessments",
					small);
			reads.time("small organisation: GET /v1/assessments?cursor= (first page)", "/v1/assessments?cursor=",
					small);
			reads.time("an assessment: GET /v1/assessments/{id}", "/v1/assessments/" + run, large);
			reads.time("its results (200 criteria): GET /v1/assessments/{id}/results",
					"/v1/assessments/" + run + "/results", large);
			reads.time("audit logs, first page: GET /v1/audit-logs", "/v1/audit-logs", large);
			reads.time("audit logs, page 500: GET /v1/audit-logs?page=500", "/v1/audit-logs?page=500", large);
			reads.time("audit logs by cursor, first page: GET /v1/audit-logs?cursor=", "/v1/audit-logs?cursor=", large);
			reads.time("audit logs, page 500 by cursor",
					"/v1/audit-logs?cursor=" + encode(walk(api, large.token(), "/v1/audit-logs?cursor=", 499)), large);
			reads.time("submissions, first page: GET /v1/submissions?cursor=", "/v1/submissions?cursor=", large);
			reads.page("results page (HTML, 200 criteria): GET /assessments/{id}", "/assessments/" + run, large);
			reads.page("dashboard (HTML): GET /app", "/app", large);
			System.out
				.println("JVM heap in use after a full collection, after the reads: " + heapAfterCollection() + " MB");
			reads.printPlans();
		}
	}

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	/** What a generating run leaves for the runs that measure the same data again. */
	record Generated(String largeEmail, String largePassword, String smallEmail, String smallPassword, String run,
			String fullWorkflow) {
	}

	private static SignedUp signIn(Api api, String email, String password) {
		JsonNode answer = api.post("/v1/auth/login", null, Map.of("email", email, "password", password))
			.expect(200)
			.json();
		JsonNode me = api.get("/v1/me", answer.at("/access_token").asString()).expect(200).json();
		return new SignedUp(UUID.fromString(me.at("/organization/id").asString()),
				UUID.fromString(me.at("/user/id").asString()), email, password, answer.at("/access_token").asString());
	}

	private static long heapAfterCollection() {
		System.gc();
		java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean()
			.getHeapMemoryUsage();
		return heap.getUsed() / (1024 * 1024);
	}

	private static JsonNode workflow(Api api, SignedUp admin, String name, int criteria) {
		return ClauseReports.workflow(api, admin.token(), name, criteria);
	}

	/** A run of the 200 criteria on a 50-page report, judged by the offline checker. */
	private static String realRun(Api api, SignedUp admin, JsonNode workflow) throws Exception {
		String document = ClauseReports.upload(api, admin.token(), workflow, ClauseReports.report(50, 30));
		String id = ClauseReports.start(api, admin.token(), workflow, document);
		api.awaitCompleted(id, admin.token());
		return id;
	}

	/**
	 * 198 more organisations with a workflow of 20 criteria each; twenty handlers in the
	 * large organisation; five runs per submission over two years, a tenth of them
	 * failed; one result per criterion of the run's workflow (one run in 200 of the large
	 * organisation is of the 200 criteria), about one in eight failed and a few reviewed;
	 * two audit entries per run of the large organisation and of the small one.
	 */
	private static void generate(TestDatabase database, SignedUp large, UUID classIIa, UUID full, SignedUp small,
			UUID smallWorkflow) {
		database.asOwner().sql("alter system set max_wal_size = '8GB'").update();
		database.asOwner().sql("select pg_reload_conf()").query().singleRow();
		database.asOwnerInOneTransaction(owner -> {
			owner.sql("""
					insert into organizations (name, results_archive_after_days)
					select 'Filler body ' || g, null from generate_series(1, ?) g
					""").param(ORGANIZATIONS - 2).update();
			owner.sql("""
					insert into users (organization_id, email, name, role)
					select o.id, 'admin@' || replace(lower(o.name), ' ', '-') || '.example', 'Admin', 'admin'
					  from organizations o where o.name like 'Filler body %'
					""").update();
			owner.sql("""
					insert into workflows (organization_id, created_by, name)
					select o.id, u.id, 'Class IIa' from organizations o join users u on u.organization_id = o.id
					 where o.name like 'Filler body %'
					""").update();
			owner.sql("""
					insert into criteria (organization_id, workflow_id, name, description, order_index)
					select w.organization_id, w.id, 'Clause group ' || g, 'Clause ' || g || ' is met.', g - 1
					  from workflows w join organizations o on o.id = w.organization_id, generate_series(1, ?) g
					 where o.name like 'Filler body %'
					""").param(CRITERIA).update();
			owner.sql("""
					insert into users (organization_id, email, name, role)
					select ?, 'handler' || g || '@large.example', 'Handler ' || g, 'project_handler'
					  from generate_series(1, 20) g
					""").param(large.organizationId()).update();
		});
		List<Map<String, Object>> organizations = database.asOwner()
			.sql("select o.id, w.id as workflow from organizations o join workflows w on w.organization_id = o.id"
					+ " where o.name like 'Filler body %'")
			.query()
			.listOfRows();
		generateRuns(database, large.organizationId(), classIIa, full, LARGE_SUBMISSIONS);
		generateRuns(database, small.organizationId(), smallWorkflow, smallWorkflow, SMALL_SUBMISSIONS);
		int done = 0;
		for (Map<String, Object> organization : organizations) {
			UUID workflow = (UUID) organization.get("workflow");
			generateRuns(database, (UUID) organization.get("id"), workflow, workflow, SMALL_SUBMISSIONS);
			if (++done % 20 == 0) {
				System.out.printf("  %d of %d other organisations generated%n", done, organizations.size());
			}
		}
		database.asOwner().sql("alter system reset max_wal_size").update();
		database.asOwner().sql("select pg_reload_conf()").query().singleRow();
	}

	/**
	 * The generated runs reach back further than two years, when results are archived by
	 * default: this measures the working tables at a million runs, so nothing is archived
	 * (ResultsPageBenchmark measures reading archived results).
	 */
	private static void keepResultsLive(TestDatabase database) {
		database.asOwner()
			.sql("update organizations set results_archive_after_days = null where results_archive_after_days is not null")
			.update();
	}

	/**
	 * Two audit entries per run of the organisation, unless it has them already (a run
	 * stopped before this step), a thousand runs per transaction: each entry moves its
	 * chain's head, and a transaction that moves it hundreds of thousands of times walks
	 * ever longer chains of the head's versions.
	 */
	private static void generateAudit(TestDatabase database, UUID organization) {
		JdbcClient owner = database.asOwner();
		long runs = owner.sql("select count(*) from assessments where organization_id = ?")
			.param(organization)
			.query(Long.class)
			.single();
		long entries = owner
			.sql("select count(*) from audit_logs where organization_id = ? and resource_type = 'assessment'")
			.param(organization)
			.query(Long.class)
			.single();
		if (entries >= 2 * runs) {
			return;
		}
		for (long from = 0; from < runs; from += 1000) {
			owner.sql("""
					insert into audit_logs (organization_id, user_id, action, resource_type, resource_id, metadata)
					select a.organization_id, a.created_by, e.action, 'assessment', a.id,
					       jsonb_build_object('run_number', a.run_number)
					  from (select * from assessments where organization_id = ?
					         order by created_at, id offset ? limit 1000) a,
					       (values ('assessment_started'), ('assessment_completed')) e(action)
					 order by a.created_at, e.action desc
					""").params(organization, from).update();
		}
	}

	/**
	 * Submissions of one organisation with five runs each and their results, in one
	 * transaction. Runs of the second workflow are one in 200.
	 */
	private static void generateRuns(TestDatabase database, UUID organization, UUID workflow, UUID everyTwoHundredth,
			int submissions) {
		database.asOwnerInOneTransaction(owner -> {
			owner.sql("""
					with people as (select array_agg(id order by email) as ids from users where organization_id = :org)
					insert into submissions (organization_id, workflow_id, reference, manufacturer, product, owner_id,
					                         created_by, created_at, updated_at, latest_status, review_state, run_count)
					select :org, case when g % 200 = 0 then :second else :workflow end, 'NB-' || lpad(g::text, 7, '0'),
					       'Maker ' || (g % 40), 'Device model ' || (g % 997),
					       p.ids[1 + g % cardinality(p.ids)], p.ids[1 + g % cardinality(p.ids)],
					       timestamptz '2024-01-01' + g * (interval '730 days' / :count),
					       timestamptz '2024-01-01' + g * (interval '730 days' / :count) + interval '1 day',
					       case when g % 10 = 0 then 'failed' else 'completed' end,
					       case g % 3 when 0 then 'not_started' when 1 then 'in_review' else 'signed_off' end, :runs
					  from generate_series(1, :count) g, people p
					""")
				.param("org", organization)
				.param("workflow", workflow)
				.param("second", everyTwoHundredth)
				.param("count", submissions)
				.param("runs", RUNS_EACH)
				.update();
			owner
				.sql("""
						insert into assessments (organization_id, submission_id, run_number, workflow_id, workflow_version,
						                         status, created_by, progress_total, progress_done, created_at,
						                         started_at, completed_at)
						select s.organization_id, s.id, r, s.workflow_id, 1,
						       case when r < :runs then 'completed' else s.latest_status end, s.created_by,
						       c.criteria, c.criteria, s.created_at + r * interval '1 hour',
						       s.created_at + r * interval '1 hour', s.created_at + r * interval '1 hour' + interval '3 minutes'
						  from submissions s
						  join lateral (select count(*)::int as criteria from criteria where workflow_id = s.workflow_id) c on true,
						       generate_series(1, :runs) r
						 where s.organization_id = :org and s.reference like 'NB-%'
						""")
				.param("org", organization)
				.param("runs", RUNS_EACH)
				.update();
			owner.sql("""
					update submissions s set latest_assessment_id = a.id
					  from assessments a where a.submission_id = s.id and a.run_number = :runs
					   and s.organization_id = :org
					""").param("org", organization).param("runs", RUNS_EACH).update();
			// The triggers that recount a run's verdicts after each statement would plan
			// their recount on statistics of an empty table and take hours over these
			// millions of rows; the counts are set once, below, the same way.
			owner.sql("alter table assessment_results disable trigger assessment_results_counted_on_insert").update();
			// Planned on the rows just written, not on an empty table's guesses (a nested
			// loop over every run for every criterion).
			owner.sql("analyze assessments, submissions, criteria").update();
			owner
				.sql("""
						insert into assessment_results (assessment_id, organization_id, criteria_id, pass, confidence,
						                                evidence_page, evidence_text, reasoning, judge, answered,
						                                review_decision, review_pass, reviewed_by, reviewed_at,
						                                created_at, updated_at)
						select a.id, a.organization_id, c.id, x.pass,
						       case when x.roll < 0.7 then 'high' when x.roll < 0.9 then 'medium' else 'low' end,
						       1 + (c.order_index % 40), 'Clause ' || c.order_index || ': measured value within limits.',
						       'The test summary states the measured value and the limit it is within.', 'offline', true,
						       case when x.roll > 0.98 then 'overrule' end, case when x.roll > 0.98 then not x.pass end,
						       case when x.roll > 0.98 then a.created_by end, case when x.roll > 0.98 then a.completed_at end,
						       a.completed_at, a.completed_at
						  from assessments a
						  join criteria c on c.workflow_id = a.workflow_id
						  cross join lateral (select random() as roll) r
						  cross join lateral (select r.roll, r.roll > 0.12 as pass) x
						 where a.organization_id = :org
						   and exists (select from submissions s where s.id = a.submission_id and s.reference like 'NB-%')
						""")
				.param("org", organization)
				.update();
			owner
				.sql("""
						update assessments a
						   set passed_count = c.passed, failed_count = c.failed, needs_review_count = c.needs_review
						  from (select assessment_id,
						               count(*) filter (where v = 'passed') as passed,
						               count(*) filter (where v = 'failed') as failed,
						               count(*) filter (where v in ('undecided', 'not_answered')) as needs_review
						          from (select assessment_id, assay_result_verdict(review_pass, pass, confidence, answered) as v
						                  from assessment_results where organization_id = :org) r
						         group by assessment_id) c
						 where a.id = c.assessment_id and a.organization_id = :org
						""")
				.param("org", organization)
				.update();
			owner.sql("alter table assessment_results enable trigger assessment_results_counted_on_insert").update();
		});
	}

	private static String handler(TestDatabase database, SignedUp large) {
		return database.asOwner()
			.sql("select id::text from users where organization_id = ? and email = 'handler1@large.example'")
			.param(large.organizationId())
			.query(String.class)
			.single();
	}

	/**
	 * The cursor of the page after {@code pages} pages, or of the last page when fewer.
	 */
	private static String walk(Api api, String token, String first, int pages) {
		String cursor = "";
		for (int page = 0; page < pages; page++) {
			JsonNode next = api.get(first.replace("cursor=", "cursor=" + encode(cursor)), token)
				.expect(200)
				.json()
				.at("/next_cursor");
			if (next.isNull() || next.isMissingNode()) {
				break;
			}
			cursor = next.asString();
		}
		return cursor;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/**
	 * Times reads and then records, for each, the plans of the statements it ran: with
	 * auto_explain loaded into new connections of the application's role (the pool's
	 * connections are replaced before and after), its plans go to PostgreSQL's log, which
	 * the embedded server writes to its log file, read here.
	 */
	private static final class Reads {

		private final HttpClient http = HttpClient.newHttpClient();

		private final Api api;

		private final BenchmarkService service;

		private final TestDatabase database;

		private final Map<String, List<String>> plans = new java.util.LinkedHashMap<>();

		Reads(Api api, BenchmarkService service, TestDatabase database) {
			this.api = api;
			this.service = service;
			this.database = database;
		}

		void time(String what, String path, SignedUp as) throws Exception {
			measure(what, request(path, as).build());
		}

		void page(String what, String path, SignedUp as) throws Exception {
			measure(what, request(path, as).header("Accept", "text/html").build());
		}

		private HttpRequest.Builder request(String path, SignedUp as) {
			return HttpRequest.newBuilder(URI.create(this.api.base() + path))
				.header("Authorization", "Bearer " + as.token());
		}

		private void measure(String what, HttpRequest request) throws Exception {
			RequestTimings.report(what, RequestTimings.time(this.http, request, WARM_UP, TIMED));
			this.plans.put(what, explained(request));
		}

		private List<String> explained(HttpRequest request) throws Exception {
			String role = this.database.appUser();
			for (String setting : List.of("session_preload_libraries = 'auto_explain'",
					"auto_explain.log_min_duration = 0", "auto_explain.log_analyze = on",
					"auto_explain.log_buffers = on")) {
				this.database.asOwner().sql("alter role \"" + role + "\" set " + setting).update();
			}
			renewConnections();
			PostgresLog log = PostgresLog.capture(this.database);
			try {
				RequestTimings.time(this.http, request, 0, 1);
			}
			finally {
				for (String setting : List.of("session_preload_libraries", "auto_explain.log_min_duration",
						"auto_explain.log_analyze", "auto_explain.log_buffers")) {
					this.database.asOwner().sql("alter role \"" + role + "\" reset " + setting).update();
				}
				renewConnections();
			}
			return log.plans();
		}

		private void renewConnections() throws java.sql.SQLException {
			DataSource pool = this.service.context().getBean(DataSource.class);
			pool.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
		}

		void printPlans() {
			for (Map.Entry<String, List<String>> read : this.plans.entrySet()) {
				System.out.println();
				System.out
					.println(read.getKey() + ": the plan of each statement it ran (auto_explain, ANALYZE, BUFFERS)");
				for (String plan : read.getValue()) {
					System.out.println(plan.indent(2).stripTrailing());
				}
			}
		}

	}

	/**
	 * What the embedded PostgreSQL writes to its log file from now on, read through the
	 * server itself ({@code pg_read_file}, as the owner), grouped into plans.
	 */
	private static final class PostgresLog {

		private final JdbcClient owner;

		private final String file;

		private final long from;

		private PostgresLog(JdbcClient owner) {
			this.owner = owner;
			this.file = owner.sql("select pg_current_logfile()").query(String.class).single();
			this.from = size();
		}

		static PostgresLog capture(TestDatabase database) {
			return new PostgresLog(database.asOwner());
		}

		private long size() {
			return this.owner.sql("select (pg_stat_file(?)).size").param(this.file).query(Long.class).single();
		}

		/**
		 * Each plan logged since the capture began, without those of the transaction's
		 * tenant binding; waits for a marker logged last, as the log is written apart.
		 */
		List<String> plans() {
			String marker = "assay-benchmark-" + UUID.randomUUID();
			this.owner.sql("do $$ begin raise log '" + marker + "'; end $$").update();
			String text = "";
			for (int attempt = 0; attempt < 100 && !text.contains(marker); attempt++) {
				text = this.owner.sql("select pg_read_file(?, ?, ?)")
					.params(this.file, this.from, size() - this.from)
					.query(String.class)
					.single();
				if (!text.contains(marker)) {
					java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
				}
			}
			// An entry starts with the log line prefix (its time); a plan's lines follow
			// it.
			List<String> plans = new ArrayList<>();
			for (String entry : text.split("\n(?=\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)")) {
				if (entry.contains("LOG:  duration:")) {
					plans.add(entry.substring(entry.indexOf("duration:")).replace("\t", "  "));
				}
			}
			plans.removeIf(plan -> plan.contains("set_config(") || plan.contains("Query Text: SET ")
					|| plan.contains("Query Text: SHOW ") || plan.contains(marker));
			return plans;
		}

	}

}
