package io.assay.platform.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import io.assay.platform.TenantContext;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Begins every transaction by telling PostgreSQL which organisation it works for, so that
 * row-level security applies to every statement in it. The setting is transaction-local
 * ({@code set_config(…, true)}): it cannot leak to the next user of a pooled connection.
 */
final class TenantTransactionManager extends JdbcTransactionManager {

	private final TenantContext tenants;

	TenantTransactionManager(DataSource dataSource, TenantContext tenants) {
		super(dataSource);
		this.tenants = tenants;
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
