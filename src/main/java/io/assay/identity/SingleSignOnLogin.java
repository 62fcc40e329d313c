package io.assay.identity;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * The end of a sign-in through an organisation's provider: the person it vouched for is
 * signed in to Assay (a session cookie like a password login's), or sent back to the
 * login page with why not.
 */
@Component
class SingleSignOnLogin implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private static final Logger log = LoggerFactory.getLogger(SingleSignOnLogin.class);

	private final SingleSignOn singleSignOn;

	private final SessionCookie session;

	private final Accounts accounts;

	SingleSignOnLogin(SingleSignOn singleSignOn, SessionCookie session, Accounts accounts) {
		this.singleSignOn = singleSignOn;
		this.session = session;
		this.accounts = accounts;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
		OidcUser person = (OidcUser) token.getPrincipal();
		UUID organization = UUID.fromString(token.getAuthorizedClientRegistrationId());
		try {
			Accounts.AccessGrant grant = this.singleSignOn.signIn(organization, person.getSubject(), person.getEmail(),
					person.getEmailVerified(), person.getFullName());
			this.session.set(request, response, grant.accessToken(), this.accounts.sessionTtl());
			response.sendRedirect(request.getContextPath() + "/app");
		}
		catch (SingleSignOn.Refused ex) {
			log.info("Single sign-on refused for organisation {}: {}", organization, ex.getMessage());
			back(request, response, ex.reason());
		}
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		log.info("Single sign-on failed: {}", exception.getMessage());
		back(request, response, "provider");
	}

	private static void back(HttpServletRequest request, HttpServletResponse response, String reason)
			throws IOException {
		response.sendRedirect(
				request.getContextPath() + "/login?sso_refused=" + URLEncoder.encode(reason, StandardCharsets.UTF_8));
	}

}
