package io.assay.web;

import io.assay.identity.Accounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started Assay where to open it and how to get in the first time. */
@Component
class FirstSteps {

	private static final Logger log = LoggerFactory.getLogger(FirstSteps.class);

	private final Accounts accounts;

	FirstSteps(Accounts accounts) {
		this.accounts = accounts;
	}

	@EventListener
	void announce(ApplicationReadyEvent ready) {
		if (!(ready.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		String base = "http://localhost:" + web.getWebServer().getPort();
		String next;
		if (this.accounts.anyOrganizationExists()) {
			next = "Sign in at " + base + "/login";
		}
		else if (this.accounts.signupEnabled()) {
			next = "First time: open " + base + "/signup to create your organisation and its administrator account";
		}
		else {
			next = "No organisation exists yet and sign-up is switched off (ASSAY_SIGNUP_ENABLED=false): "
					+ "switch it on once to create the first organisation";
		}
		log.info("{}{}  Assay is running at {}{}  {}{}  API reference: {}/swagger-ui.html{}", System.lineSeparator(),
				System.lineSeparator(), base, System.lineSeparator(), next, System.lineSeparator(), base,
				System.lineSeparator());
	}

}
