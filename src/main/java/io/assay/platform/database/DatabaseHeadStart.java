package io.assay.platform.database;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Makes the database ready (starts the embedded server, migrates, provisions the
 * application's role: a second or more) on a thread of its own as soon as the settings
 * are known, while Spring spends its first three seconds reading its configuration and
 * setting the web server up; {@link DatabaseConfiguration} then takes the server from
 * here instead of preparing it. Added by {@code Assay.main} only: a test or a command
 * prepares its database when the bean is made, as it did before. Should starting fail
 * before the server was taken, it is stopped.
 */
public final class DatabaseHeadStart implements ApplicationListener<SpringApplicationEvent>,
		ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final String BEAN = "databaseHeadStart";

	private @Nullable DatabaseProperties properties;

	private @Nullable CompletableFuture<DatabaseServer> server;

	private final AtomicBoolean taken = new AtomicBoolean();

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared && this.server == null) {
			DatabaseProperties settings = Binder.get(prepared.getEnvironment())
				.bindOrCreate("assay.database", DatabaseProperties.class);
			CompletableFuture<DatabaseServer> starting = new CompletableFuture<>();
			Thread.ofPlatform().name("database-head-start").start(() -> {
				try {
					starting.complete(DatabaseServer.prepare(settings));
				}
				catch (Throwable ex) {
					starting.completeExceptionally(ex);
				}
			});
			this.properties = settings;
			this.server = starting;
		}
		else if (event instanceof ApplicationFailedEvent && this.server != null
				&& this.taken.compareAndSet(false, true)) {
			this.server.thenAccept(ServerWhenReady::stop);
		}
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().registerSingleton(BEAN, this);
	}

	/**
	 * The server started ahead for these settings, ready or not yet; null when none was
	 * started for them (the bean then prepares one itself). One started for other
	 * settings is stopped first, so that its hold on the data directory is given up.
	 */
	@Nullable ServerWhenReady take(DatabaseProperties settings) {
		CompletableFuture<DatabaseServer> starting = this.server;
		if (starting == null || !this.taken.compareAndSet(false, true)) {
			return null;
		}
		if (!settings.equals(this.properties)) {
			starting.thenAccept(ServerWhenReady::stop).exceptionally(failed -> null).join();
			return null;
		}
		return new ServerWhenReady(starting);
	}

}
