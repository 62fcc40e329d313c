package io.assay.document;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.platform.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the content of documents kept longer than their organisation's retention
 * ({@code document_retention_days}): the stored file, its Word layout and the text read
 * from it. The document's row stays, marked with when its content went, and so do the
 * verdicts, quotes and audit entries that rest on it; reading the content answers that it
 * was removed. A document in a run that is queued or running keeps its content until the
 * run ends.
 * <p>
 * Safe on every copy at once: each document is taken under its row lock and checked
 * again, and its stored objects are recorded for {@link StoredObjectSweeper} before they
 * are deleted, so that a copy dying between the two leaves nothing behind.
 */
@Component
class DocumentRetention {

	private static final Logger log = LoggerFactory.getLogger(DocumentRetention.class);

	private static final int BATCH = 200;

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	private final DocumentStore store;

	private final AuditTrail audit;

	DocumentRetention(JdbcClient db, TransactionTemplate transactions, TenantContext tenants, DocumentStore store,
			AuditTrail audit) {
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
		this.store = store;
		this.audit = audit;
	}

	private record Due(UUID organizationId, UUID documentId, int retentionDays) {
	}

	private record Removed(String key, boolean lastCopy) {
	}

	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT1H")
	void sweep() {
		int removed = removeDue();
		if (removed > 0) {
			log.info("Removed the content of {} document(s) past their organisation's retention", removed);
		}
	}

	/** Removes the content of every document due now; answers how many. */
	int removeDue() {
		int removed = 0;
		while (true) {
			List<Due> due = this.transactions.execute(tx -> this.db
				.sql("select organization_id, document_id, retention_days from assay_documents_past_retention(?)")
				.param(BATCH)
				.query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3)))
				.list());
			int before = removed;
			for (Due document : due) {
				if (this.tenants.callAs(document.organizationId(), null, () -> remove(document))) {
					removed++;
				}
			}
			// A full batch none of which could be taken (another copy holds them) ends
			// this sweep rather than spin.
			if (due.size() < BATCH || removed == before) {
				return removed;
			}
		}
	}

	/** Removes one document's content, bound to its organisation; true if it went. */
	private boolean remove(Due due) {
		Optional<Removed> removed = this.transactions.execute(tx -> {
			Optional<Document> locked = this.db
				.sql("select * from documents where id = ? and content_removed_at is null for update skip locked")
				.param(due.documentId())
				.query(Documents::document)
				.optional();
			// Checked again under the lock: a run may have started on it meanwhile.
			if (locked.isEmpty() || !Boolean.TRUE
				.equals(this.db.sql("select exists (select from assay_documents_past_retention(1, ?))")
					.param(due.documentId())
					.query(Boolean.class)
					.single())) {
				return Optional.<Removed>empty();
			}
			Document document = locked.get();
			this.db.sql("update documents set content_removed_at = now() where id = ?").param(document.id()).update();
			String key = due.organizationId() + "/" + document.sha256();
			boolean lastCopy = !StoredContent.inUse(this.db, document.sha256());
			if (lastCopy) {
				this.db.sql("delete from parsed_documents where sha256 = decode(?, 'hex')")
					.param(document.sha256())
					.update();
				this.db.sql("delete from document_layouts where sha256 = decode(?, 'hex')")
					.param(document.sha256())
					.update();
				for (String object : List.of(key, key + "-layout")) {
					// Already old, so that the sweeper takes it at its next pass should
					// this copy die before deleting it.
					this.db.sql("""
							insert into pending_store_writes (storage_key, organization_id, sha256, started_at)
							values (?, ?, decode(?, 'hex'), now() - interval '1 day')
							on conflict (storage_key) do nothing
							""").params(object, due.organizationId(), document.sha256()).update();
				}
			}
			this.audit.record("document_content_removed", "document", document.id(),
					Map.of("file_name", document.fileName(), "sha256", document.sha256(), "bucket_id",
							document.bucketId(), "uploaded_at", document.createdAt().toString(), "retention_days",
							due.retentionDays(), "stored_copy_removed", lastCopy));
			return Optional.of(new Removed(key, lastCopy));
		});
		if (removed.isEmpty()) {
			return false;
		}
		if (removed.get().lastCopy()) {
			deleteObjects(removed.get().key());
		}
		return true;
	}

	private void deleteObjects(String key) {
		String sha256 = key.substring(key.indexOf('/') + 1);
		// The same bytes uploaded again since: they are a document's content once more.
		if (Boolean.TRUE.equals(this.transactions.execute(tx -> StoredContent.inUse(this.db, sha256)))) {
			return;
		}
		try {
			for (String object : List.of(key, key + "-layout")) {
				this.store.delete(object);
				this.transactions
					.executeWithoutResult(tx -> this.db.sql("delete from pending_store_writes where storage_key = ?")
						.param(object)
						.update());
			}
		}
		catch (IOException ex) {
			log.warn("Could not delete {} after removing its content; the sweeper tries again", key, ex);
		}
	}

}
