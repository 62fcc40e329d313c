package io.assay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that read the email Assay sends: the application with a real SMTP
 * server (GreenMail) it sends through. Test classes extending this share one application
 * and one mail server, so each test reads only mail to addresses it made up.
 */
public abstract class MailIntegrationTest extends IntegrationTestBase {

	protected static final String PUBLIC_URL = "https://assay.notified-body.example";

	protected static final GreenMail SMTP = startSmtp();

	private static final Path DATA_DIRECTORY = temporaryDirectory();

	private static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/[\\w/-]+)");

	private static GreenMail startSmtp() {
		GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		return smtp;
	}

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		configure(registry, DATA_DIRECTORY);
		registry.add("assay.notifications.smtp.host", () -> "127.0.0.1");
		registry.add("assay.notifications.smtp.port", () -> SMTP.getSmtp().getPort());
		registry.add("assay.notifications.smtp.start-tls", () -> "false");
		registry.add("assay.notifications.smtp.from", () -> "Assay <assay@notified-body.example>");
		registry.add("assay.notifications.public-url", () -> PUBLIC_URL);
		registry.add("assay.limits.password-reset.max", () -> "1000000");
	}

	/** A mail that arrived: who to, its subject and text. */
	public record Letter(String to, String subject, String text) {

		/** The path of the first Assay link in the text ({@code /invitations/…}). */
		public String linkPath() {
			Matcher link = LINK.matcher(this.text);
			if (!link.find()) {
				throw new AssertionError("No Assay link in: " + this.text);
			}
			return link.group(1);
		}

	}

	/** The mail to an address so far, oldest first. */
	protected static List<Letter> mailTo(String address) {
		return Arrays.stream(SMTP.getReceivedMessages())
			.filter(message -> to(message).equalsIgnoreCase(address))
			.map(message -> {
				try {
					return new Letter(address, message.getSubject(), String.valueOf(message.getContent()));
				}
				catch (MessagingException | java.io.IOException ex) {
					throw new IllegalStateException(ex);
				}
			})
			.toList();
	}

	/** Waits for the {@code count}th mail to an address and answers it. */
	protected static Letter awaitMail(String address, int count) {
		List<Letter> letters = Eventually.until(Duration.ofSeconds(60), () -> mailTo(address),
				received -> received.size() >= count);
		return letters.get(count - 1);
	}

	private static String to(Message message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
