package io.assay.platform.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import io.assay.platform.TenantContext;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Begins every transaction by telling PostgreSQL which organisation it works for, so that
 * row-level security applies to every statement in it. The setting is transaction-local
 * ({@code set_config(…, true)}): it cannot leak to the next user of a pooled connection.
 * With a read replica, a {@link ReadReplica#MAY_TRAIL} read begins on the standby's
 * connection when {@link ReplicaRouting} lets it; the same setting applies there.
 */
final class TenantTransactionManager extends JdbcTransactionManager {

	private final TenantContext tenants;

	private final @Nullable ReplicaRouting replica;

	TenantTransactionManager(DataSource dataSource, TenantContext tenants, @Nullable ReplicaRouting replica) {
		super(dataSource);
		this.tenants = tenants;
		this.replica = replica;
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		if (this.replica != null && ReadReplica.mayServe(definition)) {
			this.replica.beginTrailingRead(() -> super.doBegin(transaction, definition));
		}
		else {
			super.doBegin(transaction, definition);
		}
	}

	@Override
	protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
			throws SQLException {
		super.prepareTransactionalConnection(connection, definition);
		String organization = this.tenants.organizationId().map(UUID::toString).orElse("");
		try (PreparedStatement statement = connection
			.prepareStatement("select set_config('app.current_org', ?, true)")) {
			statement.setString(1, organization);
			statement.execute();
		}
	}

}
