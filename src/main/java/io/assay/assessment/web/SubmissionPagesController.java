package io.assay.assessment.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.assay.assessment.Submission;
import io.assay.assessment.Submissions;
import io.assay.identity.CurrentUser;
import io.assay.identity.People;
import io.assay.platform.ForbiddenException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.web.CursorPage;
import io.assay.platform.web.PageController;
import io.assay.platform.web.PageRequest;
import io.assay.workflow.Workflows;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The submission pages: the list with search and filters, a new submission, and one
 * submission with who works on it and its runs. Creating and assigning go through the
 * JSON API, so the pages meet the same checks and messages as any client.
 */
@Controller
class SubmissionPagesController implements PageController {

	private final Submissions submissions;

	private final Workflows workflows;

	private final People people;

	private final MessageSource messages;

	SubmissionPagesController(Submissions submissions, Workflows workflows, People people, MessageSource messages) {
		this.messages = messages;
		this.submissions = submissions;
		this.workflows = workflows;
		this.people = people;
	}

	@GetMapping("/submissions")
	String list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String outcome,
			@RequestParam(name = "review_state", required = false) @Nullable String reviewState,
			@RequestParam(required = false) @Nullable String mine,
			@RequestParam(name = "needs_review", required = false) @Nullable String needsReview,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String cursor, Locale locale, Model model) {
		Submissions.Filter filter = new Submissions.Filter(blank(q), null, blank(status), blank(outcome),
				blank(reviewState), "on".equals(mine) ? me.userId() : null, "on".equals(needsReview) ? true : null,
				null, null);
		CursorPage<Submission> page;
		try {
			page = this.submissions.list(filter, blank(sort), blank(cursor), 50);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problem", ex.message(this.messages, locale));
			page = new CursorPage<>(List.of(), 50, null);
		}
		model.addAttribute("page", page);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("status", status == null ? "" : status);
		model.addAttribute("outcome", outcome == null ? "" : outcome);
		model.addAttribute("reviewState", reviewState == null ? "" : reviewState);
		model.addAttribute("mine", "on".equals(mine));
		model.addAttribute("needsReview", "on".equals(needsReview));
		model.addAttribute("sort", sort == null ? "" : sort);
		model.addAttribute("workflowNames", this.workflows.names());
		model.addAttribute("filtered", filter.search() != null || filter.status() != null || filter.outcome() != null
				|| filter.reviewState() != null || filter.assignee() != null || filter.needsReview() != null);
		return "submission/list";
	}

	@GetMapping("/submissions/new")
	String create(@AuthenticationPrincipal CurrentUser me, Model model) {
		if (!me.runsAssessments() && !me.definesWorkflows()) {
			throw new ForbiddenException(Wording.of("problem.submissions-for"));
		}
		model.addAttribute("workflows",
				this.workflows.list(false, PageRequest.of(1, 100, "name", Workflows.SORTABLE, "name")).items());
		model.addAttribute("handlers", this.people.projectHandlers());
		return "submission/new";
	}

	@GetMapping("/submissions/{id}")
	String show(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
		Submission submission = this.submissions.find(id);
		model.addAttribute("submission", submission);
		model.addAttribute("runs", this.submissions.runs(id).reversed());
		model.addAttribute("workflow", this.workflows.find(submission.workflowId()));
		model.addAttribute("signOffPolicy", this.workflows.signOffPolicy(submission.workflowId()).value());
		model.addAttribute("handlers", this.people.projectHandlers());
		model.addAttribute("mayAssign",
				me.definesWorkflows() || (submission.owner() != null && submission.owner().id().equals(me.userId())));
		return "submission/show";
	}

	private static @Nullable String blank(@Nullable String value) {
		return value == null || value.isBlank() ? null : value;
	}

}
