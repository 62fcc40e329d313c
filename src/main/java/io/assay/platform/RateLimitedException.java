package io.assay.platform;

import java.time.Duration;

/** Too many attempts; the client may try again after {@link #retryAfter()} (429). */
public class RateLimitedException extends WordedException {

	private final Duration retryAfter;

	/** Worded in the reader's language when answered. */
	public RateLimitedException(Wording wording, Duration retryAfter) {
		super(wording);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
