package io.assay.platform.web;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A duration as a page says it, in the page's language and the largest unit that divides
 * it: "7 days", "eine Stunde". Pages call it as {@code @durations}.
 */
@Component("durations")
public class DurationWords {

	private final MessageSource messages;

	DurationWords(MessageSource messages) {
		this.messages = messages;
	}

	public String words(Duration duration, Locale locale) {
		long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
		if (minutes % (24 * 60) == 0) {
			return this.messages.getMessage("duration.days", new Object[] { minutes / (24 * 60) }, locale);
		}
		if (minutes % 60 == 0) {
			return this.messages.getMessage("duration.hours", new Object[] { minutes / 60 }, locale);
		}
		return this.messages.getMessage("duration.minutes", new Object[] { minutes }, locale);
	}

}
