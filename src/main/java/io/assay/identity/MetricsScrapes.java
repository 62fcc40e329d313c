package io.assay.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may read {@code /actuator/prometheus}: a scraper presenting the metrics token
 * ({@code ASSAY_METRICS_TOKEN}) as a bearer token, nobody when none is configured. The
 * figures say how busy Assay is and which models it calls: not for the public, and not
 * tied to any organisation's accounts.
 */
final class MetricsScrapes implements AuthorizationManager<RequestAuthorizationContext> {

	/** Long enough that guessing it is hopeless even without a limit on tries. */
	static final int SHORTEST_TOKEN = 32;

	private final byte @Nullable [] token;

	/**
	 * @param token the metrics token; blank for none (the endpoint then answers no one)
	 */
	@ConfigurationProperties("assay.metrics")
	record MetricsProperties(@Nullable String token) {

		MetricsProperties {
			token = token == null || token.isBlank() ? null : token.trim();
			if (token != null && token.length() < SHORTEST_TOKEN) {
				throw new IllegalStateException("ASSAY_METRICS_TOKEN must be at least " + SHORTEST_TOKEN
						+ " characters (openssl rand -base64 32); it is " + token.length());
			}
		}

	}

	MetricsScrapes(MetricsProperties properties) {
		this.token = properties.token() == null ? null : properties.token().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			RequestAuthorizationContext context) {
		return new AuthorizationDecision(presents(context.getRequest()));
	}

	private boolean presents(HttpServletRequest request) {
		if (this.token == null) {
			return false;
		}
		return TokenAuthenticationFilter.presentedToken(request)
			.map(presented -> MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), this.token))
			.orElse(false);
	}

}
