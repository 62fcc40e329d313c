package io.assay.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The test suite's way past row-level security: statements as the owner of the tables, to
 * set up rows of any organisation and to tamper with them as an attacker with owner
 * rights could.
 */
public final class TestDatabase {

	private final DatabaseServer server;

	public TestDatabase(Object databaseServer) {
		this.server = (DatabaseServer) databaseServer;
	}

	public JdbcClient asOwner() {
		return JdbcClient.create(this.server.ownerDataSource());
	}

	/**
	 * Runs statements as the owner in one transaction, so that other sessions never see
	 * an intermediate state (a trigger switched off, say).
	 */
	public void asOwnerInOneTransaction(Consumer<JdbcClient> work) {
		try (Connection connection = this.server.ownerDataSource().getConnection()) {
			connection.setAutoCommit(false);
			work.accept(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url() {
		return this.server.url();
	}

	public String ownerUser() {
		return this.server.ownerUser();
	}

	public String ownerPassword() {
		return this.server.ownerPassword() == null ? "" : this.server.ownerPassword();
	}

	public String appUser() {
		return this.server.appUser();
	}

}
