package io.assay;

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

	public static void main(String[] args) {
		SpringApplication.run(Assay.class, args);
	}

}
