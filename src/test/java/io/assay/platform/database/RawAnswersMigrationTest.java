package io.assay.platform.database;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results stored with the judge's raw answer in the results row: the answer moves to a
 * table of its own, what was sent to the judge stays with the result, and nothing else of
 * the result changes.
 */
class RawAnswersMigrationTest {

	@Test
	void rawAnswersMoveOutAndThePassagesSentStay(@TempDir Path temp) throws Exception {
		try (OldSchema schema = OldSchema.at(temp, "41")) {
			JdbcClient db = schema.db();
			UUID organization = UUID.randomUUID();
			UUID workflow = UUID.randomUUID();
			UUID assessment = UUID.randomUUID();
			db.sql("insert into organizations (id, name) values (?, 'Old body')").param(organization).update();
			db.sql("insert into workflows (id, organization_id, name) values (?, ?, 'Class IIa')")
				.params(workflow, organization)
				.update();
			UUID submission = db.sql("""
					insert into submissions (organization_id, workflow_id, reference) values (?, ?, 'NB-1') returning id
					""").params(organization, workflow).query(UUID.class).single();
			db.sql("""
					insert into assessments (id, organization_id, submission_id, run_number, workflow_id,
					                         workflow_version, status)
					values (?, ?, ?, 1, ?, 1, 'completed')
					""").params(assessment, organization, submission, workflow).update();
			UUID answered = result(db, organization, workflow, assessment, "Answered", true, """
					{"judge": "anthropic:claude", "answer": {"pass": true},
					 "passages_sent": [{"document_id": "d", "page": 3}], "document_sha256": {"d": "00"}}
					""");
			UUID unanswered = result(db, organization, workflow, assessment, "Provider away", null, "{}");
			Map<String, Object> before = counts(db, assessment);

			schema.migrateToLatest();

			assertThat(db.sql("select answer::text from assessment_result_answers where result_id = ?")
				.param(answered)
				.query(String.class)
				.single()).contains("\"answer\": {\"pass\": true}")
				.contains("document_sha256")
				.doesNotContain("passages_sent");
			assertThat(db.sql("select passages_sent::text from assessment_results where id = ?")
				.param(answered)
				.query(String.class)
				.single()).isEqualTo("[{\"page\": 3, \"document_id\": \"d\"}]");
			assertThat(db.sql("select count(*) from assessment_result_answers where result_id = ?")
				.param(unanswered)
				.query(Long.class)
				.single()).as("no answer, no row").isZero();
			assertThat(db.sql("select passages_sent from assessment_results where id = ?")
				.param(unanswered)
				.query(String.class)
				.optional()).isEmpty();
			assertThat(counts(db, assessment)).isEqualTo(before);
			assertThat(db.sql("""
					select count(*) from information_schema.columns
					 where table_name = 'assessment_results' and column_name = 'ai_response_raw'
					""").query(Long.class).single()).isZero();
		}
	}

	private static UUID result(JdbcClient db, UUID organization, UUID workflow, UUID assessment, String name,
			Boolean pass, String raw) {
		UUID criterion = db.sql(
				"insert into criteria (organization_id, workflow_id, name, description) values (?, ?, ?, 'D') returning id")
			.params(organization, workflow, name)
			.query(UUID.class)
			.single();
		return db.sql("""
				insert into assessment_results (assessment_id, organization_id, criteria_id, pass, confidence,
				                                ai_response_raw, answered, updated_at)
				values (?, ?, ?, ?, 'high', cast(? as jsonb), ?, timestamptz '2026-01-01')
				returning id
				""").params(assessment, organization, criterion, pass, raw, pass != null).query(UUID.class).single();
	}

	/** The stored verdict counts and the results' last change. */
	private static Map<String, Object> counts(JdbcClient db, UUID assessment) {
		return db.sql("""
				select a.passed_count, a.failed_count, a.needs_review_count,
				       (select max(updated_at) from assessment_results where assessment_id = a.id) as changed
				  from assessments a where a.id = ?
				""").param(assessment).query().singleRow();
	}

}
