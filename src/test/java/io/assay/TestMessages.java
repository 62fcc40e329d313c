package io.assay;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Assay's messages read as the application reads them (UTF-8, English when a language is
 * missing, never the machine's own language), for unit tests of what is worded.
 */
public final class TestMessages {

	private TestMessages() {
	}

	public static MessageSource assays() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
