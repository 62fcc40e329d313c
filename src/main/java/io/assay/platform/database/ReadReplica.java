package io.assay.platform.database;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.TransactionAttribute;

/**
 * Marks the reads a hot standby may serve when one is configured
 * ({@code ASSAY_DATABASE_REPLICA_URL}): read-only transactions labelled
 * {@code @Transactional(readOnly = true, label = ReadReplica.MAY_TRAIL)}.
 * <p>
 * Only reads that may trail the primary by the standby's allowed lag are labelled: lists,
 * analytics, usage and the audit log, the reads that grow with an organisation. What
 * decides access (tokens, sessions, roles) and the page of a single object someone has
 * just changed always read the primary, so that nobody is let in by a revoked token or
 * sent to an assessment the standby has not seen yet.
 */
public final class ReadReplica {

	/** The transaction label of a read the standby may serve. */
	public static final String MAY_TRAIL = "assay:read-replica";

	private ReadReplica() {
	}

	static boolean mayServe(TransactionDefinition definition) {
		return definition.isReadOnly() && definition instanceof TransactionAttribute attribute
				&& attribute.getLabels().contains(MAY_TRAIL);
	}

}
