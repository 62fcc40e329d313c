package io.assay.identity;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.assay.platform.TenantContext;
import io.assay.platform.Wording;
import io.assay.platform.web.Refusals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who may call what. The API authenticates by access token; the browser by the same kind
 * of token in an HttpOnly cookie, with CSRF protection for cookie-authenticated writes.
 * No HTTP session is kept, so any copy of the service can answer any request.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	private static final String[] PUBLIC = { "/", "/login", "/login/second-factor", "/signup", "/v1/signup",
			"/v1/auth/login", "/v1/auth/login/second-factor", "/v1/auth/password-reset",
			"/v1/auth/password-reset/complete", "/v1/invitations/accept", "/forgot-password", "/password-reset/*",
			"/invitations/*", "/login/sso", "/oauth2/authorization/*", "/login/oauth2/code/*", "/css/**", "/js/**",
			"/vendor/**", "/favicon.ico", "/error", "/public/reports/**", "/actuator/health", "/actuator/health/**",
			"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
			"/robots.txt" };

	/**
	 * The browser's CSRF token lives in a cookie (double submit), so no server session is
	 * needed. Scripts of Assay's own origin may read it (Swagger UI sends it back as
	 * {@code X-XSRF-TOKEN}); another site can neither read it nor set it.
	 */
	@Bean
	CsrfTokenRepository csrfTokens() {
		return CookieCsrfTokenRepository.withHttpOnlyFalse();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, MetricsScrapes.MetricsProperties metrics,
			AccessTokens tokens, TenantContext tenants, TransactionTemplate transactions,
			CsrfTokenRepository csrfTokens, ClientRegistrationRepository ssoRegistrations,
			EncryptedAuthorizationRequests ssoRequests,
			OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> ssoTokens, OidcUserService ssoPeople,
			SingleSignOnLogin ssoLogin) throws Exception {
		// No session management: with a token on every request it would take each request
		// for a fresh login and renew the CSRF token, invalidating the one the page
		// holds.
		// The login page renews it itself.
		http.sessionManagement(AbstractHttpConfigurer::disable)
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
				.csrfTokenRequestHandler(new CsrfTokenFromPageOrCookie())
				.requireCsrfProtectionMatcher(cookieAuthenticatedWrite()))
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			// Nothing of a request is kept in a server session, sign-ins through a
			// provider included.
			.securityContext(
					context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.oauth2Login(login -> login.clientRegistrationRepository(ssoRegistrations)
				.authorizedClientRepository(new NoAuthorizedClients())
				.authorizationEndpoint(endpoint -> endpoint.authorizationRequestRepository(ssoRequests))
				.tokenEndpoint(endpoint -> endpoint.accessTokenResponseClient(ssoTokens))
				.userInfoEndpoint(endpoint -> endpoint.oidcUserService(ssoPeople))
				.successHandler(ssoLogin)
				.failureHandler(ssoLogin)
				.loginPage("/login"))
			.addFilterBefore(new TokenAuthenticationFilter(tokens, tenants, transactions),
					AnonymousAuthenticationFilter.class)
			// An async dispatch finishes a request that was authorized when it began
			// (streamed downloads, server-sent events); the token is not read again for
			// it.
			.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC)
				.permitAll()
				.requestMatchers(PUBLIC)
				.permitAll()
				.requestMatchers("/actuator/prometheus")
				.access(new MetricsScrapes(metrics))
				.anyRequest()
				.authenticated())
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> unauthenticated(request, response))
				.accessDeniedHandler((request, response, ex) -> Refusals.refuse(request, response, HttpStatus.FORBIDDEN,
						"forbidden", "Not allowed",
						Wording.of(ex.getMessage() != null && ex.getMessage().contains("CSRF") ? "problem.form-expired"
								: "problem.role"))))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
						+ "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'"))
				.addHeaderWriter(SecurityConfiguration::privacyHeaders));
		return http.build();
	}

	/**
	 * A share link's token and the ids in Assay's paths must not leak through Referer:
	 * share pages send none at all, other pages only the origin, and only over HTTPS. No
	 * page of Assay is for search engines.
	 */
	private static void privacyHeaders(HttpServletRequest request, HttpServletResponse response) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		response.setHeader("Referrer-Policy", path.startsWith("/public/") ? "no-referrer" : "strict-origin");
		response.setHeader("X-Robots-Tag", "noindex, nofollow");
	}

	/** An administrator may do everything a process manager or project handler may. */
	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.fromHierarchy("""
				ROLE_ADMIN > ROLE_PROCESS_MANAGER
				ROLE_ADMIN > ROLE_PROJECT_HANDLER
				""");
	}

	/**
	 * A bearer token cannot be sent by another site's page, so only writes that rely on
	 * the session cookie (and the browser's own forms) need a CSRF token.
	 */
	private static RequestMatcher cookieAuthenticatedWrite() {
		return request -> {
			String method = request.getMethod();
			boolean write = !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
					|| "TRACE".equals(method));
			if (!write || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
				return false;
			}
			return TokenAuthenticationFilter.sessionCookie(request) != null || !isApi(request);
		};
	}

	private static void unauthenticated(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (isApi(request)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			Refusals.refuse(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
					Wording.of("problem.sign-in-first"));
		}
		else {
			response.sendRedirect(request.getContextPath() + "/login");
		}
	}

	private static boolean isApi(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/v1/") || path.startsWith("/actuator/");
	}

}
