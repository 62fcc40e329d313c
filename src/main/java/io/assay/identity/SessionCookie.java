package io.assay.identity;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * The browser's session: the access token in an HttpOnly cookie that scripts cannot read.
 */
@Component
public class SessionCookie {

	static final String NAME = TokenAuthenticationFilter.SESSION_COOKIE;

	private final CsrfTokenRepository csrfTokens;

	SessionCookie(CsrfTokenRepository csrfTokens) {
		this.csrfTokens = csrfTokens;
	}

	/**
	 * Starts (or, with an empty token, ends) the browser session. The CSRF token is
	 * renewed at the same time, so that a token planted before login is worthless after
	 * it.
	 */
	public void set(HttpServletRequest request, HttpServletResponse response, String token, Duration maxAge) {
		this.csrfTokens.saveToken(null, request, response);
		ResponseCookie cookie = ResponseCookie.from(NAME, token)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.path("/")
			.maxAge(maxAge)
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	public void end(HttpServletRequest request, HttpServletResponse response) {
		set(request, response, "", Duration.ZERO);
	}

}
