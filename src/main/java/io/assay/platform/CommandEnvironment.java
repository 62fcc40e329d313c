package io.assay.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings a command run from the jar ({@code java -jar assay.jar accuracy},
 * {@code ... organizations}) works with: the service's own {@code application.yml} under
 * the environment variables and system properties, without starting the service.
 */
public final class CommandEnvironment {

	private CommandEnvironment() {
	}

	public static StandardEnvironment load() {
		// A command prints its own output; the libraries' start-up notes would drown it.
		if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(ch.qos.logback.classic.Level.WARN);
		}
		StandardEnvironment environment = new StandardEnvironment();
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
					new ClassPathResource("application.yml"))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the settings in application.yml", ex);
		}
		return environment;
	}

}
