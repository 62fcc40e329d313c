package io.assay.document;

import java.io.IOException;
import java.time.Duration;
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
 * Removes stored objects whose upload never committed (the process died between writing
 * the object and committing its document row), or whose removal under retention was cut
 * short, so that no document bytes stay behind without a document that has content. Safe
 * on every copy of the service at once: each step is idempotent.
 */
@Component
class StoredObjectSweeper {

	private static final Logger log = LoggerFactory.getLogger(StoredObjectSweeper.class);

	/** Longer than any upload takes, so a write still in progress is never swept. */
	static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	private final DocumentStore store;

	StoredObjectSweeper(JdbcClient db, TransactionTemplate transactions, TenantContext tenants, DocumentStore store) {
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
		this.store = store;
	}

	private record PendingWrite(String key, UUID organizationId, byte[] sha256) {
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
	void sweepAbandoned() {
		sweep(ABANDONED_AFTER);
	}

	/** Sweeps writes older than {@code age}; answers how many objects it removed. */
	int sweep(Duration age) {
		List<PendingWrite> abandoned = this.transactions.execute(
				tx -> this.db.sql("select storage_key, organization_id, sha256 from assay_abandoned_store_writes(?)")
					.param(age.toSeconds())
					.query((rs, n) -> new PendingWrite(rs.getString(1), rs.getObject(2, UUID.class), rs.getBytes(3)))
					.list());
		int removed = 0;
		for (PendingWrite write : abandoned) {
			if (this.tenants.callAs(write.organizationId(), null, () -> sweep(write))) {
				removed++;
			}
		}
		return removed;
	}

	/**
	 * Deals with one abandoned write, bound to its organisation; true if its object went.
	 */
	private boolean sweep(PendingWrite write) {
		boolean used = Boolean.TRUE.equals(this.transactions
			.execute(tx -> StoredContent.inUse(this.db, java.util.HexFormat.of().formatHex(write.sha256()))));
		try {
			if (!used) {
				this.store.delete(write.key());
				log.info("Removed stored object {} whose upload never completed", write.key());
			}
			this.transactions
				.executeWithoutResult(tx -> this.db.sql("delete from pending_store_writes where storage_key = ?")
					.param(write.key())
					.update());
			return !used;
		}
		catch (IOException ex) {
			log.warn("Could not remove abandoned object {}; will try again", write.key(), ex);
			return false;
		}
	}

}
