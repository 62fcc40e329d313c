package io.assay.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.assay.platform.InvalidInputException.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem+json bodies (RFC 9457) Assay answers errors with, so that the security
 * filters and the MVC advice write exactly the same shapes.
 */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:assay:problem:" + slug));
		problem.setTitle(title);
		return problem;
	}

	public static ProblemDetail invalid(String detail, List<FieldProblem> errors) {
		ProblemDetail problem = of(HttpStatus.UNPROCESSABLE_CONTENT, "validation", "Invalid input", detail);
		problem.setProperty("errors",
				errors.stream().map(error -> Map.of("field", error.field(), "message", error.message())).toList());
		return problem;
	}

	public static ProblemDetail unauthenticated(String detail) {
		return of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", detail);
	}

	public static ProblemDetail forbidden(String detail) {
		return of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail);
	}

}
