package io.assay.notification;

import java.util.Objects;
import java.util.Properties;

import io.assay.identity.AccountMail;
import org.jspecify.annotations.Nullable;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** The mail server, when one is configured: every email Assay sends goes through here. */
@Component
class Mail implements AccountMail {

	private final @Nullable JavaMailSender sender;

	private final String from;

	Mail(NotificationProperties properties) {
		this.sender = properties.smtp().host() == null ? null : sender(properties.smtp());
		this.from = properties.smtp().from();
	}

	@Override
	public boolean canSend() {
		return this.sender != null;
	}

	/** Sends a plain-text email; an exception means "try again later". */
	void send(String to, String subject, String text) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(to);
		message.setSubject(subject);
		message.setText(text);
		Objects.requireNonNull(this.sender, "No mail server is configured").send(message);
	}

	private static JavaMailSender sender(NotificationProperties.Smtp smtp) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(smtp.host());
		sender.setPort(smtp.port());
		sender.setUsername(smtp.username());
		sender.setPassword(smtp.password());
		sender.setDefaultEncoding("UTF-8");
		Properties mail = sender.getJavaMailProperties();
		mail.put("mail.smtp.auth", Boolean.toString(smtp.username() != null));
		mail.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
		mail.put("mail.smtp.connectiontimeout", "10000");
		mail.put("mail.smtp.timeout", "30000");
		mail.put("mail.smtp.writetimeout", "30000");
		return sender;
	}

}
