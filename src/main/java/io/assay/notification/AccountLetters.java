package io.assay.notification;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.assay.identity.InvitationToSend;
import io.assay.identity.Invitations;
import io.assay.identity.PasswordResetToSend;
import io.assay.identity.PasswordResets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The emails accounts rely on: invitations and password reset links, written in the
 * reader's language. Each is a durable job scheduled with the request that asked for it;
 * the link's secret is made when the email is written, so it exists only in the email.
 */
@Component
class AccountLetters {

	private static final Logger log = LoggerFactory.getLogger(AccountLetters.class);

	static final String INVITATION = "invitation";

	static final String PASSWORD_RESET = "password-reset";

	private final SchedulerClient jobs;

	private final Mail mail;

	private final MessageSource messages;

	private final Invitations invitations;

	private final PasswordResets resets;

	private final NotificationProperties properties;

	AccountLetters(SchedulerClient jobs, Mail mail, MessageSource messages, Invitations invitations,
			PasswordResets resets, NotificationProperties properties) {
		this.jobs = jobs;
		this.mail = mail;
		this.messages = messages;
		this.invitations = invitations;
		this.resets = resets;
		this.properties = properties;
	}

	/** Runs in the transaction that made or resent the invitation. */
	@EventListener
	void invitationToSend(InvitationToSend due) {
		this.jobs.scheduleIfNotExists(
				new TaskInstance<>(Notifications.TASK, INVITATION + ":" + due.invitationId() + ":" + due.sending(),
						INVITATION + "/" + due.organizationId() + "/" + due.invitationId()),
				Instant.now());
	}

	/** Runs in the transaction that recorded the request. */
	@EventListener
	void passwordResetToSend(PasswordResetToSend due) {
		this.jobs.scheduleIfNotExists(new TaskInstance<>(Notifications.TASK, PASSWORD_RESET + ":" + due.resetId(),
				PASSWORD_RESET + "/" + due.organizationId() + "/" + due.resetId()), Instant.now());
	}

	/** Writes and sends an invitation; runs bound to its organisation. */
	void invitation(UUID invitationId) {
		Invitations.Letter letter = this.invitations.letter(invitationId).orElse(null);
		if (letter == null) {
			log.info("Invitation {} was accepted or revoked before its email went out", invitationId);
			return;
		}
		Locale locale = locale(letter.locale());
		String role = this.messages.getMessage("role." + letter.role().value(), null, locale);
		String inviter = letter.invitedBy() != null ? letter.invitedBy()
				: this.messages.getMessage("mail.invitation.an-administrator", null, locale);
		this.mail.send(letter.to(),
				this.messages.getMessage("mail.invitation.subject", new Object[] { letter.organizationName() }, locale),
				this.messages.getMessage("mail.invitation.body",
						new Object[] { inviter, letter.organizationName(), role,
								link("/invitations/" + letter.linkSecret()), when(letter.expiresAt(), locale) },
						locale));
		log.info("Sent invitation {}", invitationId);
	}

	/** Writes and sends a password reset link; runs bound to its organisation. */
	void passwordReset(UUID resetId) {
		PasswordResets.Letter letter = this.resets.letter(resetId).orElse(null);
		if (letter == null) {
			log.info("Password reset {} was used, or its account deactivated, before its email went out", resetId);
			return;
		}
		Locale locale = locale(letter.locale());
		this.mail.send(letter.to(),
				this.messages.getMessage("mail.password-reset.subject", new Object[] { letter.organizationName() },
						locale),
				this.messages.getMessage("mail.password-reset.body",
						new Object[] { letter.name(), letter.organizationName(),
								link("/password-reset/" + letter.linkSecret()), when(letter.expiresAt(), locale) },
						locale));
		log.info("Sent password reset link {}", resetId);
	}

	private String link(String path) {
		String base = this.properties.publicUrl();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

	private static Locale locale(@Nullable String language) {
		return language == null ? Locale.ENGLISH : Locale.forLanguageTag(language);
	}

	private static String when(Instant instant, Locale locale) {
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
			.withLocale(locale)
			.withZone(ZoneOffset.UTC)
			.format(instant) + " UTC";
	}

}
