package io.assay.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Base64;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Where a sign-in through a provider keeps its request (state, nonce, redirect) while the
 * person is at the provider: in a cookie encrypted and authenticated with the identity
 * key, not in a server session, so that whichever copy of Assay the provider sends the
 * person back to can finish it. The cookie lasts ten minutes and is removed when used.
 */
final class EncryptedAuthorizationRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	static final String COOKIE = "assay_sso_request";

	private static final String BOUND_TO = "oidc-authorization-request";

	private static final Duration LIFETIME = Duration.ofMinutes(10);

	private final IdentitySecrets secrets;

	EncryptedAuthorizationRequests(IdentitySecrets secrets) {
		this.secrets = secrets;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName())) {
				return read(cookie.getValue());
			}
		}
		return null;
	}

	@Override
	public void saveAuthorizationRequest(@Nullable OAuth2AuthorizationRequest authorizationRequest,
			HttpServletRequest request, HttpServletResponse response) {
		if (authorizationRequest == null) {
			write(request, response, "", Duration.ZERO);
			return;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(authorizationRequest);
		}
		catch (IOException ex) {
			throw new IllegalStateException("An authorization request could not be written", ex);
		}
		String sealed = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(this.secrets.encrypt(bytes.toByteArray(), BOUND_TO));
		write(request, response, sealed, LIFETIME);
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
			HttpServletResponse response) {
		OAuth2AuthorizationRequest stored = loadAuthorizationRequest(request);
		write(request, response, "", Duration.ZERO);
		return stored;
	}

	/**
	 * The request in a cookie, if the cookie is one Assay wrote (anything else fails
	 * authentication before a byte of it is deserialised).
	 */
	private @Nullable OAuth2AuthorizationRequest read(String value) {
		byte[] plain;
		try {
			plain = this.secrets.decrypt(Base64.getUrlDecoder().decode(value), BOUND_TO);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			return null;
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(plain))) {
			return in.readObject() instanceof OAuth2AuthorizationRequest stored ? stored : null;
		}
		catch (IOException | ClassNotFoundException ex) {
			return null;
		}
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, String value, Duration maxAge) {
		// Lax: the provider sends the person back with a top-level GET, which carries it.
		response.addHeader(HttpHeaders.SET_COOKIE,
				ResponseCookie.from(COOKIE, value)
					.httpOnly(true)
					.secure(request.isSecure())
					.sameSite("Lax")
					.path("/")
					.maxAge(maxAge)
					.build()
					.toString());
	}

}
