package io.assay.platform.web;

import java.time.Duration;
import java.util.Locale;

import io.assay.platform.Intervals;

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
		return Intervals.wording(duration).in(this.messages, locale);
	}

}
