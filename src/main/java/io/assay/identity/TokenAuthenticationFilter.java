package io.assay.identity;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.assay.platform.TenantContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its access token, from the {@code Authorization: Bearer}
 * header (API clients) or the session cookie (the browser), and binds the user's
 * organisation for the rest of the request: the only place the organisation comes from.
 */
final class TokenAuthenticationFilter extends OncePerRequestFilter {

	static final String SESSION_COOKIE = "assay_session";

	private final AccessTokens tokens;

	private final TenantContext tenants;

	private final TransactionTemplate transactions;

	TokenAuthenticationFilter(AccessTokens tokens, TenantContext tenants, TransactionTemplate transactions) {
		this.tokens = tokens;
		this.tenants = tenants;
		this.transactions = transactions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<CurrentUser> user = presentedToken(request).flatMap(this.tokens::holder);
		if (user.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		CurrentUser current = user.get();
		var authentication = UsernamePasswordAuthenticationToken.authenticated(current, null,
				List.of(new SimpleGrantedAuthority(current.role().authority())));
		SecurityContextHolder.getContext().setAuthentication(authentication);
		this.tenants.bind(current.organizationId(), current.userId());
		MDC.put("organization_id", current.organizationId().toString());
		MDC.put("user_id", current.userId().toString());
		try {
			this.transactions.executeWithoutResult(tx -> this.tokens.touch(current.tokenId()));
			chain.doFilter(request, response);
		}
		finally {
			this.tenants.clear();
			MDC.remove("organization_id");
			MDC.remove("user_id");
			SecurityContextHolder.clearContext();
		}
	}

	static Optional<String> presentedToken(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return Optional.of(header.substring(7).trim());
		}
		return Optional.ofNullable(sessionCookie(request));
	}

	static @Nullable String sessionCookie(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (SESSION_COOKIE.equals(cookie.getName())) {
				return cookie.getValue();
			}
		}
		return null;
	}

}
