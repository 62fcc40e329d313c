package io.assay.platform.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import io.assay.platform.RequestOrigin;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (taken from {@code X-Request-Id} when the caller sends a sane
 * one), puts it in the logging context and the response, and records where the request
 * comes from for the audit trail. Runs before security, so that login attempts have both.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestOriginFilter extends OncePerRequestFilter {

	static final String REQUEST_ID_HEADER = "X-Request-Id";

	private static final String REQUEST_ID_ATTRIBUTE = RequestOriginFilter.class.getName() + ".requestId";

	private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final int MAX_USER_AGENT_LENGTH = 512;

	private final RequestOrigin origin;

	RequestOriginFilter(RequestOrigin origin) {
		this.origin = origin;
	}

	/**
	 * Also around the second dispatch of an answer written in the background (a
	 * download), with the request's first id: an error there is logged and quoted with
	 * it.
	 */
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = (request.getAttribute(REQUEST_ID_ATTRIBUTE) instanceof String earlier) ? earlier
				: request.getHeader(REQUEST_ID_HEADER);
		if (requestId == null || !SANE_REQUEST_ID.matcher(requestId).matches()) {
			requestId = UUID.randomUUID().toString();
		}
		request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
		String userAgent = request.getHeader("User-Agent");
		if (userAgent != null && userAgent.length() > MAX_USER_AGENT_LENGTH) {
			userAgent = userAgent.substring(0, MAX_USER_AGENT_LENGTH);
		}
		MDC.put("request_id", requestId);
		response.setHeader(REQUEST_ID_HEADER, requestId);
		this.origin.bind(new RequestOrigin.Origin(request.getRemoteAddr(), userAgent));
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.origin.clear();
			MDC.remove("request_id");
		}
	}

}
