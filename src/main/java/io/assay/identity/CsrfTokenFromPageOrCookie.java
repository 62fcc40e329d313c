package io.assay.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Takes the CSRF token in either form a browser of Assay's may send it: masked, as
 * Assay's pages render it (a fresh mask on every page, so the token cannot be read out of
 * compressed responses), or as the cookie holds it, as Swagger UI sends it back from the
 * cookie.
 */
final class CsrfTokenFromPageOrCookie implements CsrfTokenRequestHandler {

	private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

	private final CsrfTokenRequestAttributeHandler raw = new CsrfTokenRequestAttributeHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
		this.masked.handle(request, response, csrfToken);
	}

	@Override
	public @Nullable String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
		String unmasked = this.masked.resolveCsrfTokenValue(request, csrfToken);
		if (unmasked != null && same(unmasked, csrfToken.getToken())) {
			return unmasked;
		}
		return this.raw.resolveCsrfTokenValue(request, csrfToken);
	}

	private static boolean same(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

}
