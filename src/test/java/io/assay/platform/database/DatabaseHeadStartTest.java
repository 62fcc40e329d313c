package io.assay.platform.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.assay.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database made ready while Spring starts: the bean gets that server when its
 * settings are the ones it was started with (and one started for others is stopped), a
 * start that failed says why as it would have without the head start, and an application
 * that fails to start stops the server started for it.
 */
class DatabaseHeadStartTest {

	private final SpringApplication application = new SpringApplication(DatabaseHeadStartTest.class);

	@Test
	void theBeanGetsTheServerStartedForItsSettingsOnce(@TempDir Path temp) throws Exception {
		DatabaseHeadStart headStart = new DatabaseHeadStart();
		StandardEnvironment environment = environment(temp);
		headStart.onApplicationEvent(prepared(environment));

		ServerWhenReady ahead = headStart.take(settings(environment));
		assertThat(ahead).isNotNull();
		try (DatabaseServer server = ahead.await()) {
			assertThat(JdbcClient.create(server.ownerDataSource())
				.sql("select count(*) from flyway_schema_history where success")
				.query(Integer.class)
				.single()).as("migrated").isPositive();
			assertThat(headStart.take(settings(environment))).as("taken once").isNull();
		}
	}

	@Test
	void aServerStartedForOtherSettingsIsStoppedAndNotGiven(@TempDir Path temp) throws Exception {
		DatabaseHeadStart headStart = new DatabaseHeadStart();
		StandardEnvironment environment = environment(temp);
		headStart.onApplicationEvent(prepared(environment));
		DatabaseProperties settings = settings(environment);
		DatabaseProperties others = new DatabaseProperties(null, settings.owner(), settings.app(), 3,
				settings.connectionTimeout(), settings.embedded(), settings.replica());

		assertThat(headStart.take(others)).as("the bean prepares its own").isNull();

		Optional<EmbeddedDatabase.Claim> claim = claim(temp.resolve("postgres"));
		assertThat(claim).as("the data directory free for the bean's own server").isPresent();
		claim.orElseThrow().close();
		assertThat(headStart.take(settings)).as("stopped, not given later").isNull();
	}

	@Test
	void aHeadStartThatFailsSaysWhyAsTheBeanWould(@TempDir Path temp) throws Exception {
		Path notADirectory = Files.writeString(temp.resolve("postgres"), "a file where the data directory should be");
		DatabaseHeadStart headStart = new DatabaseHeadStart();
		StandardEnvironment environment = environment(temp);
		headStart.onApplicationEvent(prepared(environment));

		ServerWhenReady ahead = headStart.take(settings(environment));
		assertThat(ahead).isNotNull();
		assertThatThrownBy(ahead::await).isInstanceOf(EmbeddedDatabase.EmbeddedDatabaseUnavailableException.class)
			.hasMessageStartingWith("The embedded PostgreSQL could not start in " + notADirectory);
	}

	@Test
	void aStartThatFailsStopsTheServerStartedForIt(@TempDir Path temp) throws Exception {
		DatabaseHeadStart headStart = new DatabaseHeadStart();
		Path directory = temp.resolve("postgres");
		headStart.onApplicationEvent(prepared(environment(temp)));
		Eventually.until(Duration.ofSeconds(120), () -> Files.exists(directory.resolve("postmaster.pid")),
				running -> running);

		headStart.onApplicationEvent(new ApplicationFailedEvent(this.application, new String[0], null,
				new IllegalStateException("a bean could not be made")));

		// PostgreSQL removes its pid file when it has shut down; the claim on the data
		// directory is given up after it.
		Eventually.until(Duration.ofSeconds(120), () -> !Files.exists(directory.resolve("postmaster.pid")),
				stopped -> stopped);
		Optional<EmbeddedDatabase.Claim> claim = Eventually.until(Duration.ofSeconds(60), () -> claim(directory),
				Optional::isPresent);
		claim.orElseThrow().close();
	}

	private static Optional<EmbeddedDatabase.Claim> claim(Path directory) {
		try {
			return EmbeddedDatabase.Claim.take(directory);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static DatabaseProperties settings(StandardEnvironment environment) {
		return Binder.get(environment).bindOrCreate("assay.database", DatabaseProperties.class);
	}

	static StandardEnvironment environment(Path temp) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test",
					Map.of("assay.database.embedded.directory", temp.resolve("postgres").toString(),
							"assay.database.embedded.password-file",
							temp.resolve("keys/postgres.password").toString())));
		return environment;
	}

	private ApplicationEnvironmentPreparedEvent prepared(StandardEnvironment environment) {
		return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), this.application, new String[0],
				environment);
	}

}
