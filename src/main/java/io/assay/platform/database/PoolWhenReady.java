package io.assay.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The application's pool while the head start is still preparing the server: made at
 * once, it learns where to connect, and checks who it connects as, at its first
 * connection, waiting for the server then. Until that connection Hikari has not started
 * the pool, so the settings can still be given.
 */
final class PoolWhenReady extends HikariDataSource {

	private final ServerWhenReady server;

	private volatile boolean connected;

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
		DatabaseServer ready = this.server.await();
		DatabaseConfiguration.connectTo(this, ready.url(), ready);
		Connection first = super.getConnection();
		try {
			DatabaseConfiguration
				.requireUnprivilegedSession(JdbcClient.create(new SingleConnectionDataSource(first, true)));
		}
		finally {
			first.close();
		}
		this.connected = true;
	}

}
