package io.assay.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.platform.RequestOrigin;
import io.assay.platform.TenantContext;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records actions in the audit trail. Every call joins the caller's transaction (it
 * refuses to run without one), so an entry exists exactly when the action it records was
 * committed; the entries are written as the transaction commits, so that the
 * organisation's chain is locked only while it does. The organisation and user come from
 * the {@link TenantContext}, the address and user agent from the {@link RequestOrigin};
 * the database adds the time and the chain hash.
 */
@Service
public class AuditTrail {

	private final JdbcClient db;

	private final TenantContext tenants;

	private final RequestOrigin origin;

	private final JsonMapper json;

	private final AuditSeals seals;

	AuditTrail(JdbcClient db, TenantContext tenants, RequestOrigin origin, JsonMapper json, AuditSeals seals) {
		this.seals = seals;
		this.db = db;
		this.tenants = tenants;
		this.origin = origin;
		this.json = json;
	}

	/**
	 * Records an action of the bound organisation's current user.
	 * @param action what happened, past tense in snake_case ({@code user_created})
	 * @param resourceType the kind of thing it happened to ({@code user})
	 * @param resourceId which one, if it has an id
	 * @param metadata what a reviewer needs to understand the action (what changed)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String action, String resourceType, @Nullable UUID resourceId, Map<String, ?> metadata) {
		TenantContext.Tenant tenant = this.tenants.current()
			.orElseThrow(() -> new IllegalStateException("No organisation bound for audit entry " + action));
		insert(tenant.organizationId(), tenant.userId(), action, resourceType, resourceId, metadata);
	}

	/**
	 * Whether the bound user's action on this resource was recorded within
	 * {@code window}: for reads that come in many parts (a viewer's page ranges), which
	 * are worth one entry per reading, not one per part.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean recordedRecently(String action, String resourceType, UUID resourceId, Duration window) {
		TenantContext.Tenant tenant = this.tenants.current()
			.orElseThrow(() -> new IllegalStateException("No organisation bound for audit entry " + action));
		return this.db.sql("""
				select exists (select 1 from audit_logs
				                where resource_type = ? and resource_id = ? and action = ?
				                  and user_id is not distinct from ? and created_at > now() - cast(? as interval))
				""")
			.params(resourceType, resourceId, action, tenant.userId(), window.toSeconds() + " seconds")
			.query(Boolean.class)
			.single();
	}

	/**
	 * Records an event that belongs to no organisation (a failed login for an address no
	 * account has). Such entries are kept in a chain of their own that no tenant can
	 * read.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordWithoutOrganization(String action, Map<String, ?> metadata) {
		if (this.tenants.current().isPresent()) {
			throw new IllegalStateException("An organisation is bound; use record()");
		}
		insert(null, null, action, null, null, metadata);
	}

	private void insert(@Nullable UUID organizationId, @Nullable UUID userId, String action,
			@Nullable String resourceType, @Nullable UUID resourceId, Map<String, ?> metadata) {
		RequestOrigin.Origin from = this.origin.current().orElse(new RequestOrigin.Origin(null, null));
		Entry entry = new Entry(organizationId, userId, action, resourceType, resourceId,
				this.json.writeValueAsString(metadata), from);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			entry.write(this.db, this.seals);
			return;
		}
		pendingInThisTransaction().add(entry);
	}

	/** An entry as recorded, to be written when its transaction commits. */
	private record Entry(@Nullable UUID organizationId, @Nullable UUID userId, String action,
			@Nullable String resourceType, @Nullable UUID resourceId, String metadata, RequestOrigin.Origin from) {

		void write(JdbcClient db, AuditSeals seals) {
			insert(db, seals, this.organizationId, this.userId, this.action, this.resourceType, this.resourceId,
					this.metadata, this.from);
		}

	}

	/**
	 * The entries the current transaction recorded. They are written just before it
	 * commits, in the order recorded: appending takes the lock on the head of the
	 * organisation's chain, and taken then it is held for the commit only, not for the
	 * rest of a long transaction, during which every other audited action of the
	 * organisation would wait. A transaction that rolls back writes none.
	 */
	private List<Entry> pendingInThisTransaction() {
		for (TransactionSynchronization each : TransactionSynchronizationManager.getSynchronizations()) {
			if (each instanceof PendingEntries pending && pending.trail == this) {
				return pending.entries;
			}
		}
		PendingEntries pending = new PendingEntries(this);
		TransactionSynchronizationManager.registerSynchronization(pending);
		return pending.entries;
	}

	/** Writes a transaction's entries before it commits. */
	private static final class PendingEntries implements TransactionSynchronization {

		private final AuditTrail trail;

		private final List<Entry> entries = new ArrayList<>();

		PendingEntries(AuditTrail trail) {
			this.trail = trail;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			for (Entry entry : this.entries) {
				entry.write(this.trail.db, this.trail.seals);
			}
			this.entries.clear();
		}

		/**
		 * After the other synchronizations' work before the commit, which may record too.
		 */
		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/** Writes and seals one entry; the database adds its time and chain hash. */
	static void insert(JdbcClient db, AuditSeals seals, @Nullable UUID organizationId, @Nullable UUID userId,
			String action, @Nullable String resourceType, @Nullable UUID resourceId, String metadata,
			RequestOrigin.Origin from) {
		UUID id = UUID.randomUUID();
		db.sql("""
				insert into audit_logs (id, organization_id, user_id, action, resource_type, resource_id, metadata,
				                        ip_address, user_agent)
				values (:id, :organization, :user, :action, :resourceType, :resourceId, cast(:metadata as jsonb),
				        cast(:ip as inet), :userAgent)
				""")
			.param("id", id)
			.param("organization", organizationId)
			.param("user", userId)
			.param("action", action)
			.param("resourceType", resourceType)
			.param("resourceId", resourceId)
			.param("metadata", metadata)
			.param("ip", from.ipAddress())
			.param("userAgent", from.userAgent())
			.update();
		seals.seal(id);
	}

}
