package io.assay.platform.database;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assessments made before submissions existed: each chain of re-runs becomes one
 * submission, its runs numbered in the order they were started.
 */
class SubmissionsMigrationTest {

	@Test
	void eachChainOfRunsBecomesOneSubmission(@TempDir Path temp) throws Exception {
		try (OldSchema schema = OldSchema.at(temp, "17")) {
			JdbcClient db = schema.db();
			UUID organization = UUID.randomUUID();
			UUID user = UUID.randomUUID();
			UUID workflow = UUID.randomUUID();
			db.sql("insert into organizations (id, name) values (?, 'Old body')").param(organization).update();
			db.sql("insert into users (id, organization_id, email, name, role) values (?, ?, 'h@example.org', 'H', 'project_handler')")
				.params(user, organization)
				.update();
			db.sql("insert into workflows (id, organization_id, created_by, name) values (?, ?, ?, 'Class IIa')")
				.params(workflow, organization, user)
				.update();
			UUID first = run(db, organization, workflow, user, null, "2026-01-01T10:00:00Z");
			UUID second = run(db, organization, workflow, user, first, "2026-01-02T10:00:00Z");
			UUID third = run(db, organization, workflow, user, second, "2026-01-03T10:00:00Z");
			UUID alone = run(db, organization, workflow, user, null, "2026-02-01T10:00:00Z");

			schema.migrateToLatest();

			List<Map<String, Object>> runs = db
				.sql("select id, submission_id, run_number from assessments order by created_at")
				.query()
				.listOfRows();
			assertThat(runs).extracting(row -> row.get("id")).containsExactly(first, second, third, alone);
			assertThat(runs).extracting(row -> row.get("run_number")).containsExactly(1, 2, 3, 1);
			assertThat(runs.get(1).get("submission_id")).isEqualTo(runs.get(0).get("submission_id"));
			assertThat(runs.get(2).get("submission_id")).isEqualTo(runs.get(0).get("submission_id"));
			assertThat(runs.get(3).get("submission_id")).isNotEqualTo(runs.get(0).get("submission_id"));
			List<Map<String, Object>> submissions = db
				.sql("select reference, product, owner_id, run_count, latest_assessment_id, latest_status"
						+ " from submissions order by created_at")
				.query()
				.listOfRows();
			assertThat(submissions).extracting(row -> row.get("reference")).containsExactly("A-00001", "A-00002");
			assertThat(submissions).extracting(row -> row.get("product")).containsOnly("Class IIa");
			assertThat(submissions).extracting(row -> row.get("owner_id")).containsOnly(user);
			assertThat(submissions).extracting(row -> row.get("run_count")).containsExactly(3, 1);
			assertThat(submissions).extracting(row -> row.get("latest_assessment_id")).containsExactly(third, alone);
			assertThat(submissions).extracting(row -> row.get("latest_status")).containsOnly("completed");
		}
	}

	private static UUID run(JdbcClient db, UUID organization, UUID workflow, UUID user, UUID previous, String at) {
		UUID id = UUID.randomUUID();
		db.sql("""
				insert into assessments (id, organization_id, workflow_id, workflow_version, created_by, status,
				                         previous_assessment_id, created_at)
				values (?, ?, ?, 1, ?, 'completed', ?, ?::timestamptz)
				""").params(id, organization, workflow, user, previous, at).update();
		return id;
	}

}
