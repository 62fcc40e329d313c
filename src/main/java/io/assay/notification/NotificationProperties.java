package io.assay.notification;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl where people reach Assay, for links in emails and webhooks
 * @param smtp the mail server; no email is sent without a host
 * @param attempts tries of a delivery before it is given up
 * @param retryBackoff wait before the first retry, doubled for each further one
 * @param webhookTimeout longest a webhook endpoint may take to answer
 */
@ConfigurationProperties("assay.notifications")
record NotificationProperties(@DefaultValue("http://localhost:8080") String publicUrl, @DefaultValue Smtp smtp,
		@DefaultValue("6") int attempts, @DefaultValue("30s") Duration retryBackoff,
		@DefaultValue("10s") Duration webhookTimeout) {

	/**
	 * @param startTls upgrade the connection with STARTTLS when the server offers it
	 */
	record Smtp(@Nullable String host, @DefaultValue("587") int port, @Nullable String username,
			@Nullable String password, @DefaultValue("true") boolean startTls,
			@DefaultValue("Assay <assay@localhost>") String from) {

		Smtp {
			host = host == null || host.isBlank() ? null : host.strip();
			username = username == null || username.isBlank() ? null : username;
			password = password == null || password.isBlank() ? null : password;
		}

	}

}
