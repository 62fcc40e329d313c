package io.assay.notification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.assay.assessment.Assessment;
import io.assay.assessment.AssessmentEnded;
import io.assay.assessment.Assessments;
import io.assay.identity.AccountForKnownAddress;
import io.assay.identity.OrganizationSettings;
import io.assay.identity.User;
import io.assay.identity.UserAdministration;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.workflow.Workflow;
import io.assay.workflow.Workflows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * When an assessment ends: an email to whoever started it and a delivery to the
 * organisation's webhook, each a durable job scheduled in the same transaction as the end
 * (so neither is lost nor sent for an end that was rolled back), retried on failure.
 */
@Component
class Notifications {

	private static final Logger log = LoggerFactory.getLogger(Notifications.class);

	static final String EMAIL = "email";

	static final String WEBHOOK = "webhook";

	static final String ADDRESS = "address";

	/** The durable task that delivers notifications. */
	static final String TASK = "notification";

	private final SchedulerClient jobs;

	private final TenantContext tenants;

	private final Assessments assessments;

	private final Workflows workflows;

	private final UserAdministration users;

	private final Webhooks webhooks;

	private final Mail mail;

	private final AccountLetters accountLetters;

	private final NotificationProperties properties;

	private final JsonMapper json;

	private final MessageSource messages;

	private final OrganizationSettings organizationSettings;

	Notifications(SchedulerClient jobs, TenantContext tenants, Assessments assessments, Workflows workflows,
			UserAdministration users, Webhooks webhooks, NotificationProperties properties, JsonMapper json, Mail mail,
			AccountLetters accountLetters, MessageSource messages, OrganizationSettings organizationSettings) {
		this.messages = messages;
		this.organizationSettings = organizationSettings;
		this.jobs = jobs;
		this.tenants = tenants;
		this.assessments = assessments;
		this.workflows = workflows;
		this.users = users;
		this.webhooks = webhooks;
		this.mail = mail;
		this.accountLetters = accountLetters;
		this.properties = properties;
		this.json = json;
	}

	/** Runs inside the transaction that ended the assessment. */
	@EventListener
	void ended(AssessmentEnded ended) {
		if (this.mail.canSend() && ended.startedBy() != null) {
			schedule(EMAIL, ended);
		}
		if (this.webhooks.endpoint().isPresent()) {
			schedule(WEBHOOK, ended);
		}
	}

	private void schedule(String kind, AssessmentEnded ended) {
		String data = kind + "/" + ended.organizationId() + "/" + ended.assessmentId();
		this.jobs.scheduleIfNotExists(new TaskInstance<>(TASK, kind + ":" + ended.assessmentId(), data), Instant.now());
	}

	/**
	 * An account was made elsewhere for an address that has one: its owner hears of it
	 * (the one who made it does not).
	 */
	@EventListener
	void accountForKnownAddress(AccountForKnownAddress created) {
		if (!this.mail.canSend()) {
			return;
		}
		String data = ADDRESS + "/"
				+ java.util.Base64.getUrlEncoder()
					.encodeToString(this.json
						.writeValueAsBytes(Map.of("email", created.email(), "organization", created.organizationName(),
								"language", Objects.requireNonNullElse(created.language(), "en"))));
		this.jobs.scheduleIfNotExists(new TaskInstance<>(TASK, ADDRESS + ":" + created.userId(), data), Instant.now());
	}

	/** Delivers one notification; an exception means "try again later". */
	void deliver(String data) {
		String[] parts = data.split("/");
		if (parts[0].equals(ADDRESS)) {
			addressNotice(this.json.readTree(java.util.Base64.getUrlDecoder().decode(parts[1])));
			return;
		}
		UUID organization = UUID.fromString(parts[1]);
		UUID subject = UUID.fromString(parts[2]);
		this.tenants.callAs(organization, null, () -> {
			switch (parts[0]) {
				case EMAIL -> email(subject);
				case AccountLetters.INVITATION -> this.accountLetters.invitation(subject);
				case AccountLetters.PASSWORD_RESET -> this.accountLetters.passwordReset(subject);
				default -> webhook(subject);
			}
			return null;
		});
	}

	private void addressNotice(tools.jackson.databind.JsonNode notice) {
		String to = notice.get("email").asString();
		String organization = notice.get("organization").asString();
		// Notices queued before they carried a language are in English.
		Locale locale = Locale.forLanguageTag(notice.path("language").asString("en"));
		this.mail.send(to,
				this.messages.getMessage("mail.address-notice.subject", new Object[] { organization }, locale),
				this.messages.getMessage("mail.address-notice.body", new Object[] { to, organization }, locale));
		log.info("Told the owner of an address that another organisation gave it an account");
	}

	private void email(UUID assessmentId) {
		Assessment assessment = this.assessments.find(assessmentId);
		if (!this.mail.canSend() || assessment.createdBy() == null) {
			return;
		}
		String to;
		String language;
		try {
			User user = this.users.find(assessment.createdBy());
			to = user.email();
			// The language they read Assay in: their own, else their organisation's.
			language = user.locale() != null ? user.locale() : this.organizationSettings.get().defaultLanguage();
		}
		catch (NotFoundException ex) {
			log.info("Not telling anyone that assessment {} ended: the account that started it is gone", assessmentId);
			return;
		}
		Workflow workflow = this.workflows.version(assessment.workflowId(), assessment.workflowVersion());
		Locale locale = Locale.forLanguageTag(Objects.requireNonNullElse(language, "en"));
		this.mail.send(to, subject(assessment, workflow, locale), body(assessment, workflow, locale));
		log.info("Told {} that assessment {} {}", to, assessmentId, assessment.status());
	}

	private String subject(Assessment assessment, Workflow workflow, Locale locale) {
		if (assessment.status().equals("completed")) {
			return this.messages.getMessage("mail.assessment.completed.subject",
					new Object[] { assessment.summary().passed(), assessment.summary().total(), workflow.name() },
					locale);
		}
		return this.messages.getMessage("mail.assessment.ended.subject", new Object[] { workflow.name() }, locale);
	}

	private String body(Assessment assessment, Workflow workflow, Locale locale) {
		Assessment.Summary summary = assessment.summary();
		return assessment.status().equals("completed")
				? this.messages.getMessage("mail.assessment.completed.body",
						new Object[] { workflow.name(), workflow.version(), summary.passed(), summary.total(),
								summary.failed(), summary.needsReview(), link(assessment.id()) },
						locale)
				: this.messages.getMessage("mail.assessment.ended.body", new Object[] { workflow.name(),
						workflow.version(), assessment.errorMessage(this.messages, locale), link(assessment.id()) },
						locale);
	}

	private String link(UUID assessment) {
		String base = this.properties.publicUrl();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/assessments/" + assessment;
	}

	private void webhook(UUID assessmentId) {
		Optional<Webhooks.Endpoint> endpoint = this.webhooks.endpoint();
		if (endpoint.isEmpty()) {
			return;
		}
		Assessment assessment = this.assessments.find(assessmentId);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("event", "assessment." + assessment.status());
		payload.put("assessment_id", assessment.id());
		payload.put("workflow_id", assessment.workflowId());
		payload.put("workflow_version", assessment.workflowVersion());
		payload.put("status", assessment.status());
		payload.put("summary", assessment.summary());
		payload.put("error_message", assessment.errorMessage());
		payload.put("completed_at", assessment.completedAt());
		payload.put("url", link(assessment.id()));
		Webhooks.Delivery delivery = this.webhooks.post(endpoint.get(), "assessment." + assessment.status(),
				assessment.id(), payload);
		if (!delivery.succeeded()) {
			// Redirects are not followed: a 3xx is a failed delivery, retried like any
			// other.
			throw new IllegalStateException(
					delivery.statusCode() != null ? "The webhook answered " + delivery.statusCode()
							: "The webhook could not be reached: " + delivery.error());
		}
		log.info("Webhook told that assessment {} {}", assessmentId, assessment.status());
	}

}
