package io.assay.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What the database announces with {@code NOTIFY} (from triggers, so on commit and from
 * every copy of Assay), heard on one connection of this copy by one thread and handed to
 * whoever listens to the channel here. While the connection is lost (the database
 * restarts, the network drops) announcements are missed: listeners hear so once it is
 * back, and should then look again at what they follow. They hear it too when their
 * channel is first listened to, since what was announced before that was not heard.
 */
@Component
public class DatabaseAnnouncements implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DatabaseAnnouncements.class);

	private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z_]{0,62}");

	/** How long one wait for announcements lasts; also how soon a stop is noticed. */
	private static final int WAIT_MILLIS = 1000;

	private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);

	/**
	 * Hears the announcements of one channel. Called on the listening thread: be quick.
	 */
	public interface Listener {

		void announced(String payload);

		/**
		 * Announcements may have been missed: the connection was lost, or this listener
		 * has only just started to hear its channel. Called once the channel is heard.
		 */
		default void mayHaveMissed() {
		}

	}

	private final ServerWhenReady server;

	private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();

	private volatile boolean running;

	private volatile Thread thread;

	DatabaseAnnouncements(ServerWhenReady server) {
		this.server = server;
	}

	/** Listens to a channel from now on (a lowercase name: letters and underscores). */
	public void listen(String channel, Listener listener) {
		if (!CHANNEL.matcher(channel).matches()) {
			throw new IllegalArgumentException("Not a channel name: " + channel);
		}
		this.listeners.computeIfAbsent(channel, name -> new CopyOnWriteArrayList<>()).add(listener);
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.thread = Thread.ofPlatform().daemon().name("database-announcements").start(this::hear);
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread listening = this.thread;
		if (listening != null) {
			listening.interrupt();
			try {
				listening.join(Duration.ofMillis(WAIT_MILLIS * 3L));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void hear() {
		Duration retry = Duration.ofMillis(250);
		while (this.running) {
			DatabaseServer ready = this.server.await();
			try (Connection connection = DatabaseServer.unpooled(ready.url(), ready.appUser(), ready.appPassword())
				.getConnection()) {
				connection.setAutoCommit(true);
				PGConnection announcements = connection.unwrap(PGConnection.class);
				Set<String> heard = new java.util.HashSet<>();
				Set<Listener> told = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
				retry = Duration.ofMillis(250);
				while (this.running) {
					listenToNewChannels(connection, heard, told);
					PGNotification[] received = announcements.getNotifications(WAIT_MILLIS);
					if (received != null) {
						for (PGNotification notification : received) {
							tell(notification.getName(), notification.getParameter());
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				// Whatever went wrong, the thread carries on: without it this copy would
				// pick up queued work only at its polls.
				if (!this.running) {
					return;
				}
				log.warn("Not hearing the database's announcements ({}); trying again in {} ms", ex.getMessage(),
						retry.toMillis());
				try {
					Thread.sleep(retry);
				}
				catch (InterruptedException interrupted) {
					return;
				}
				retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
			}
		}
	}

	/**
	 * Listens to the channels this connection does not listen to yet, and then tells
	 * their listeners to look again: what was announced before the {@code LISTEN} (on a
	 * connection lost since, or before the channel was first listened to at start-up) was
	 * not heard, and work queued then would otherwise wait for the next poll.
	 */
	private void listenToNewChannels(Connection connection, Set<String> heard, Set<Listener> told) throws SQLException {
		for (Map.Entry<String, List<Listener>> channel : this.listeners.entrySet()) {
			if (heard.add(channel.getKey())) {
				try (Statement statement = connection.createStatement()) {
					// A checked name (CHANNEL): nothing to quote.
					statement.execute("listen " + channel.getKey());
				}
			}
			for (Listener listener : channel.getValue()) {
				if (told.add(listener)) {
					tellMissed(channel.getKey(), listener);
				}
			}
		}
	}

	private void tell(String channel, String payload) {
		for (Listener listener : this.listeners.getOrDefault(channel, List.of())) {
			try {
				listener.announced(payload);
			}
			catch (RuntimeException ex) {
				log.warn("A listener to {} failed on {}", channel, payload, ex);
			}
		}
	}

	private static void tellMissed(String channel, Listener listener) {
		try {
			listener.mayHaveMissed();
		}
		catch (RuntimeException ex) {
			log.warn("A listener to {} failed after missed announcements", channel, ex);
		}
	}

}
