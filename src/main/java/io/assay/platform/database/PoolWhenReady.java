package io.assay.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The application's pool, made before the server may be ready (the head start can still
 * be preparing it): it learns where to connect, and checks who it connects as, at its
 * first connection, waiting for the server then. Until that connection Hikari has not
 * started the pool, so the settings can still be given.
 */
final class PoolWhenReady extends HikariDataSource {

	private final ServerWhenReady server;

	private volatile boolean connected;

	private @Nullable IllegalStateException refused;

	PoolWhenReady(ServerWhenReady server, int size, Duration connectionTimeout) {
		this.server = server;
		DatabaseConfiguration.settle(this, "assay", size, connectionTimeout);
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (!this.connected) {
			connect();
		}
		return super.getConnection();
	}

	private synchronized void connect() throws SQLException {
		if (this.connected) {
			return;
		}
		if (this.refused != null) {
			throw this.refused;
		}
		DatabaseServer ready = this.server.await();
		DatabaseConfiguration.connectTo(this, ready.url(), ready);
		Connection first = super.getConnection();
		try {
			DatabaseConfiguration
				.requireUnprivilegedSession(JdbcClient.create(new SingleConnectionDataSource(first, true)));
		}
		catch (IllegalStateException ex) {
			// The pool has started with these settings: refused for good, and said so
			// again, not through Hikari's "sealed" complaint.
			this.refused = ex;
			throw ex;
		}
		finally {
			first.close();
		}
		this.connected = true;
	}

}
