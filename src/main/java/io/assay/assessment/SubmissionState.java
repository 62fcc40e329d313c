package io.assay.assessment;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Copies a run's state onto its submission after every change that lists show: a run
 * started, claimed, ended or cancelled, a result reviewed. The copy is made by the
 * database function {@code assay_refresh_submission}, the one place that says in SQL what
 * a submission's outcome is and whether it needs review.
 */
final class SubmissionState {

	private SubmissionState() {
	}

	/** Refreshes the submission of this run, in the caller's transaction. */
	static void refreshFor(JdbcClient db, UUID assessmentId) {
		db.sql("select assay_refresh_submission(submission_id) from assessments where id = ?")
			.param(assessmentId)
			.query((rs, n) -> Boolean.TRUE)
			.list();
	}

}
