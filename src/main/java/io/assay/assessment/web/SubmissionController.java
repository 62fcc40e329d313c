package io.assay.assessment.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import io.assay.assessment.Assessment;
import io.assay.assessment.Assessments;
import io.assay.assessment.Assessments.DocumentChoice;
import io.assay.assessment.RunStatus;
import io.assay.assessment.Submission;
import io.assay.assessment.Submissions;
import io.assay.identity.CurrentUser;
import io.assay.platform.InvalidInputException;
import io.assay.platform.Wording;
import io.assay.platform.web.CursorPage;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Submissions over HTTP: create, list with search and filters, read with their runs,
 * assign, and start the next run.
 */
@RestController
class SubmissionController {

	private static final List<String> STATUSES = java.util.Arrays.stream(RunStatus.values())
		.map(RunStatus::value)
		.toList();

	private static final List<String> OUTCOMES = List.of("passed", "failed", "undecided");

	private static final List<String> REVIEW_STATES = List.of("not_started", "in_review", "signed_off");

	private final Submissions submissions;

	private final Assessments assessments;

	SubmissionController(Submissions submissions, Assessments assessments) {
		this.submissions = submissions;
		this.assessments = assessments;
	}

	record CreateRequest(@Nullable UUID workflowId, @Nullable String reference, @Nullable String manufacturer,
			@Nullable String product, @Nullable String deviceClass, @Nullable String model, @Nullable String standard,
			@Nullable UUID ownerId, @Nullable UUID reviewerId, @Nullable LocalDate dueDate) {
	}

	@PostMapping("/v1/submissions")
	@PreAuthorize("hasAnyRole('PROJECT_HANDLER', 'PROCESS_MANAGER')")
	ResponseEntity<Submission> create(@RequestBody CreateRequest request) {
		Submission created = this.submissions.create(request.workflowId(),
				new Submissions.Details(request.reference(), request.manufacturer(), request.product(),
						request.deviceClass(), request.model(), request.standard()),
				new Submissions.Assignment(request.ownerId() != null, request.ownerId(), true, request.reviewerId(),
						true, request.dueDate()));
		return ResponseEntity.created(URI.create("/v1/submissions/" + created.id())).body(created);
	}

	/** A page of the list; {@code next_cursor} asks for the next one. */
	@GetMapping("/v1/submissions")
	CursorPage<Submission> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) @Nullable String q,
			@RequestParam(name = "workflow_id", required = false) @Nullable UUID workflowId,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String outcome,
			@RequestParam(name = "review_state", required = false) @Nullable String reviewState,
			@RequestParam(required = false) @Nullable String assignee,
			@RequestParam(name = "needs_review", required = false) @Nullable Boolean needsReview,
			@RequestParam(name = "created_from", required = false) @Nullable String createdFrom,
			@RequestParam(name = "created_to", required = false) @Nullable String createdTo,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		oneOf("status", status, STATUSES);
		oneOf("outcome", outcome, OUTCOMES);
		oneOf("review_state", reviewState, REVIEW_STATES);
		UUID assigneeId = null;
		if (assignee != null && !assignee.isBlank()) {
			assigneeId = "me".equals(assignee) ? user.userId() : uuid("assignee", assignee);
		}
		return this.submissions.list(
				new Submissions.Filter(q == null || q.isBlank() ? null : q, workflowId, status, outcome, reviewState,
						assigneeId, needsReview, date("created_from", createdFrom), date("created_to", createdTo)),
				sort, cursor == null || cursor.isBlank() ? null : cursor, limit);
	}

	/** Submissions assigned to the caller that wait for them, overdue first. */
	@GetMapping("/v1/submissions/my-work")
	List<Submission> myWork() {
		return this.submissions.myWork(100);
	}

	record SubmissionWithRuns(Submission submission, List<Submissions.Run> runs) {
	}

	@GetMapping("/v1/submissions/{id}")
	SubmissionWithRuns find(@PathVariable UUID id) {
		return new SubmissionWithRuns(this.submissions.find(id), this.submissions.runs(id));
	}

	/**
	 * Changes the fields present in the body: {@code owner_id}, {@code reviewer_id},
	 * {@code due_date} (null clears the reviewer and the due date), and the descriptive
	 * fields.
	 */
	@PatchMapping("/v1/submissions/{id}")
	@PreAuthorize("hasAnyRole('PROJECT_HANDLER', 'PROCESS_MANAGER')")
	Submission update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody JsonNode body) {
		if (!body.isObject()) {
			throw InvalidInputException.of("body", Wording.of("field.json-object"));
		}
		Submissions.Details details = new Submissions.Details(text(body, "reference"), text(body, "manufacturer"),
				text(body, "product"), text(body, "device_class"), text(body, "model"), text(body, "standard"));
		Submissions.Assignment assignment = new Submissions.Assignment(body.has("owner_id"),
				nullableUuid(body, "owner_id"), body.has("reviewer_id"), nullableUuid(body, "reviewer_id"),
				body.has("due_date"), nullableDate(body, "due_date"));
		return this.submissions.update(id, user.definesWorkflows(), details, assignment);
	}

	record RunRequest(@Nullable List<DocumentChoice> documents, @Nullable Boolean allowMissingBuckets) {
	}

	/** Starts the submission's next run with the documents given. */
	@PostMapping("/v1/submissions/{id}/runs")
	@PreAuthorize("hasRole('PROJECT_HANDLER')")
	ResponseEntity<Assessment> startRun(@PathVariable UUID id,
			@RequestBody(required = false) @Nullable RunRequest request) {
		Assessment started = this.assessments.startRun(id,
				request == null || request.documents() == null ? List.of() : request.documents(),
				request != null && Boolean.TRUE.equals(request.allowMissingBuckets()));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/v1/assessments/" + started.id()))
			.body(started);
	}

	private static void oneOf(String field, @Nullable String value, List<String> allowed) {
		if (value != null && !allowed.contains(value)) {
			throw InvalidInputException.of(field, Wording.of("field.one-of", String.join(", ", allowed)));
		}
	}

	private static UUID uuid(String field, String value) {
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInputException.of(field, Wording.of("field.user-or-me"));
		}
	}

	private static @Nullable LocalDate date(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw InvalidInputException.of(field, Wording.of("field.date"));
		}
	}

	/**
	 * A text field: absent is null, JSON null is "" (cleared), a non-string is refused.
	 */
	private static @Nullable String text(JsonNode body, String field) {
		if (!body.has(field)) {
			return null;
		}
		JsonNode value = body.get(field);
		if (value.isNull()) {
			return "";
		}
		if (!value.isString()) {
			throw InvalidInputException.of(field, Wording.of("field.text"));
		}
		return value.asString();
	}

	private static @Nullable UUID nullableUuid(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw InvalidInputException.of(field, Wording.of("field.user"));
		}
		try {
			return UUID.fromString(value.asString());
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInputException.of(field, Wording.of("field.user"));
		}
	}

	private static @Nullable LocalDate nullableDate(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw InvalidInputException.of(field, Wording.of("field.date"));
		}
		return date(field, value.asString());
	}

}
