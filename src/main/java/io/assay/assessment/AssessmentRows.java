package io.assay.assessment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads assessments from rows the same way everywhere. Their verdict counts are stored on
 * the row (kept by a trigger on their results, each result counted by its verdict as
 * {@code assay_result_verdict} and {@link Verdict} say), so a list costs one index read.
 */
final class AssessmentRows {

	static final String SELECT = """
			select a.*
			  from assessments a
			""";

	private AssessmentRows() {
	}

	static Assessment assessment(ResultSet rs, int row) throws SQLException {
		int total = rs.getInt("progress_total");
		return new Assessment(rs.getObject("id", UUID.class), rs.getObject("submission_id", UUID.class),
				rs.getInt("run_number"), rs.getObject("workflow_id", UUID.class), rs.getInt("workflow_version"),
				RunStatus.of(rs.getString("status")), rs.getString("review_state"),
				new Assessment.Progress(rs.getInt("progress_done"), total), rs.getString("error_message"),
				instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("completed_at")),
				rs.getObject("duration_ms", Integer.class), rs.getInt("ai_cost_cents"),
				new Assessment.Summary(rs.getInt("passed_count"), rs.getInt("failed_count"),
						rs.getInt("needs_review_count"), total),
				rs.getObject("previous_assessment_id", UUID.class), rs.getObject("created_by", UUID.class),
				rs.getTimestamp("created_at").toInstant(), uuids(rs.getArray("missing_bucket_ids")),
				instant(rs.getTimestamp("results_archived_at")),
				rs.getString("error_wording") == null ? null
						: Wording.read(JsonMapper.shared().readTree(rs.getString("error_wording"))),
				rs.getLong("results_version"));
	}

	private static List<UUID> uuids(java.sql.@Nullable Array array) throws SQLException {
		return array == null ? List.of() : List.of((UUID[]) array.getArray());
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
