package io.assay.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/assessments?cursor=}: the run list page after page from where the last
 * ended, newest first, ties broken by id, nothing skipped or repeated, no total counted,
 * and only the reader's organisation's runs.
 */
class RunListIntegrationTest extends IntegrationTest {

	@org.springframework.beans.factory.annotation.Autowired
	private javax.sql.DataSource dataSource;

	@Test
	void cursorPagesWalkTheWholeListOnceNewestFirst() {
		SignedUp admin = this.api.signUp("Cursor body " + UUID.randomUUID());
		SignedUp other = this.api.signUp("Other cursor body " + UUID.randomUUID());
		List<UUID> newestFirst = runs(admin, 7);
		runs(other, 2);

		List<String> walked = new ArrayList<>();
		String cursor = "";
		int pages = 0;
		do {
			JsonNode page = this.api.get("/v1/assessments?limit=3&cursor=" + cursor, admin.token()).expect(200).json();
			assertThat(page.has("total")).as("no total counted").isFalse();
			assertThat(page.at("/limit").asInt()).isEqualTo(3);
			page.at("/items").forEach(run -> walked.add(run.at("/id").asString()));
			cursor = page.at("/next_cursor").isNull() ? null : page.at("/next_cursor").asString();
			pages++;
		}
		while (cursor != null && pages < 10);

		assertThat(pages).isEqualTo(3);
		assertThat(walked).containsExactlyElementsOf(newestFirst.stream().map(UUID::toString).toList());
		assertThat(this.api.get("/v1/assessments?cursor=&limit=100", other.token()).expect(200).json().at("/items"))
			.as("the other organisation sees its own two")
			.hasSize(2);
	}

	@Test
	void aCursorItDidNotGiveOutIsRefused() {
		SignedUp admin = this.api.signUp("Bad cursor body " + UUID.randomUUID());
		for (String cursor : List.of("nonsense", "bm90LWEtY3Vyc29y", "%00", "MTIzL25vdC1hLXV1aWQ")) {
			JsonNode refused = this.api.get("/v1/assessments?cursor=" + cursor, admin.token()).json();
			assertThat(refused.at("/status").asInt()).as(cursor).isIn(400, 422);
		}
		assertThat(this.api.get("/v1/assessments?cursor=nonsense", admin.token())
			.expect(422)
			.json()
			.at("/errors/0/field")
			.asString()).isEqualTo("cursor");
		assertThat(this.api.get("/v1/assessments?cursor=&page=2", admin.token())
			.expect(422)
			.json()
			.at("/errors/0/field")
			.asString()).isEqualTo("page");
		this.api.get("/v1/assessments?cursor=&limit=101", admin.token()).expect(422);
	}

	/**
	 * Runs of one submission made straight in the database, the newest first in the
	 * answer; the two oldest made at the same moment, so that their ids decide.
	 */
	/**
	 * One prepared statement serves every organisation: after five executions PostgreSQL
	 * may keep a generic plan made from the first organisation's costs. The list must be
	 * as cheap for a large organisation after a small one's as before, and the other way
	 * round; measured in pages read, which do not depend on how busy the machine is.
	 */
	@Test
	void oneListPlanFitsASmallAndALargeOrganisation() throws Exception {
		SignedUp small = this.api.signUp("Small plan body " + UUID.randomUUID());
		SignedUp large = this.api.signUp("Large plan body " + UUID.randomUUID());
		runs(small, 3);
		runs(large, 3);
		this.database.asOwnerInOneTransaction(owner -> {
			owner.sql("""
					insert into assessments (organization_id, submission_id, run_number, workflow_id, workflow_version,
					                         status, progress_total, progress_done, passed_count, created_at)
					select a.organization_id, a.submission_id, 10 + g, a.workflow_id, 1,
					       case when g % 10 = 0 then 'failed' else 'completed' end, 20, 20, 20,
					       timestamptz '2024-01-01' + g * interval '1 minute'
					  from (select * from assessments where organization_id = ? limit 1) a,
					       generate_series(1, 12000) g
					""").param(large.organizationId()).update();
			owner.sql("analyze assessments").update();
		});
		String sql = Assessments.cursorList(new Assessments.Filter(null, null, null), false)
			.replace(":organization", "$1")
			.replace(":limit", "$2");
		assertThat(sql).doesNotContain(":");
		try (java.sql.Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			assertThat(pagesRead(connection, sql, small, large))
				.as("the large organisation's first page, after the small one's")
				.isLessThan(100);
			assertThat(pagesRead(connection, sql, large, small))
				.as("the small organisation's first page, after the large one's")
				.isLessThan(100);
			connection.rollback();
		}
	}

	/**
	 * Runs the list six times for {@code first}, then once for {@code then}: the pages
	 * that read.
	 */
	private static long pagesRead(java.sql.Connection connection, String sql, SignedUp first, SignedUp then)
			throws java.sql.SQLException {
		try (java.sql.Statement statement = connection.createStatement()) {
			statement.execute("deallocate all");
			statement.execute("prepare run_list(uuid, integer) as " + sql);
			statement.execute("select set_config('app.current_org', '" + first.organizationId() + "', true)");
			for (int i = 0; i < 6; i++) {
				statement.execute("execute run_list('" + first.organizationId() + "', 21)");
			}
			statement.execute("select set_config('app.current_org', '" + then.organizationId() + "', true)");
			try (java.sql.ResultSet plan = statement.executeQuery(
					"explain (analyze, buffers, format json) execute run_list('" + then.organizationId() + "', 21)")) {
				plan.next();
				JsonNode top = tools.jackson.databind.json.JsonMapper.shared()
					.readTree(plan.getString(1))
					.at("/0/Plan");
				return top.at("/Shared Hit Blocks").asLong() + top.at("/Shared Read Blocks").asLong();
			}
		}
	}

	private List<UUID> runs(SignedUp admin, int count) {
		this.api.oneBucketWorkflow(admin.token(), "Runs");
		UUID workflow = UUID
			.fromString(this.api.get("/v1/workflows", admin.token()).json().at("/items/0/id").asString());
		UUID submission = UUID.randomUUID();
		List<UUID> runs = new ArrayList<>();
		this.database.asOwnerInOneTransaction(owner -> {
			owner.sql("insert into submissions (id, organization_id, workflow_id, reference) values (?, ?, ?, 'R-1')")
				.params(submission, admin.organizationId(), workflow)
				.update();
			for (int i = 1; i <= count; i++) {
				UUID run = UUID.randomUUID();
				owner.sql("""
						insert into assessments (id, organization_id, submission_id, run_number, workflow_id,
						                         workflow_version, status, progress_total, created_at)
						values (?, ?, ?, ?, ?, 1, 'queued', 1,
						        timestamptz '2026-01-01 00:00:00.123456+00' + make_interval(mins => greatest(?, 2)))
						""").params(run, admin.organizationId(), submission, i, workflow, i).update();
				runs.add(run);
			}
		});
		// Newest first; the two made at the same moment (minute 2) by id, descending.
		List<UUID> oldestTwo = new ArrayList<>(runs.subList(0, 2));
		oldestTwo.sort(java.util.Comparator.<UUID, String>comparing(UUID::toString).reversed());
		List<UUID> newestFirst = new ArrayList<>(runs.subList(2, runs.size()).reversed());
		newestFirst.addAll(oldestTwo);
		return newestFirst;
	}

}
