package io.assay;

import io.assay.evaluation.AccuracyCommand;
import io.assay.identity.OrganizationsCommand;
import io.assay.platform.CommandEnvironment;
import io.assay.platform.database.DatabaseHeadStart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Assay: AI pre-assessment of manufacturers' documents for notified bodies.
 */
// Accounts live in PostgreSQL; Boot's in-memory user with a generated password must not
// exist.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class Assay {

	/**
	 * Starts the service; {@code accuracy ...} instead measures the configured judge on
	 * labelled data and exits (see {@link AccuracyCommand}), {@code organizations ...}
	 * lists organisations or changes one's tier (see {@link OrganizationsCommand}). The
	 * service's database is made ready while Spring starts (see
	 * {@link DatabaseHeadStart}).
	 */
	public static void main(String[] args) throws java.io.IOException {
		if (args.length > 0 && args[0].equals("accuracy")) {
			System.exit(AccuracyCommand.run(java.util.List.of(args).subList(1, args.length), System.out));
		}
		if (args.length > 0 && args[0].equals("organizations")) {
			System.exit(OrganizationsCommand.run(java.util.List.of(args).subList(1, args.length), System.out,
					CommandEnvironment.load()));
		}
		SpringApplication assay = new SpringApplication(Assay.class);
		DatabaseHeadStart database = new DatabaseHeadStart();
		assay.addListeners(database);
		assay.addInitializers(database);
		assay.run(args);
	}

}
