package io.assay.platform.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * Starts the embedded PostgreSQL of the default set-up, keeping its files between runs,
 * and explains what to do instead when it cannot start.
 * <p>
 * The embedded server holds real data, so it is set up as a production server would be:
 * it listens on loopback only, with no Unix socket, asks every role for its password
 * (SCRAM), and writes durably. The superuser's password is generated at the first start
 * and kept in a file only the operating-system user may read. zonky's test-oriented
 * defaults (trust authentication, {@code fsync} and {@code synchronous_commit} off) are
 * overridden here.
 */
final class EmbeddedDatabase {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	static final String SUPERUSER = "postgres";

	/** Written at every start, so that a hand-edited or old file cannot reopen trust. */
	private static final String PASSWORD_ONLY_ACCESS = """
			# Written by Assay at every start: a password (SCRAM) for every role, loopback only.
			local all all scram-sha-256
			host  all all 127.0.0.1/32 scram-sha-256
			host  all all ::1/128 scram-sha-256
			""";

	/** Earlier versions of Assay created the cluster with trust and no password. */
	private static final String TRUST_ON_LOOPBACK = """
			# Written by Assay for one start only, to give the superuser of an older data directory a password.
			host  all all 127.0.0.1/32 trust
			host  all all ::1/128 trust
			""";

	private EmbeddedDatabase() {
	}

	/**
	 * A running embedded server, the superuser's password, and this process's claim on
	 * the data directory; closing stops the server, then gives up the claim, once however
	 * often it is called.
	 */
	static final class Started implements AutoCloseable {

		private final EmbeddedPostgres postgres;

		private final String superuserPassword;

		private final Claim claim;

		private final AtomicBoolean closed = new AtomicBoolean();

		private Started(EmbeddedPostgres postgres, String superuserPassword, Claim claim) {
			this.postgres = postgres;
			this.superuserPassword = superuserPassword;
			this.claim = claim;
		}

		EmbeddedPostgres postgres() {
			return this.postgres;
		}

		String superuserPassword() {
			return this.superuserPassword;
		}

		@Override
		public void close() throws IOException {
			if (!this.closed.compareAndSet(false, true)) {
				return;
			}
			try {
				this.postgres.close();
			}
			finally {
				this.claim.close();
			}
		}

	}

	/**
	 * Starts the server for the application. It is stopped when the application's context
	 * is closed (the pool, the jobs and the web server done with it first) or, should the
	 * JVM exit without that, by Spring Boot's shutdown once every context is closed; not
	 * by a JVM shutdown hook of its own, which would stop it while the context is still
	 * finishing requests and jobs on it.
	 */
	static Started startForTheApplication(DatabaseProperties.Embedded settings) {
		Started started = start(settings, claim(settings), false);
		Runnable stop = () -> {
			try {
				started.close();
			}
			catch (IOException ex) {
				log.warn("Could not stop the embedded PostgreSQL", ex);
			}
		};
		try {
			SpringApplication.getShutdownHandlers().add(stop);
		}
		catch (IllegalStateException shuttingDown) {
			// Told to stop while the server was starting: nothing will use it.
			stop.run();
			throw shuttingDown;
		}
		return started;
	}

	/** Starts the server for a command or a test: stopped when the JVM exits. */
	static Started start(DatabaseProperties.Embedded settings) {
		return start(settings, claim(settings));
	}

	private static Claim claim(DatabaseProperties.Embedded settings) {
		Claim claim;
		try {
			claim = Claim.take(settings.directory())
				.orElseThrow(() -> new EmbeddedDatabaseUnavailableException(heldByAnotherCopy(settings), null));
		}
		catch (IOException ex) {
			throw new EmbeddedDatabaseUnavailableException(explain(settings, ex), ex);
		}
		return claim;
	}

	private static String heldByAnotherCopy(DatabaseProperties.Embedded settings) {
		return "Another copy of Assay is running on the embedded PostgreSQL in "
				+ settings.directory().toAbsolutePath().normalize() + " (it holds "
				+ Claim.lockFile(settings.directory())
				+ "). Stop it first, or give this copy its own ASSAY_DATA_DIR; copies that share their data need a"
				+ " PostgreSQL server (ASSAY_DATABASE_URL).";
	}

	/**
	 * Starts the server on a directory this process has claimed; the claim is given up if
	 * it cannot start.
	 */
	static Started start(DatabaseProperties.Embedded settings, Claim claim) {
		return start(settings, claim, true);
	}

	private static Started start(DatabaseProperties.Embedded settings, Claim claim, boolean stopWhenTheJvmExits) {
		try {
			Files.createDirectories(settings.directory());
			stopServerLeftRunning(settings.directory());
			boolean initialised = Files.exists(settings.directory().resolve("postgresql.conf"));
			boolean hasPassword = Files.exists(settings.passwordFile());
			// A data directory from a version of Assay that left the superuser without a
			// password: start it once as it was (loopback only), then give it one.
			boolean upgradeFromTrust = initialised && !hasPassword;
			String password = hasPassword ? readPassword(settings.passwordFile()) : randomPassword();
			Path pendingPassword = settings.passwordFile()
				.resolveSibling(settings.passwordFile().getFileName() + ".new");
			if (!hasPassword) {
				writePrivately(pendingPassword, password);
			}
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(settings.directory())
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(stopWhenTheJvmExits)
				.setPGStartupWait(Duration.ofSeconds(60))
				// initdb: the superuser gets the password, every connection must give
				// one.
				.setLocaleConfig("auth", "scram-sha-256")
				.setLocaleConfig("pwfile",
						(hasPassword ? settings.passwordFile() : pendingPassword).toAbsolutePath().toString())
				.setConnectConfig("password", password)
				.setDataDirectoryCustomizer(directory -> writeAccessRules(directory.toPath(),
						upgradeFromTrust ? TRUST_ON_LOOPBACK : PASSWORD_ONLY_ACCESS))
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("unix_socket_directories", "")
				.setServerConfig("password_encryption", "scram-sha-256")
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				// The server's own log (errors, slow checkpoints, crashes) in a file per
				// weekday inside its directory, a week kept: without it nothing it says
				// after starting is written anywhere.
				.setServerConfig("logging_collector", "on")
				.setServerConfig("log_directory", "log")
				.setServerConfig("log_filename", "postgresql-%a.log")
				.setServerConfig("log_truncate_on_rotation", "on")
				.setServerConfig("log_rotation_age", "1d")
				.setServerConfig("log_rotation_size", "0");
			if (settings.port() > 0) {
				builder.setPort(settings.port());
			}
			EmbeddedPostgres postgres = builder.start();
			try {
				if (upgradeFromTrust) {
					setSuperuserPassword(postgres, password);
					writeAccessRules(settings.directory(), PASSWORD_ONLY_ACCESS);
					reloadAccessRules(postgres);
					log.info("The embedded PostgreSQL's superuser now has a password, kept in {}",
							settings.passwordFile().toAbsolutePath().normalize());
				}
				if (!hasPassword) {
					Files.move(pendingPassword, settings.passwordFile(), StandardCopyOption.ATOMIC_MOVE);
				}
			}
			catch (IOException | SQLException | RuntimeException ex) {
				postgres.close();
				throw ex;
			}
			log.info("Embedded PostgreSQL is running on 127.0.0.1:{} with its data in {}", postgres.getPort(),
					settings.directory().toAbsolutePath().normalize());
			return new Started(postgres, password, claim);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			claim.close();
			throw new EmbeddedDatabaseUnavailableException(explain(settings, ex), ex);
		}
	}

	/**
	 * The port the embedded server on this data directory listens on, read from its lock
	 * file: for an operator command beside a running copy of Assay.
	 */
	static Optional<Integer> portOfRunningServer(Path dataDirectory) throws IOException {
		Path lockFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(lockFile)) {
			return Optional.empty();
		}
		// postmaster.pid: pid, data directory, start time, port, ...
		List<String> lines = Files.readAllLines(lockFile, StandardCharsets.UTF_8);
		return lines.size() < 4 ? Optional.empty() : parsePid(lines.get(3)).map(Long::intValue);
	}

	/**
	 * When an earlier run of Assay died without stopping its embedded server (killed,
	 * power-cycled container), that server may still be running on this data directory,
	 * and a new one cannot start beside it. It is stopped (a smart shutdown, which its
	 * dead clients no longer hold up; killed if it does not end); a lock file naming a
	 * process that is not this directory's PostgreSQL is stale and removed.
	 */
	static void stopServerLeftRunning(Path dataDirectory) throws IOException {
		Path lockFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(lockFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(lockFile, StandardCharsets.UTF_8);
		Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty()
				: parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
		boolean ours = server.isPresent() && lines.size() > 1
				&& sameDirectory(Path.of(lines.get(1).strip()), dataDirectory)
				&& server.get().info().command().map(command -> command.endsWith("postgres")).orElse(false);
		if (!ours) {
			log.info("Removing the stale lock file {} of an embedded PostgreSQL that is no longer running", lockFile);
			Files.deleteIfExists(lockFile);
			return;
		}
		ProcessHandle postmaster = server.get();
		log.warn("The embedded PostgreSQL (pid {}) of a run of Assay that did not stop is still running on {}: "
				+ "stopping it", postmaster.pid(), dataDirectory);
		List<ProcessHandle> backends = postmaster.descendants().toList();
		postmaster.destroy();
		if (!ended(postmaster, Duration.ofSeconds(60))) {
			log.warn("The embedded PostgreSQL (pid {}) did not shut down; killing it", postmaster.pid());
			postmaster.destroyForcibly();
			backends.forEach(ProcessHandle::destroyForcibly);
			ended(postmaster, Duration.ofSeconds(30));
		}
		backends.forEach(backend -> ended(backend, Duration.ofSeconds(30)));
	}

	private static Optional<Long> parsePid(String line) {
		try {
			return Optional.of(Long.parseLong(line.strip()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean sameDirectory(Path a, Path b) {
		try {
			return Files.isSameFile(a, b);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean ended(ProcessHandle process, Duration wait) {
		try {
			process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
		catch (ExecutionException | TimeoutException ex) {
			return !process.isAlive();
		}
	}

	private static void setSuperuserPassword(EmbeddedPostgres postgres, String password) throws SQLException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			// ALTER ROLE takes no bind parameter; the password is our own base64url text.
			statement.execute("alter role " + SUPERUSER + " password '" + password + "'");
		}
	}

	private static void reloadAccessRules(EmbeddedPostgres postgres) throws SQLException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("select pg_reload_conf()");
		}
	}

	private static void writeAccessRules(Path dataDirectory, String rules) {
		try {
			Files.writeString(dataDirectory.resolve("pg_hba.conf"), rules, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not write pg_hba.conf in " + dataDirectory + ": " + ex.getMessage(),
					ex);
		}
	}

	private static String readPassword(Path file) throws IOException {
		String password = Files.readString(file, StandardCharsets.UTF_8).strip();
		if (password.isEmpty()) {
			throw new IOException(file + " is empty; it should hold the embedded PostgreSQL's superuser password");
		}
		return password;
	}

	/** Created with owner-only permissions from the start, never readable by others. */
	private static void writePrivately(Path file, String password) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		if (!Files.isDirectory(directory)) {
			Files.createDirectories(directory);
			restrict(directory, "rwx------");
		}
		Files.deleteIfExists(file);
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			// A file system without POSIX permissions (Windows): its ACLs apply.
			Files.createFile(file);
		}
		Files.writeString(file, password + System.lineSeparator(), StandardCharsets.UTF_8);
	}

	private static void restrict(Path path, String permissions) throws IOException {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
		catch (UnsupportedOperationException ex) {
			log.debug("No POSIX permissions on {}", path);
		}
	}

	private static String randomPassword() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String explain(DatabaseProperties.Embedded settings, Exception ex) {
		String cause = rootMessage(ex);
		String reason;
		// initdb: "cannot be run as root"; postgres: "root execution ... is not
		// permitted".
		if (cause.contains("root")) {
			reason = "PostgreSQL refuses to run as the operating-system user root, and Assay is running as root.";
		}
		else if (cause.contains("password authentication failed")) {
			reason = "The embedded PostgreSQL in " + settings.directory().toAbsolutePath().normalize()
					+ " refused the superuser password kept in " + settings.passwordFile().toAbsolutePath().normalize()
					+ ": the data directory and the password file do not belong together. Restore the password file"
					+ " that was made with this data directory.";
		}
		else {
			reason = "The embedded PostgreSQL could not start in " + settings.directory().toAbsolutePath().normalize()
					+ ": " + cause;
		}
		return reason + System.lineSeparator()
				+ "Either run Assay as an ordinary user, or point it at a PostgreSQL 15+ server:"
				+ System.lineSeparator() + "  ASSAY_DATABASE_URL=jdbc:postgresql://HOST:5432/DATABASE"
				+ System.lineSeparator()
				+ "  ASSAY_DATABASE_OWNER_USER=... ASSAY_DATABASE_OWNER_PASSWORD=...   (owns the tables, runs migrations)"
				+ System.lineSeparator()
				+ "  ASSAY_DATABASE_APP_USER=assay_app ASSAY_DATABASE_APP_PASSWORD=...   (the role Assay works as)"
				+ System.lineSeparator() + "(underlying error: " + cause + ")";
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return String.valueOf(cause.getMessage());
	}

	/**
	 * One process's exclusive hold on an embedded data directory, an operating-system
	 * lock on a file beside it. A second copy of Assay started on the same directory
	 * would otherwise take the first one's running server for one left behind by a crash
	 * and stop it. The operating system lets go of the lock when the process dies,
	 * however it dies.
	 */
	static final class Claim implements AutoCloseable {

		private final FileChannel channel;

		private final FileLock lock;

		private Claim(FileChannel channel, FileLock lock) {
			this.channel = channel;
			this.lock = lock;
		}

		static Path lockFile(Path dataDirectory) {
			Path absolute = dataDirectory.toAbsolutePath().normalize();
			return absolute.resolveSibling(absolute.getFileName() + ".lock");
		}

		/** The claim, or empty when another process (or this one) holds it. */
		static Optional<Claim> take(Path dataDirectory) throws IOException {
			Path lockFile = lockFile(dataDirectory);
			Files.createDirectories(lockFile.getParent());
			FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			try {
				FileLock lock = channel.tryLock();
				if (lock != null) {
					return Optional.of(new Claim(channel, lock));
				}
			}
			catch (OverlappingFileLockException ex) {
				// Held by this very process: an operator command run inside a test.
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
			channel.close();
			return Optional.empty();
		}

		@Override
		public void close() {
			try {
				this.lock.release();
				this.channel.close();
			}
			catch (IOException ex) {
				log.warn("Could not release the lock on the embedded database's directory", ex);
			}
		}

	}

	/** The embedded database could not start; the message says what to do instead. */
	static final class EmbeddedDatabaseUnavailableException extends RuntimeException {

		EmbeddedDatabaseUnavailableException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
