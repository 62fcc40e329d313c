package io.assay.platform.web;

import java.io.IOException;
import java.util.Locale;

import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that went away mid-answer is not an error: nothing is logged as one and
 * nothing is written; anything else unexpected is a 500 naming the request id.
 */
class ProblemResponsesTest {

	private final ProblemResponses responses = new ProblemResponses("", messages());

	@Test
	void aClientThatWentAwayGetsNoAnswer() {
		assertThat(this.responses.unexpected(new ClientAbortException(new IOException("Broken pipe")), Locale.ENGLISH))
			.isNull();
		assertThat(this.responses.unexpected(new AsyncRequestNotUsableException("Connection reset by peer"),
				Locale.ENGLISH))
			.isNull();
	}

	@Test
	void anythingElseIsAnInternalError() {
		ResponseEntity<ProblemDetail> answer = this.responses.unexpected(new IllegalStateException("a bug"),
				Locale.ENGLISH);

		assertThat(answer).isNotNull();
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(answer.getBody()).isNotNull();
		assertThat(answer.getBody().getStatus()).isEqualTo(500);
		assertThat(answer.getBody().getDetail()).doesNotContain("a bug");
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		return messages;
	}

}
