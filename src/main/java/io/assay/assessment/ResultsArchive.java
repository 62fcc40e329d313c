package io.assay.assessment;

import java.util.List;
import java.util.UUID;

import io.assay.platform.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Archives the results of runs that ended longer ago than their organisation's
 * {@code results_archive_after_days} (two years unless an administrator says otherwise):
 * results, comments and raw answers leave the hot tables for one compressed row per run.
 * Nothing is lost or changes for a reader: results are read from the archive wherever
 * they are shown ({@code assay_results_of}), and {@link #live} puts them back before
 * anything writes to them.
 * <p>
 * Safe on every copy at once: each run is taken under its row lock, skipped if another
 * transaction holds it, and checked again (V49).
 */
@Component
class ResultsArchive {

	private static final Logger log = LoggerFactory.getLogger(ResultsArchive.class);

	private static final int BATCH = 200;

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	ResultsArchive(JdbcClient db, TransactionTemplate transactions, TenantContext tenants) {
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
	}

	private record Due(UUID organizationId, UUID assessmentId) {
	}

	@Scheduled(initialDelayString = "PT3M", fixedDelayString = "PT1H")
	void sweep() {
		int archived = archiveDue();
		if (archived > 0) {
			log.info("Archived the results of {} run(s) past their organisation's time", archived);
		}
	}

	/** Archives every run due now, one transaction each; answers how many. */
	int archiveDue() {
		int archived = 0;
		while (true) {
			List<Due> due = this.transactions
				.execute(tx -> this.db.sql("select organization_id, assessment_id from assay_runs_to_archive(?)")
					.param(BATCH)
					.query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
					.list());
			int before = archived;
			for (Due run : due) {
				if (this.tenants.callAs(run.organizationId(), null,
						() -> this.transactions.execute(tx -> this.db.sql("select assay_archive_results(?)")
							.param(run.assessmentId())
							.query(Boolean.class)
							.single()))) {
					archived++;
				}
			}
			// Asked again after every batch that archived something: a run whose results
			// a re-run carried over is due only once that re-run is archived. A batch
			// none
			// of which could be taken (another copy holds them) ends this sweep rather
			// than spin.
			if (due.isEmpty() || archived == before) {
				return archived;
			}
		}
	}

	/**
	 * Makes a run's results live for the rest of the current transaction: puts them back
	 * from the archive if they are there (a restored run is archived again only once its
	 * organisation's time has passed anew), and holds the run's row so that no sweep
	 * archives it meanwhile. Call it after any stronger lock the caller takes on the run.
	 */
	static void live(JdbcClient db, UUID run) {
		if (Boolean.TRUE.equals(db.sql("select assay_results_live(?)").param(run).query(Boolean.class).single())) {
			log.info("Put the archived results of run {} back to change them", run);
		}
	}

}
