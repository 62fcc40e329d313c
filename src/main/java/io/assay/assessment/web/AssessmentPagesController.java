package io.assay.assessment.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.assessment.Assessment;
import io.assay.assessment.Assessments;
import io.assay.assessment.ResultComments;
import io.assay.assessment.Results;
import io.assay.assessment.SignOffs;
import io.assay.assessment.Submissions;
import io.assay.identity.CurrentUser;
import io.assay.platform.ForbiddenException;
import io.assay.platform.web.PageController;
import io.assay.platform.web.PageRequest;
import io.assay.workflow.Workflow;
import io.assay.workflow.Workflows;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The assessment pages: the list, a new assessment (choose a workflow, drop documents
 * into its buckets, start), and one assessment with its live progress. Uploading and
 * starting go through the JSON API, so the page meets the same checks and messages as any
 * client.
 */
@Controller
class AssessmentPagesController implements PageController {

	private final Assessments assessments;

	private final Workflows workflows;

	private final Submissions submissions;

	private final SignOffs signOffs;

	private final ResultComments comments;

	private final Results results;

	private final io.assay.document.Documents documentContents;

	private final ResultCards cards;

	private final org.springframework.transaction.support.TransactionTemplate reading;

	AssessmentPagesController(Assessments assessments, Workflows workflows, Submissions submissions, SignOffs signOffs,
			ResultComments comments, Results results, io.assay.document.Documents documentContents, ResultCards cards,
			org.springframework.transaction.PlatformTransactionManager transactions) {
		this.cards = cards;
		this.reading = new org.springframework.transaction.support.TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
		this.results = results;
		this.documentContents = documentContents;
		this.submissions = submissions;
		this.signOffs = signOffs;
		this.comments = comments;
		this.assessments = assessments;
		this.workflows = workflows;
	}

	@GetMapping("/assessments")
	String list(Model model) {
		model.addAttribute("assessments", this.assessments.list(new Assessments.Filter(null, null, null),
				PageRequest.of(1, 50, "-created_at", Assessments.SORTABLE, "-created_at")));
		model.addAttribute("workflowNames", this.workflows.names());
		return "assessment/list";
	}

	@GetMapping("/assessments/new")
	String create(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable UUID workflow,
			@RequestParam(required = false) @Nullable UUID submission, Model model) {
		if (!user.runsAssessments()) {
			throw new ForbiddenException(Wording.of("problem.start-for-handlers"));
		}
		if (workflow == null) {
			model.addAttribute("workflows",
					this.workflows.list(false, PageRequest.of(1, 100, "name", Workflows.SORTABLE, "name")).items());
			return "assessment/choose-workflow";
		}
		Workflow chosen = this.workflows.find(workflow);
		if (!chosen.isActive()) {
			throw new io.assay.platform.ConflictException(Wording.of("problem.workflow-archived-run"));
		}
		model.addAttribute("workflow", chosen);
		model.addAttribute("submission", submission == null ? null : this.submissions.find(submission));
		return "assessment/new";
	}

	/**
	 * An assessment: results first, failed first, then those that need a person, then
	 * passed, beside the document viewer; {@code ?filter=} narrows the list (failed,
	 * needs-review, not-reviewed). What is secondary to the review (documents, runs, run
	 * again) follows the results.
	 */
	@GetMapping("/assessments/{id}")
	String show(@AuthenticationPrincipal @Nullable CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String filter, Model model, java.util.Locale locale,
			jakarta.servlet.http.HttpServletRequest request) {
		// One transaction for the page's dozen reads, not one each (three round trips
		// apiece to begin, bind the organisation and end); the cards are rendered after
		// it, so that no connection is held while they are.
		Shown shown = java.util.Objects
			.requireNonNull(this.reading.execute(tx -> read(id, ResultFilter.of(filter), model)));
		model.addAttribute("cards", this.cards.render(shown.results(), shown.comments(), me, shown.signOff(), locale,
				request.getContextPath()));
		return "assessment/show";
	}

	/** What the cards of the results page are made from. */
	private record Shown(List<Results.Result> results, Map<UUID, List<ResultComments.Comment>> comments,
			io.assay.assessment.SignOffs.@Nullable SignOff signOff) {
	}

	private Shown read(UUID id, ResultFilter chosen, Model model) {
		Assessment assessment = this.assessments.find(id);
		Workflow workflow = this.workflows.version(assessment.workflowId(), assessment.workflowVersion());
		model.addAttribute("assessment", assessment);
		model.addAttribute("workflow", workflow);
		model.addAttribute("submission", this.submissions.find(assessment.submissionId()));
		io.assay.assessment.SignOffs.SignOff signOff = this.signOffs.find(id).orElse(null);
		model.addAttribute("signOff", signOff);
		Map<UUID, List<ResultComments.Comment>> comments = this.comments.ofRun(id);
		model.addAttribute("missingBuckets",
				workflow.buckets()
					.stream()
					.filter(bucket -> assessment.missingBucketIds().contains(bucket.id()))
					.map(Workflow.Bucket::name)
					.toList());
		List<Assessments.AssessedDocument> documents = this.assessments.documents(id);
		model.addAttribute("documents", documents);
		model.addAttribute("contentRemoved", this.documentContents
			.contentRemoved(documents.stream().map(Assessments.AssessedDocument::documentId).toList()));
		Map<UUID, String> documentsByBucket = new java.util.HashMap<>();
		documents.forEach(document -> documentsByBucket.merge(document.bucketId(), document.fileName(),
				(before, next) -> before + ", " + next));
		model.addAttribute("documentsByBucket", documentsByBucket);
		List<Results.Result> all = this.results.list(assessment, workflow, documents);
		java.util.Set<UUID> judged = new java.util.HashSet<>();
		all.forEach(result -> judged.add(result.criteriaId()));
		List<Results.Result> shown = all.stream().filter(chosen::shows).toList();
		model.addAttribute("results", shown);
		model.addAttribute("filter", chosen.key());
		model.addAttribute("filters", ResultFilter.choices(all));
		model.addAttribute("reviewed", ResultFilter.NOT_REVIEWED.count(all, true));
		java.util.Set<UUID> unread = unread(assessment, documents, all);
		model.addAttribute("unreadDocuments", unread);
		model.addAttribute("unreadDocumentNames",
				documents.stream()
					.filter(document -> unread.contains(document.documentId()))
					.map(Assessments.AssessedDocument::fileName)
					.toList());
		model.addAttribute("diff",
				assessment.previousAssessmentId() == null || !assessment.isFinished() ? null : this.results.diff(id));
		List<Assessments.Run> runs = this.assessments.runs(id);
		model.addAttribute("runs", runs.size() > 1 ? runs : List.of());
		model.addAttribute("notYetJudged",
				workflow.criteria().stream().filter(criterion -> !judged.contains(criterion.id())).toList());
		return new Shown(shown, comments, signOff);
	}

	/**
	 * The documents with pages that no criterion read a page of, once the run has ended
	 * and its results say what they read (runs before that was recorded say nothing).
	 */
	private static java.util.Set<UUID> unread(Assessment assessment, List<Assessments.AssessedDocument> documents,
			List<Results.Result> results) {
		if (!assessment.isFinished() || results.stream().allMatch(result -> result.read() == null)) {
			return java.util.Set.of();
		}
		java.util.Set<UUID> read = new java.util.HashSet<>();
		results.forEach(result -> result.readFrom().forEach(part -> read.add(part.documentId())));
		java.util.Set<UUID> unread = new java.util.HashSet<>();
		for (Assessments.AssessedDocument document : documents) {
			if (document.pageCount() != null && document.pageCount() > 0 && !read.contains(document.documentId())) {
				unread.add(document.documentId());
			}
		}
		return unread;
	}

	/**
	 * One result's card and the summary, as a review or comment left them: the page
	 * replaces the card where it is, so the list keeps its order while a person works
	 * through it.
	 */
	@GetMapping("/assessments/{id}/results/{resultId}")
	String card(@AuthenticationPrincipal @Nullable CurrentUser me, @PathVariable UUID id, @PathVariable UUID resultId,
			Model model, java.util.Locale locale, jakarta.servlet.http.HttpServletRequest request) {
		List<Results.Result> all = this.results.list(id);
		Results.Result result = all.stream()
			.filter(candidate -> candidate.id().equals(resultId))
			.findFirst()
			.orElseThrow(() -> new io.assay.platform.NotFoundException("Result"));
		model.addAttribute("assessment", this.assessments.find(id));
		model.addAttribute("card", this.cards.render(List.of(result), this.comments.ofRun(id), me,
				this.signOffs.find(id).orElse(null), locale, request.getContextPath()));
		model.addAttribute("reviewed", ResultFilter.NOT_REVIEWED.count(all, true));
		return "assessment/result-card :: reviewed";
	}

	/** Criteria analytics of a workflow, for process managers. */
	@GetMapping("/workflows/{id}/analytics")
	String criteriaAnalytics(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false, defaultValue = "50") int last, Model model) {
		if (!me.definesWorkflows()) {
			throw new ForbiddenException(Wording.of("problem.analytics-for-managers"));
		}
		model.addAttribute("workflow", this.workflows.find(id));
		model.addAttribute("analytics", this.results.criteriaAnalytics(id, last));
		model.addAttribute("last", last);
		return "assessment/criteria-analytics";
	}

}
