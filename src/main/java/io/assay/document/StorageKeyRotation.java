package io.assay.document;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import io.assay.platform.TenantContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotates the storage key: while {@code ASSAY_STORAGE_PREVIOUS_KEYS} names keys being
 * rotated out, every stored object sealed with one of them is sealed again with the
 * current {@code ASSAY_STORAGE_KEY}, a pass shortly after start and then every hour until
 * a pass finds none left; it then says the previous keys can go.
 * <p>
 * Safe beside uploads, deletions and other copies: an object is replaced whole; each
 * reseal is recorded for {@link StoredObjectSweeper} while it runs, so that an object
 * whose document was deleted meanwhile (and which the reseal would write back) is removed
 * after all; two copies resealing the same object both write the same bytes sealed with
 * the same key.
 */
@Component
class StorageKeyRotation {

	private static final Logger log = LoggerFactory.getLogger(StorageKeyRotation.class);

	private static final int BATCH = 500;

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	private final DocumentStore store;

	private final boolean rotating;

	private final Counter resealed;

	private volatile boolean done;

	StorageKeyRotation(JdbcClient db, TransactionTemplate transactions, TenantContext tenants, DocumentStore store,
			DocumentProperties properties, MeterRegistry meters) {
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
		this.store = store;
		String previousKeys = properties.storage().previousKeys();
		this.rotating = previousKeys != null && !previousKeys.isBlank();
		this.resealed = Counter.builder("assay.storage.resealed")
			.description("Stored objects sealed again with the current storage key")
			.register(meters);
	}

	/** What one pass over every stored object did. */
	record Pass(int checked, int resealed, int failed) {
	}

	@Scheduled(initialDelayString = "PT20S", fixedDelayString = "PT1H")
	void sweep() {
		if (!this.rotating || this.done) {
			return;
		}
		Pass pass = resealAll();
		if (pass.failed() == 0) {
			this.done = true;
			log.info(
					"Every stored object is sealed with the current storage key ({} checked, {} resealed now): "
							+ "ASSAY_STORAGE_PREVIOUS_KEYS can be removed from every copy",
					pass.checked(), pass.resealed());
		}
		else {
			log.warn("{} stored object(s) could not be resealed with the current storage key; trying again in an hour",
					pass.failed());
		}
	}

	private record Stored(UUID documentId, UUID organizationId, String key, String sha256, String fileType) {
	}

	/**
	 * One pass: every document's object, and a Word document's layout, resealed if due.
	 */
	Pass resealAll() {
		UUID after = new UUID(0, 0);
		int checked = 0;
		int resealedNow = 0;
		int failed = 0;
		while (true) {
			UUID from = after;
			List<Stored> batch = this.transactions.execute(tx -> this.db.sql("""
					select document_id, organization_id, storage_key, encode(sha256, 'hex'), file_type
					  from assay_documents_to_reseal(?, ?)
					""")
				.params(from, BATCH)
				.query((rs, n) -> new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
						rs.getString(4), rs.getString(5)))
				.list());
			for (Stored document : batch) {
				List<String> keys = "docx".equals(document.fileType())
						? List.of(document.key(), document.key() + "-layout") : List.of(document.key());
				for (String key : keys) {
					checked++;
					switch (this.tenants.callAs(document.organizationId(), null, () -> reseal(document, key))) {
						case RESEALED -> resealedNow++;
						case FAILED -> failed++;
						case KEPT -> {
						}
					}
				}
			}
			if (batch.size() < BATCH) {
				return new Pass(checked, resealedNow, failed);
			}
			after = batch.getLast().documentId();
		}
	}

	private enum Outcome {

		RESEALED, KEPT, FAILED

	}

	private Outcome reseal(Stored document, String key) {
		int recorded = this.transactions.execute(tx -> this.db.sql("""
				insert into pending_store_writes (storage_key, organization_id, sha256)
				values (?, ?, decode(?, 'hex')) on conflict (storage_key) do nothing
				""").params(key, document.organizationId(), document.sha256()).update());
		try {
			if (!this.store.exists(key)) {
				// A layout not made yet, or an object removed meanwhile.
				return Outcome.KEPT;
			}
			if (this.store.reseal(key)) {
				this.resealed.increment();
				return Outcome.RESEALED;
			}
			return Outcome.KEPT;
		}
		catch (IOException ex) {
			log.warn("Could not reseal stored object {}: {}", key, ex.getMessage());
			return Outcome.FAILED;
		}
		finally {
			if (recorded == 1) {
				this.transactions
					.executeWithoutResult(tx -> this.db.sql("delete from pending_store_writes where storage_key = ?")
						.param(key)
						.update());
			}
		}
	}

}
