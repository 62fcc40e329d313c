package io.assay.assessment.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.assay.assessment.Assessment;
import io.assay.assessment.AssessmentId;
import io.assay.assessment.Assessments;
import io.assay.assessment.ResultId;
import io.assay.assessment.Results;
import io.assay.assessment.Assessments.DocumentChoice;
import io.assay.identity.CurrentUser;
import io.assay.platform.InvalidInputException;
import io.assay.platform.web.PageRequest;
import io.assay.platform.web.PageRequest.Page;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Assessments over HTTP: start, read, cancel, and follow progress as server-sent events.
 */
@RestController
class AssessmentController {

	private final Assessments assessments;

	private final Results results;

	private final ProgressStreams streams;

	AssessmentController(Assessments assessments, Results results, ProgressStreams streams) {
		this.results = results;
		this.assessments = assessments;
		this.streams = streams;
	}

	record StartRequest(@Nullable UUID workflowId, @Nullable List<DocumentChoice> documents,
			@Nullable Boolean allowMissingBuckets) {
	}

	@PostMapping("/v1/assessments")
	@PreAuthorize("hasRole('PROJECT_HANDLER')")
	ResponseEntity<Assessment> start(@RequestBody StartRequest request) {
		if (request.workflowId() == null) {
			throw InvalidInputException.of("workflow_id", Wording.of("field.must-be-given"));
		}
		Assessment started = this.assessments.start(request.workflowId(),
				request.documents() == null ? List.of() : request.documents(),
				Boolean.TRUE.equals(request.allowMissingBuckets()));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(java.net.URI.create("/v1/assessments/" + started.id()))
			.body(started);
	}

	/**
	 * Runs by page ({@code page}, {@code limit}, {@code sort}, with the total), or, with
	 * {@code cursor} (empty for the first page), newest first from where the previous
	 * page ended ({@code next_cursor}), without a total: as fast deep in the list as at
	 * its start.
	 */
	@GetMapping("/v1/assessments")
	Object list(@RequestParam(name = "workflow_id", required = false) @Nullable UUID workflowId,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(name = "created_by", required = false) @Nullable UUID createdBy,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String cursor) {
		if (status != null && !List.of("pending", "processing", "completed", "failed").contains(status)) {
			throw InvalidInputException.of("status",
					Wording.of("field.one-of", "pending, processing, completed, failed"));
		}
		Assessments.Filter filter = new Assessments.Filter(workflowId, status, createdBy);
		if (cursor == null) {
			return this.assessments.list(filter,
					PageRequest.of(page, limit, sort, Assessments.SORTABLE, "-created_at"));
		}
		if (page != null || sort != null) {
			throw InvalidInputException.of(page != null ? "page" : "sort", Wording.of("page.cursor-alone"));
		}
		return this.assessments.listAfter(filter, cursor, PageRequest.cursorLimit(limit));
	}

	@GetMapping("/v1/assessments/{id}")
	Assessment find(@PathVariable UUID id) {
		return this.assessments.find(id);
	}

	@GetMapping("/v1/assessments/{id}/results")
	List<Results.Result> results(@PathVariable UUID id,
			@RequestParam(name = "needs_review", required = false, defaultValue = "false") boolean needsReview) {
		return this.results.list(id).stream().filter(result -> !needsReview || result.needsReview()).toList();
	}

	record RerunRequest(@Nullable List<DocumentChoice> replace, @Nullable List<DocumentChoice> add,
			@Nullable List<UUID> remove, @Nullable List<Assessments.Replacement> replaceDocument,
			@Nullable Boolean allowMissingBuckets) {
	}

	/**
	 * Runs the assessment again as the next run of its submission, with documents added,
	 * removed or replaced (one by one, or a whole bucket's with {@code replace}).
	 */
	@PostMapping("/v1/assessments/{id}/rerun")
	@PreAuthorize("hasRole('PROJECT_HANDLER')")
	ResponseEntity<Assessment> rerun(@PathVariable UUID id,
			@RequestBody(required = false) @Nullable RerunRequest request) {
		RerunRequest changes = request == null ? new RerunRequest(null, null, null, null, null) : request;
		Assessment started = this.assessments.rerun(id,
				new Assessments.DocumentChanges(orNone(changes.replace()), orNone(changes.add()),
						orNone(changes.remove()), orNone(changes.replaceDocument()),
						Boolean.TRUE.equals(changes.allowMissingBuckets())));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(java.net.URI.create("/v1/assessments/" + started.id()))
			.body(started);
	}

	private static <T> List<T> orNone(@Nullable List<T> list) {
		return list == null ? List.of() : list;
	}

	@GetMapping("/v1/assessments/{id}/diff")
	Results.Diff diff(@PathVariable UUID id) {
		return this.results.diff(id);
	}

	@GetMapping("/v1/assessments/{id}/runs")
	List<Assessments.Run> runs(@PathVariable UUID id) {
		return this.assessments.runs(id);
	}

	/**
	 * For process managers: how each criterion of a workflow fared over its last
	 * assessments, noisiest first.
	 */
	@GetMapping("/v1/workflows/{id}/criteria-analytics")
	@PreAuthorize("hasRole('PROCESS_MANAGER')")
	Results.CriteriaAnalytics criteriaAnalytics(@PathVariable UUID id,
			@RequestParam(required = false, defaultValue = "50") int last) {
		return this.results.criteriaAnalytics(id, last);
	}

	/** Where one evidence item is, for the evidence viewer. */
	@GetMapping("/v1/assessments/{id}/results/{resultId}/evidence/{index}")
	Results.EvidenceLocation evidence(@PathVariable UUID id, @PathVariable UUID resultId, @PathVariable int index,
			Locale locale) {
		return this.results.evidence(new AssessmentId(id), new ResultId(resultId), index, locale);
	}

	record ReviewRequest(@Nullable String decision, @Nullable Boolean pass, @Nullable String comment) {
	}

	/** A project handler confirms or overrules one verdict. */
	@PostMapping("/v1/assessments/{id}/results/{resultId}/review")
	@PreAuthorize("hasRole('PROJECT_HANDLER')")
	Results.Result review(@PathVariable UUID id, @PathVariable UUID resultId, @RequestBody ReviewRequest request) {
		return this.results.review(new AssessmentId(id), new ResultId(resultId), request.decision(), request.pass(),
				request.comment());
	}

	/** Asks the unanswered criteria of an incomplete run again (202: queued). */
	@PostMapping("/v1/assessments/{id}/retry")
	@PreAuthorize("hasRole('PROJECT_HANDLER')")
	ResponseEntity<Assessment> retryUnanswered(@PathVariable UUID id) {
		return ResponseEntity.accepted().body(this.assessments.retryUnanswered(id));
	}

	@DeleteMapping("/v1/assessments/{id}")
	@PreAuthorize("hasRole('PROJECT_HANDLER')")
	Assessment cancel(@PathVariable UUID id) {
		return this.assessments.cancel(id);
	}

	/**
	 * Progress until the assessment ends: a {@code progress} event whenever it moves,
	 * then one {@code end} event with the final state.
	 */
	@GetMapping(path = "/v1/assessments/{id}/events", produces = "text/event-stream")
	SseEmitter events(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return this.streams.follow(user, id);
	}

}
