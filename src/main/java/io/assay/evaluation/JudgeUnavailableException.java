package io.assay.evaluation;

/**
 * The model provider could not be asked: not reachable, no answer in time, a server
 * error, a rate limit or an overload past the retries, or the request refused (a bad
 * key). Not an answer: the criterion stays pending and is asked again.
 */
public class JudgeUnavailableException extends RuntimeException {

	public JudgeUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	public JudgeUnavailableException(String message) {
		super(message);
	}

}
