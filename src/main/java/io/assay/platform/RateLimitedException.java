package io.assay.platform;

import java.time.Duration;

/** Too many attempts; the client may try again after {@link #retryAfter()} (429). */
public class RateLimitedException extends RuntimeException {

	private final Duration retryAfter;

	public RateLimitedException(String detail, Duration retryAfter) {
		super(detail);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
