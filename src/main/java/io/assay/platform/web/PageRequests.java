package io.assay.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Tells a browser asking for a page from a program calling the API. */
final class PageRequests {

	private PageRequests() {
	}

	/**
	 * Whether the request is for a page: not under the API's or the operator's paths, and
	 * from a client that takes HTML.
	 */
	static boolean wantsPage(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/v1/") || path.startsWith("/actuator/") || path.startsWith("/v3/")) {
			return false;
		}
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && MediaType.parseMediaTypes(accept)
			.stream()
			.anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
	}

}
