package io.assay.identity;

import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tells, through an event, when a new account's address has accounts elsewhere. */
@Component
class KnownAddresses {

	private final JdbcClient db;

	private final ApplicationEventPublisher events;

	KnownAddresses(JdbcClient db, ApplicationEventPublisher events) {
		this.db = db;
		this.events = events;
	}

	/** Runs in the transaction that created the account, after its insert. */
	void accountCreated(String email, UUID userId, UUID organizationId) {
		long elsewhere = this.db.sql("select count(*) from assay_login_account(?) where organization_id <> ?")
			.params(email.trim().toLowerCase(java.util.Locale.ROOT), organizationId)
			.query(Long.class)
			.single();
		if (elsewhere > 0) {
			String organization = this.db.sql("select name from organizations where id = ?")
				.param(organizationId)
				.query(String.class)
				.single();
			List<String> languages = this.db
				.sql("select distinct language from assay_address_languages(?, ?) language where language is not null")
				.params(email.trim(), organizationId)
				.query((rs, n) -> rs.getString(1))
				.list();
			this.events.publishEvent(new AccountForKnownAddress(email.trim(), userId, organization,
					languages.size() == 1 ? languages.getFirst() : null));
		}
	}

}
