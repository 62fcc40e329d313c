package io.assay.platform.web;

import io.assay.platform.ConflictException;
import io.assay.platform.ForbiddenException;
import io.assay.platform.GoneException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.NotFoundException;
import io.assay.platform.RateLimitedException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Errors of {@link PageController pages}, shown as a page that says what happened. */
@ControllerAdvice(assignableTypes = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

	private final MessageSource messages;

	PageErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex, Locale locale) {
		return page(HttpStatus.NOT_FOUND, this.messages.getMessage("error.not-found.gone", null, locale));
	}

	@ExceptionHandler(InvalidInputException.class)
	ModelAndView invalid(InvalidInputException ex, Locale locale) {
		return page(HttpStatus.UNPROCESSABLE_CONTENT,
				String.join(" ",
						ex.errors()
							.stream()
							.map(problem -> problem.field() + " " + problem.message(this.messages, locale))
							.toList()));
	}

	@ExceptionHandler(GoneException.class)
	ModelAndView gone(GoneException ex, Locale locale) {
		return page(HttpStatus.GONE, ex.message(this.messages, locale));
	}

	@ExceptionHandler({ AccessDeniedException.class, ForbiddenException.class })
	ModelAndView forbidden(RuntimeException ex, Locale locale) {
		return page(HttpStatus.FORBIDDEN, ex instanceof ForbiddenException forbidden
				? forbidden.message(this.messages, locale) : this.messages.getMessage("error.role", null, locale));
	}

	@ExceptionHandler(ConflictException.class)
	ModelAndView conflict(ConflictException ex, Locale locale) {
		return page(HttpStatus.CONFLICT, ex.message(this.messages, locale));
	}

	@ExceptionHandler(RateLimitedException.class)
	ModelAndView rateLimited(RateLimitedException ex, HttpServletResponse response, Locale locale) {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
		return page(HttpStatus.TOO_MANY_REQUESTS, ex.message(this.messages, locale));
	}

	private static ModelAndView page(HttpStatus status, String message) {
		ModelAndView page = new ModelAndView("error", status);
		page.addObject("status", status.value());
		page.addObject("reason", status.getReasonPhrase());
		page.addObject("message", message);
		return page;
	}

}
