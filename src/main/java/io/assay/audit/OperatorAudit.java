package io.assay.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.assay.platform.RequestOrigin;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail for an operator command run from the jar: its entries go into the
 * organisation's chain like any other, sealed with the service's key, with no user (the
 * operator is not one of the organisation's people) and the operating-system account that
 * ran the command in their metadata.
 */
public final class OperatorAudit {

	/** Stands in the user-agent column of an operator's entries. */
	static final String COMMAND = "assay operator command";

	private final JdbcClient db;

	private final AuditSeals seals;

	private final JsonMapper json = JsonMapper.builder().build();

	private OperatorAudit(JdbcClient db, AuditSeals seals) {
		this.db = db;
		this.seals = seals;
	}

	/**
	 * @param owner connections as the tables' owner, in the transaction of the change
	 * recorded
	 * @param environment the service's settings, for the seal key
	 */
	public static OperatorAudit open(JdbcClient owner, Environment environment) {
		AuditSeals.AuditProperties properties = Binder.get(environment)
			.bindOrCreate("assay.audit", Bindable.of(AuditSeals.AuditProperties.class));
		try {
			return new OperatorAudit(owner, AuditSeals.forCommand(owner, properties));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the audit seal key: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Records a change the operator made to an organisation, in the caller's transaction.
	 */
	public void record(UUID organization, String action, String resourceType, UUID resourceId,
			Map<String, ?> metadata) {
		Map<String, Object> withOperator = new LinkedHashMap<>(metadata);
		withOperator.put("operator", System.getProperty("user.name"));
		AuditTrail.insert(this.db, this.seals, organization, null, action, resourceType, resourceId,
				this.json.writeValueAsString(withOperator), new RequestOrigin.Origin(null, COMMAND));
	}

}
