package io.assay.assessment;

import java.util.Optional;
import java.util.UUID;

import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every change of a run's status and review state, in one place: each is a conditional
 * update that moves the run only from the statuses {@link RunStatus} allows, so that a
 * second copy of a job, a cancel racing a completion or a resumed attempt can never move
 * a run twice or backwards. Each move also refreshes the run's submission, in the same
 * transaction.
 */
final class RunLife {

	private RunLife() {
	}

	/** What a job needs of the run it claimed. */
	record Claimed(UUID workflowId, int workflowVersion, java.util.Set<UUID> missingBuckets) {
	}

	/** Queued (or running, when a job resumes) → running. Empty if it has ended. */
	static Optional<Claimed> claim(JdbcClient db, UUID run) {
		Optional<Claimed> claimed = db.sql("""
				update assessments set status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
				 where id = ? and status in (%s)
				returning workflow_id, workflow_version, missing_bucket_ids
				""".formatted(RunStatus.RUNNING.sqlAllowedFrom()))
			.param(run)
			.query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getInt(2),
					java.util.Set.of((UUID[]) rs.getArray(3).getArray())))
			.optional();
		claimed.ifPresent(moved -> SubmissionState.refreshFor(db, run));
		return claimed;
	}

	/**
	 * Whether the run is still running, locking its row until the transaction ends, so
	 * that results recorded side by side count one by one and a cancel waits for them.
	 */
	static boolean holdRunning(JdbcClient db, UUID run) {
		// A lock without a new version of the row: the result's count and progress write
		// the row anyway, and a run's row is written once for each of its results.
		return db.sql("select 1 from assessments where id = ? and status = 'running' for no key update")
			.param(run)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/** The run's status, its row locked until the transaction ends. */
	static RunStatus lock(JdbcClient db, UUID run) {
		return db.sql("select status from assessments where id = ? for update")
			.param(run)
			.query(String.class)
			.optional()
			.map(RunStatus::of)
			.orElseThrow(() -> new io.assay.platform.NotFoundException("Assessment"));
	}

	/**
	 * A run that ended.
	 *
	 * @param startedBy who started it; null once that account is gone
	 * @param month the month it started in, which its cost counts in
	 */
	record Ended(@Nullable UUID startedBy, UUID workflow, java.time.YearMonth month, int addedCostCents,
			java.time.@Nullable Duration took) {
	}

	/**
	 * Ends a run: completed or incomplete, failed or cancelled (with the reason), with
	 * its duration and the AI cost of its calls so far, and counts that cost in billing's
	 * usage. Empty if it had ended already.
	 */
	static Optional<Ended> end(JdbcClient db, io.assay.billing.Usage usage, UUID organization, UUID run, RunStatus end,
			String reason) {
		return end(db, usage, organization, run, end, reason, null);
	}

	/**
	 * Ends a run whose every criterion was asked: completed or incomplete by its results,
	 * with no reason to give.
	 */
	static Optional<Ended> finish(JdbcClient db, io.assay.billing.Usage usage, UUID organization, UUID run,
			RunStatus end) {
		return end(db, usage, organization, run, end, null, null);
	}

	/** Ends a run with a reason Assay words, shown to each reader in their language. */
	static Optional<Ended> end(JdbcClient db, io.assay.billing.Usage usage, UUID organization, UUID run, RunStatus end,
			Wording reason) {
		return end(db, usage, organization, run, end, reason.english(),
				tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(reason));
	}

	private static Optional<Ended> end(JdbcClient db, io.assay.billing.Usage usage, UUID organization, UUID run,
			RunStatus end, @Nullable String reason, @Nullable String wording) {
		if (!end.isFinished()) {
			throw new IllegalArgumentException(end + " is not an end");
		}
		// The cost counted in billing is what this end adds: a run that is retried ends
		// again, and its earlier end already counted the cost up to then.
		Optional<Ended> ended = db.sql("""
				with before as (select ai_cost_cents from assessments where id = ?)
				update assessments set status = ?, error_message = coalesce(?, error_message),
				       error_wording = case when cast(? as text) is null then error_wording else cast(? as jsonb) end,
				       completed_at = now(),
				       duration_ms = case when started_at is null then null
				                          else (extract(epoch from now() - started_at) * 1000)::integer end,
				       ai_cost_cents = (select ceil(coalesce(sum(cost_millicents), 0) / 1000.0)::integer
				                          from assessment_results where assessment_id = assessments.id),
				       updated_at = now()
				 where id = ? and status in (%s)
				returning created_by, workflow_id, created_at, ai_cost_cents - (select ai_cost_cents from before),
				          duration_ms
				""".formatted(end.sqlAllowedFrom()))
			.params(run, end.value(), reason, reason, wording, run)
			.query((rs, n) -> new Ended(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					java.time.YearMonth.from(rs.getTimestamp(3).toInstant().atZone(java.time.ZoneOffset.UTC)),
					Math.max(0, rs.getInt(4)),
					rs.getObject(5) == null ? null : java.time.Duration.ofMillis(rs.getLong(5))))
			.optional();
		ended.ifPresent(moved -> {
			SubmissionState.refreshFor(db, run);
			usage.addCost(organization, moved.workflow(), moved.month(), moved.addedCostCents());
		});
		return ended;
	}

	/**
	 * The run's review state ({@code not_started}, {@code in_review},
	 * {@code signed_off}), its row locked until the transaction ends against a concurrent
	 * review, sign-off or reopen.
	 */
	static String lockReviewState(JdbcClient db, UUID run) {
		return db.sql("select review_state from assessments where id = ? for update")
			.param(run)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new io.assay.platform.NotFoundException("Assessment"));
	}

	/** Moves the run's review to {@code state} and refreshes its submission. */
	static void moveReview(JdbcClient db, UUID run, String state) {
		db.sql("update assessments set review_state = ?, updated_at = now() where id = ?").params(state, run).update();
		SubmissionState.refreshFor(db, run);
	}

	/**
	 * Incomplete → queued, to ask the unanswered criteria again. False if the run is not
	 * incomplete (any more).
	 */
	static boolean requeue(JdbcClient db, UUID run) {
		boolean moved = db
			.sql("""
					update assessments set status = 'queued', completed_at = null, error_message = null, error_wording = null,
					       updated_at = now()
					 where id = ? and status in (%s)
					"""
				.formatted(RunStatus.QUEUED.sqlAllowedFrom()))
			.param(run)
			.update() == 1;
		if (moved) {
			SubmissionState.refreshFor(db, run);
		}
		return moved;
	}

	/** Completed when every criterion was answered, incomplete when some were not. */
	static RunStatus completion(JdbcClient db, UUID run) {
		Boolean everyAnswered = db
			.sql("select coalesce(bool_and(answered), true) from assessment_results where assessment_id = ?")
			.param(run)
			.query(Boolean.class)
			.single();
		return Boolean.TRUE.equals(everyAnswered) ? RunStatus.COMPLETED : RunStatus.INCOMPLETE;
	}

}
