package io.assay.platform.web;

import java.util.Locale;

import io.assay.platform.EnglishMessages;
import io.assay.platform.Wording;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that happen outside a controller (a request the firewall rejects, one a filter
 * refused) end up here: as problem+json for API clients and a plain page for browsers, in
 * the reader's language, never with internals.
 */
@Controller
class ProblemErrorController implements ErrorController {

	private final MessageSource messages;

	ProblemErrorController(MessageSource messages) {
		this.messages = messages;
	}

	@RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView page(HttpServletRequest request, Locale locale) {
		HttpStatus status = status(request);
		ModelAndView page = new ModelAndView("error", status);
		page.addObject("status", status.value());
		page.addObject("reason", status.getReasonPhrase());
		Refusals.Refusal refusal = Refusals.of(request);
		if (refusal != null) {
			page.addObject("message", refusal.detail().in(this.messages, locale));
		}
		return page;
	}

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> problem(HttpServletRequest request, Locale locale) {
		HttpStatus status = status(request);
		Refusals.Refusal refusal = Refusals.of(request);
		if (refusal == null) {
			refusal = status.is5xxServerError()
					? new Refusals.Refusal("internal", status.getReasonPhrase(), Wording.of("problem.internal-plain"))
					: new Refusals.Refusal("request-rejected", status.getReasonPhrase(),
							Wording.of("problem.request-rejected", reason(status)));
		}
		ProblemDetail problem = Problems.of(status, refusal.slug(), refusal.title(),
				refusal.detail().in(this.messages, locale));
		// The address that was refused, not this error page's.
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String refused) {
			problem.setInstance(java.net.URI.create(refused));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** The status's name as the error page says it, where it has one. */
	private static Object reason(HttpStatus status) {
		String key = "error.reason." + status.value();
		return EnglishMessages.pattern(key) != null ? Wording.of(key) : status.getReasonPhrase();
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
		return status != null ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
