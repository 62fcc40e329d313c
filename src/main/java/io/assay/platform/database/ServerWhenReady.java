package io.assay.platform.database;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database server, once it is ready: at once when the bean prepared it, or later when
 * {@link DatabaseHeadStart} is still preparing it, so that Spring can go on making the
 * beans that do not need a connection meanwhile. Closing stops the server, whenever it
 * gets ready.
 */
final class ServerWhenReady implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ServerWhenReady.class);

	private final CompletableFuture<DatabaseServer> server;

	ServerWhenReady(CompletableFuture<DatabaseServer> server) {
		this.server = server;
	}

	static ServerWhenReady ready(DatabaseServer server) {
		return new ServerWhenReady(CompletableFuture.completedFuture(server));
	}

	/**
	 * The server, waiting for it; the exception that made preparing it fail, as it was.
	 */
	DatabaseServer await() {
		try {
			return this.server.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	@Override
	public void close() {
		this.server.thenAccept(ServerWhenReady::stop);
	}

	static void stop(DatabaseServer server) {
		try {
			server.close();
		}
		catch (Exception ex) {
			log.warn("Could not stop the database server", ex);
		}
	}

}
