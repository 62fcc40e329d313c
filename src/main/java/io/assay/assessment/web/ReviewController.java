package io.assay.assessment.web;

import java.util.List;
import java.util.UUID;

import io.assay.assessment.Assessment;
import io.assay.assessment.AssessmentId;
import io.assay.assessment.ResultId;
import io.assay.assessment.ResultComments;
import io.assay.assessment.SignOffs;
import io.assay.identity.CurrentUser;
import io.assay.platform.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A run's review over HTTP: comments per criterion, sign-off and reopening. */
@RestController
class ReviewController {

	private final SignOffs signOffs;

	private final ResultComments comments;

	ReviewController(SignOffs signOffs, ResultComments comments) {
		this.signOffs = signOffs;
		this.comments = comments;
	}

	record SignOffRequest(@Nullable String statement) {
	}

	@PostMapping("/v1/assessments/{id}/sign-off")
	@PreAuthorize("hasRole('PROJECT_HANDLER')")
	@ResponseStatus(HttpStatus.CREATED)
	SignOffs.SignOff signOff(@PathVariable UUID id, @RequestBody SignOffRequest request) {
		return this.signOffs.signOff(id, request.statement());
	}

	@GetMapping("/v1/assessments/{id}/sign-off")
	SignOffs.SignOff signOff(@PathVariable UUID id) {
		return this.signOffs.find(id).orElseThrow(() -> new NotFoundException("Sign-off"));
	}

	record ReopenRequest(@Nullable String reason) {
	}

	@PostMapping("/v1/assessments/{id}/reopen")
	@PreAuthorize("hasAnyRole('PROJECT_HANDLER', 'PROCESS_MANAGER')")
	Assessment reopen(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestBody ReopenRequest request) {
		return this.signOffs.reopen(id, request.reason(), user.definesWorkflows());
	}

	record CommentRequest(@Nullable String body) {
	}

	@PostMapping("/v1/assessments/{id}/results/{resultId}/comments")
	@PreAuthorize("hasAnyRole('PROJECT_HANDLER', 'PROCESS_MANAGER')")
	@ResponseStatus(HttpStatus.CREATED)
	ResultComments.Comment comment(@PathVariable UUID id, @PathVariable UUID resultId,
			@RequestBody CommentRequest request) {
		return this.comments.add(new AssessmentId(id), new ResultId(resultId), request.body());
	}

	@GetMapping("/v1/assessments/{id}/results/{resultId}/comments")
	List<ResultComments.Comment> comments(@PathVariable UUID id, @PathVariable UUID resultId) {
		return this.comments.of(new AssessmentId(id), new ResultId(resultId));
	}

}
