package io.assay.platform;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * An error whose message a person reads: worded in their language when it carries a
 * {@link Wording}, as written otherwise (in English).
 */
public abstract class WordedException extends RuntimeException {

	private final @Nullable Wording wording;

	protected WordedException(String message) {
		super(message);
		this.wording = null;
	}

	protected WordedException(Wording wording) {
		super(wording.english());
		this.wording = wording;
	}

	public @Nullable Wording wording() {
		return this.wording;
	}

	/** The message in the reader's language, if it has a wording; else as written. */
	public String message(MessageSource messages, Locale locale) {
		return this.wording == null ? String.valueOf(getMessage()) : this.wording.in(messages, locale);
	}

}
