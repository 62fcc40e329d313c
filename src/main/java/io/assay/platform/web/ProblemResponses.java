package io.assay.platform.web;

import java.util.List;
import java.util.Locale;

import io.assay.platform.ConflictException;
import io.assay.platform.ForbiddenException;
import io.assay.platform.GoneException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.InvalidInputException.FieldProblem;
import io.assay.platform.NotFoundException;
import io.assay.platform.RateLimitedException;
import io.assay.platform.TooLargeException;
import io.assay.platform.UnauthenticatedException;
import io.assay.platform.UnsupportedContentException;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns every error a controller raises into problem+json: the module exceptions into
 * their status, bean validation into 422 with one entry per field (named as the client
 * sent it), unreadable bodies into 400, and anything unexpected into a 500 that names the
 * request id to quote, never a stack trace.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	private final String uploadLimit;

	private final MessageSource messages;

	ProblemResponses(@Value("${spring.servlet.multipart.max-file-size:}") String uploadLimit, MessageSource messages) {
		this.uploadLimit = uploadLimit;
		this.messages = messages;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex, Locale locale) {
		String resource = this.messages.getMessage("resource." + ex.resourceKey(), null, ex.resource(), locale);
		return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
				this.messages.getMessage("problem.not-found", new Object[] { resource }, locale));
	}

	@ExceptionHandler(GoneException.class)
	ProblemDetail gone(GoneException ex, Locale locale) {
		return Problems.of(HttpStatus.GONE, "gone", "Gone", ex.message(this.messages, locale));
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException ex, Locale locale) {
		return Problems.of(HttpStatus.CONFLICT, "conflict", "Conflict", ex.message(this.messages, locale));
	}

	@ExceptionHandler(ForbiddenException.class)
	ProblemDetail forbidden(ForbiddenException ex, Locale locale) {
		return Problems.forbidden(ex.message(this.messages, locale));
	}

	@ExceptionHandler(TooLargeException.class)
	ProblemDetail tooLarge(TooLargeException ex, Locale locale) {
		return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Too large", ex.message(this.messages, locale));
	}

	@ExceptionHandler(UnsupportedContentException.class)
	ProblemDetail unsupportedContent(UnsupportedContentException ex, Locale locale) {
		return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content", "Unsupported file",
				ex.message(this.messages, locale));
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalidInput(InvalidInputException ex, Locale locale) {
		List<FieldProblem> worded = ex.errors()
			.stream()
			.map(error -> new FieldProblem(error.field(), error.message(this.messages, locale)))
			.toList();
		return Problems.invalid(ex.message(this.messages, locale), worded);
	}

	@ExceptionHandler(UnauthenticatedException.class)
	ResponseEntity<ProblemDetail> unauthenticated(UnauthenticatedException ex, Locale locale) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.body(Problems.unauthenticated(ex.message(this.messages, locale)));
	}

	@ExceptionHandler(RateLimitedException.class)
	ResponseEntity<ProblemDetail> rateLimited(RateLimitedException ex, Locale locale) {
		long seconds = Math.max(1, ex.retryAfter().toSeconds());
		ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
				ex.message(this.messages, locale));
		problem.setProperty("retry_after_seconds", seconds);
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail accessDenied(AccessDeniedException ex, Locale locale) {
		return Problems.forbidden(Wording.of("problem.role").in(this.messages, locale));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex, Locale locale) {
		if (ex.getParameter().hasParameterAnnotation(PathVariable.class)) {
			// An id in the path that is not even a UUID names nothing: the same answer as
			// a missing resource.
			return notFound(new NotFoundException("Resource"), locale);
		}
		return invalidInput(InvalidInputException.of(ex.getName(), Wording.of("field.not-valid")), locale);
	}

	/**
	 * A multipart body that ends early, has no boundary or cannot be parsed: the client's
	 * fault, and nothing of it is stored.
	 */
	@ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
	ProblemDetail brokenMultipart(org.springframework.web.multipart.MultipartException ex, Locale locale) {
		return Problems.of(HttpStatus.BAD_REQUEST, "malformed", "Malformed request",
				Wording.of("problem.multipart").in(this.messages, locale));
	}

	/**
	 * PostgreSQL's data exceptions (class 22: a date or number out of its range, text it
	 * cannot hold) come from a value the client sent that no check before caught: the
	 * client's fault, and the transaction was rolled back. The checks name the field;
	 * this is the net under them.
	 */
	@ExceptionHandler(org.springframework.dao.DataAccessException.class)
	ProblemDetail dataAccess(org.springframework.dao.DataAccessException ex, Locale locale) {
		java.util.Optional<String> refused = io.assay.platform.database.BadValues.refused(ex);
		if (refused.isPresent()) {
			log.info("Refused a value the database cannot hold: {}", refused.get());
			return Problems.of(HttpStatus.BAD_REQUEST, "malformed", "Malformed request",
					Wording.of("problem.out-of-range").in(this.messages, locale));
		}
		return internalError(ex, locale);
	}

	/**
	 * Anything else is a 500 naming the request id, except a client that went away before
	 * its answer was written (a page left while its scripts or a download were still
	 * coming): nothing went wrong, and there is no one left to answer.
	 */
	@ExceptionHandler(Exception.class)
	@Nullable ResponseEntity<ProblemDetail> unexpected(Exception ex, Locale locale) {
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			log.debug("The client went away before its answer was written: {}", ex.toString());
			return null;
		}
		return ResponseEntity.internalServerError().body(internalError(ex, locale));
	}

	private ProblemDetail internalError(Exception ex, Locale locale) {
		log.error("Unexpected error", ex);
		String requestId = String.valueOf(MDC.get("request_id"));
		return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
				Wording.of("problem.internal", requestId).in(this.messages, locale));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldProblem(snakeCase(error.getField()), message(error)))
			.toList();
		return ResponseEntity.unprocessableContent()
			.body(Problems.invalid(
					Wording.of("problem.invalid-fields").in(this.messages, LocaleContextHolder.getLocale()), errors));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Wording detail = this.uploadLimit.isBlank() ? Wording.of("problem.upload-limit")
				: Wording.of("problem.upload-limit-of", this.uploadLimit);
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Too large",
					detail.in(this.messages, LocaleContextHolder.getLocale())));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		Locale locale = LocaleContextHolder.getLocale();
		if (cause instanceof TextInputConfiguration.RefusedText refused) {
			// Text refused by TextInputConfiguration: name the field it is in.
			return ResponseEntity.badRequest()
				.body(Problems.of(HttpStatus.BAD_REQUEST, "malformed", "Malformed request",
						Wording.of("problem.field-refused", fieldPath(refused), refused.why())
							.in(this.messages, locale)));
		}
		// Jackson's first line names the problem and where it is; the rest is internal.
		Wording detail = cause != ex && cause.getMessage() != null
				? Wording.of("problem.not-json-because", cause.getMessage().lines().findFirst().orElse(""))
				: Wording.of("problem.not-json");
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, "malformed", "Malformed request",
					detail.in(this.messages, locale)));
	}

	/**
	 * An address with no page: a browser asking for a page gets the HTML error page (the
	 * error dispatch renders it), an API client problem+json.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
				&& PageRequests.wantsPage(servlet.getRequest())) {
			try {
				servlet.getResponse().sendError(HttpStatus.NOT_FOUND.value());
				return null;
			}
			catch (java.io.IOException failed) {
				throw new java.io.UncheckedIOException(failed);
			}
		}
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
					Wording.of("problem.no-such-path", "/" + ex.getResourcePath())
						.in(this.messages, LocaleContextHolder.getLocale())));
	}

	/** The JSON path of a value as the client wrote it: {@code documents[0].name}. */
	private static String fieldPath(tools.jackson.core.JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (tools.jackson.core.JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "(the body)" : path.toString();
	}

	private static String message(FieldError error) {
		return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
	}

	static String snakeCase(String field) {
		return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

}
