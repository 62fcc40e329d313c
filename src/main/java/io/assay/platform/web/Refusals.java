package io.assay.platform.web;

import java.io.IOException;

import io.assay.platform.Wording;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A request refused before it reaches a controller (by a filter: a parameter with a NUL
 * byte, a form whose CSRF token expired, no credentials): the error dispatch answers it,
 * in the reader's language, as a page for a browser and as problem+json for a client.
 */
public final class Refusals {

	private static final String ATTRIBUTE = Refusals.class.getName();

	private Refusals() {
	}

	/** What the refusal says: its problem type's last part, title and detail. */
	record Refusal(String slug, String title, Wording detail) {
	}

	public static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug,
			String title, Wording detail) throws IOException {
		request.setAttribute(ATTRIBUTE, new Refusal(slug, title, detail));
		response.sendError(status.value());
	}

	static @Nullable Refusal of(HttpServletRequest request) {
		return request.getAttribute(ATTRIBUTE) instanceof Refusal refusal ? refusal : null;
	}

}
