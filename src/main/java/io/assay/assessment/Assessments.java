package io.assay.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.assay.audit.AuditTrail;
import io.assay.document.Document;
import io.assay.document.Documents;
import io.assay.identity.Accounts;
import io.assay.platform.ConflictException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.InvalidInputException.FieldProblem;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.platform.web.PageRequest;
import io.assay.platform.web.PageRequest.Page;
import io.assay.workflow.Workflow;
import io.assay.workflow.Workflows;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starting, reading and cancelling assessments. Starting inserts the assessment, its
 * documents and its job in one transaction: either all of them exist or none does.
 */
@Service
public class Assessments {

	private static final Logger log = LoggerFactory.getLogger(Assessments.class);

	/** Sort keys of the assessment list. */
	public static final Map<String, String> SORTABLE = Map.of("created_at", "a.created_at", "status", "a.status",
			"completed_at", "a.completed_at");

	private final JdbcClient db;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final Workflows workflows;

	private final Documents documents;

	private final Accounts accounts;

	private final SchedulerClient jobs;

	private final OneTimeTask<String> task;

	private final tools.jackson.databind.json.JsonMapper json;

	private final Submissions submissions;

	Assessments(JdbcClient db, TenantContext tenants, AuditTrail audit, Workflows workflows, Documents documents,
			Accounts accounts, SchedulerClient jobs, OneTimeTask<String> assessmentTask,
			tools.jackson.databind.json.JsonMapper json, Submissions submissions) {
		this.submissions = submissions;
		this.db = db;
		this.tenants = tenants;
		this.audit = audit;
		this.workflows = workflows;
		this.documents = documents;
		this.accounts = accounts;
		this.jobs = jobs;
		this.task = assessmentTask;
		this.json = json;
	}

	/**
	 * A document chosen for one of the workflow's buckets; either may be missing or
	 * wrong.
	 */
	public record DocumentChoice(@Nullable UUID bucketId, @Nullable UUID documentId) {
	}

	/** Filters of the assessment list; each is optional. */
	public record Filter(@Nullable UUID workflowId, @Nullable String status, @Nullable UUID createdBy) {
	}

	/**
	 * Starts an assessment of the current version of a workflow, as the first run of a
	 * submission made for it (the assessments API from before submissions).
	 * @throws NotFoundException the workflow is not the organisation's
	 * @throws InvalidInputException naming each required bucket without a document and
	 * each document that is not in the bucket it is given for
	 */
	@Transactional
	public Assessment start(UUID workflowId, List<DocumentChoice> choices) {
		return start(workflowId, choices, false);
	}

	/**
	 * @param allowMissingBuckets start even when required buckets are empty: each
	 * criterion that needs one fails with that as its finding
	 */
	@Transactional
	public Assessment start(UUID workflowId, List<DocumentChoice> choices, boolean allowMissingBuckets) {
		Workflow workflow = this.workflows.find(workflowId);
		if (!workflow.isActive()) {
			throw new ConflictException("This workflow is archived; assessments run on active workflows only.");
		}
		// Refused input rolls the new submission back with everything else.
		UUID submission = this.submissions.createFor(workflowId, workflow.name());
		return begin(workflow, choices, null, submission, allowMissingBuckets);
	}

	/**
	 * Starts the next run of a submission on the current version of its workflow. A
	 * submission that has run before is run again from its latest run: criteria whose
	 * documents did not change keep their results.
	 * @throws ConflictException while the submission's latest run is still running
	 */
	@Transactional
	public Assessment startRun(UUID submissionId, List<DocumentChoice> choices, boolean allowMissingBuckets) {
		Submission submission = this.submissions.find(submissionId);
		Workflow workflow = this.workflows.find(submission.workflowId());
		if (!workflow.isActive()) {
			throw new ConflictException("This workflow is archived; assessments run on active workflows only.");
		}
		UUID previous = null;
		if (submission.latestRun() != null) {
			Assessment latest = find(submission.latestRun().assessmentId());
			if (!latest.isFinished()) {
				throw new ConflictException("Run " + latest.runNumber()
						+ " of this submission is still running; start the next once it has ended.");
			}
			previous = latest.workflowVersion() == workflow.version() ? latest.id() : null;
		}
		return begin(workflow, choices, previous, submissionId, allowMissingBuckets);
	}

	/**
	 * Runs an assessment again as a new one, linked to it, with some documents replaced:
	 * the documents given take the place of all of their bucket's documents, the other
	 * buckets keep theirs. It checks the same workflow version; criteria whose documents
	 * did not change keep their results and reviews without asking the judge again.
	 * @param replace the new documents; none to run it again as it was
	 * @throws ConflictException while the assessment is still running
	 */
	@Transactional
	public Assessment rerun(UUID previousId, List<DocumentChoice> replace) {
		Assessment previous = find(previousId);
		if (!previous.isFinished()) {
			throw new ConflictException("This assessment is still running; run it again once it has ended.");
		}
		Workflow workflow = this.workflows.version(previous.workflowId(), previous.workflowVersion());
		Set<UUID> replaced = new HashSet<>();
		replace.forEach(choice -> replaced.add(choice.bucketId()));
		List<DocumentChoice> choices = new ArrayList<>();
		for (AssessedDocument kept : documents(previousId)) {
			if (!replaced.contains(kept.bucketId())) {
				choices.add(new DocumentChoice(kept.bucketId(), kept.documentId()));
			}
		}
		choices.addAll(replace);
		// A run that started with buckets empty may run again with them still empty.
		return begin(workflow, choices, previousId, previous.submissionId(), !previous.missingBucketIds().isEmpty());
	}

	private Assessment begin(Workflow workflow, List<DocumentChoice> choices, @Nullable UUID previous, UUID submission,
			boolean allowMissingBuckets) {
		UUID workflowId = workflow.id();
		List<Document> chosen = check(workflow, choices, allowMissingBuckets);
		Set<UUID> filled = new HashSet<>();
		chosen.forEach(document -> filled.add(document.bucketId()));
		UUID[] missing = workflow.buckets()
			.stream()
			.filter(bucket -> bucket.required() && !filled.contains(bucket.id()))
			.map(Workflow.Bucket::id)
			.toArray(UUID[]::new);
		if (previous != null) {
			requireSomethingChanged(previous, chosen);
		}
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		requireWithinMonthlyLimit(tenant.organizationId());
		// One run at a time per submission, numbered in the order they start.
		int runNumber = this.db.sql("""
				select coalesce((select max(run_number) from assessments where submission_id = s.id), 0) + 1
				  from submissions s where s.id = ? for update
				""")
			.param(submission)
			.query(Integer.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Submission"));
		UUID id = UUID.randomUUID();
		this.db.sql("""
				insert into assessments (id, organization_id, submission_id, run_number, workflow_id, workflow_version,
				                         created_by, status, progress_total, previous_assessment_id, missing_bucket_ids)
				values (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
				""")
			.params(id, tenant.organizationId(), submission, runNumber, workflowId, workflow.version(), tenant.userId(),
					workflow.criteria().size(), previous, missing)
			.update();
		for (Document document : chosen) {
			this.db.sql("""
					insert into assessment_documents (assessment_id, organization_id, bucket_id, document_id, file_name,
					                                  storage_key, file_size_bytes, file_type, page_count, sha256)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, decode(?, 'hex'))
					""")
				.params(id, tenant.organizationId(), document.bucketId(), document.id(), document.fileName(),
						tenant.organizationId() + "/" + document.sha256(), document.fileSizeBytes(),
						document.fileType(), document.pageCount(), document.sha256())
				.update();
		}
		this.jobs.schedule(this.task.instance(id.toString(), AssessmentJob.data(tenant.organizationId(), id)),
				Instant.now());
		SubmissionState.refreshFor(this.db, id);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("submission_id", submission);
		details.put("run_number", runNumber);
		details.put("workflow_id", workflowId);
		details.put("workflow_version", workflow.version());
		details.put("documents", chosen.size());
		if (missing.length > 0) {
			details.put("missing_bucket_ids", List.of(missing));
		}
		if (previous != null) {
			details.put("previous_assessment_id", previous);
		}
		this.audit.record("assessment_started", "assessment", id, details);
		return find(id);
	}

	@Transactional(readOnly = true)
	public Assessment find(UUID id) {
		return this.db.sql(AssessmentRows.SELECT + " where a.id = ?")
			.param(id)
			.query(AssessmentRows::assessment)
			.optional()
			.orElseThrow(() -> new NotFoundException("Assessment"));
	}

	/**
	 * One criterion's result as the results list shows it. {@code pass} is the verdict
	 * that counts: the reviewer's when there is a review, else the AI's, which
	 * {@code aiPass} keeps. {@code evidence} is the first verified evidence (none if
	 * nothing could be verified); {@code evidenceItems} has all of it, each saying
	 * whether its quote was found. {@code carriedOver}: copied by a re-run from the
	 * previous run, whose documents for this criterion were the same.
	 */
	public record Result(UUID id, UUID criteriaId, String criteriaName, @Nullable Boolean pass,
			@Nullable Boolean aiPass, String confidence, boolean needsReview, @Nullable ShownEvidence evidence,
			tools.jackson.databind.JsonNode evidenceItems, @Nullable String reasoning, @Nullable String judge,
			@Nullable Review review, boolean carriedOver) {
	}

	/** A person's verdict on a result: the AI's confirmed, or overruled. */
	public record Review(String decision, boolean pass, @Nullable String comment, @Nullable Reviewer reviewedBy,
			Instant reviewedAt) {
	}

	/** Who reviewed; null once the account is gone. */
	public record Reviewer(UUID id, String name) {
	}

	/** The evidence shown with a result: where the quote is and what it says. */
	public record ShownEvidence(UUID documentId, String fileName, @Nullable Integer page, @Nullable String section,
			String quote) {
	}

	/**
	 * The results so far, failed ones first, then those that need review (undecided or
	 * low confidence), then passed; within each, in the workflow's order.
	 */
	@Transactional(readOnly = true)
	public List<Result> results(UUID assessmentId) {
		return results(assessmentId, false);
	}

	/**
	 * @param onlyNeedingReview only the results a person still has to look at: undecided
	 * or low confidence, and not reviewed
	 */
	@Transactional(readOnly = true)
	public List<Result> results(UUID assessmentId, boolean onlyNeedingReview) {
		Assessment assessment = find(assessmentId);
		Workflow workflow = this.workflows.version(assessment.workflowId(), assessment.workflowVersion());
		Map<UUID, Integer> order = new LinkedHashMap<>();
		Map<UUID, String> names = new LinkedHashMap<>();
		for (Workflow.Criterion criterion : workflow.criteria()) {
			order.put(criterion.id(), order.size());
			names.put(criterion.id(), criterion.name());
		}
		List<Result> results = this.db.sql("""
				select r.id, r.criteria_id, r.pass, r.confidence, r.reasoning, r.judge, r.evidence::text as evidence,
				       d.document_id, d.file_name, r.evidence_page, r.evidence_section, r.evidence_text,
				       r.review_decision, r.review_pass, r.review_comment, r.reviewed_by, u.name as reviewer_name,
				       r.reviewed_at, r.carried_over_from is not null as carried_over
				  from assessment_results r
				  left join assessment_documents d on d.id = r.evidence_document_id
				  left join users u on u.id = r.reviewed_by
				 where r.assessment_id = ?
				""").param(assessmentId).query((rs, n) -> {
			Boolean aiPass = rs.getObject("pass", Boolean.class);
			String confidence = rs.getString("confidence");
			UUID reviewerId = rs.getObject("reviewed_by", UUID.class);
			Review review = rs.getString("review_decision") == null ? null
					: new Review(rs.getString("review_decision"), rs.getBoolean("review_pass"),
							rs.getString("review_comment"),
							reviewerId == null ? null : new Reviewer(reviewerId, rs.getString("reviewer_name")),
							rs.getTimestamp("reviewed_at").toInstant());
			Boolean pass = review == null ? aiPass : Boolean.valueOf(review.pass());
			UUID documentId = rs.getObject("document_id", UUID.class);
			ShownEvidence shown = documentId == null ? null
					: new ShownEvidence(documentId, rs.getString("file_name"),
							rs.getObject("evidence_page", Integer.class), rs.getString("evidence_section"),
							rs.getString("evidence_text"));
			UUID criterion = rs.getObject("criteria_id", UUID.class);
			return new Result(rs.getObject("id", UUID.class), criterion, names.getOrDefault(criterion, "(removed)"),
					pass, aiPass, confidence, review == null && (aiPass == null || "low".equals(confidence)), shown,
					this.json.readTree(rs.getString("evidence")), rs.getString("reasoning"), rs.getString("judge"),
					review, rs.getBoolean("carried_over"));
		}).list();
		return results.stream()
			.filter(result -> !onlyNeedingReview || result.needsReview())
			.sorted(java.util.Comparator.comparingInt(Assessments::rank)
				.thenComparingInt(result -> order.getOrDefault(result.criteriaId(), Integer.MAX_VALUE)))
			.toList();
	}

	private static int rank(Result result) {
		if (Boolean.FALSE.equals(result.pass()) && !result.needsReview()) {
			return 0;
		}
		return result.needsReview() ? 1 : 2;
	}

	/**
	 * Records a person's verdict on one result: {@code confirm} keeps the AI's verdict,
	 * {@code overrule} turns it round (or, for a result the AI left undecided, sets the
	 * verdict given). The AI's answer stays as it was; a later review replaces an earlier
	 * one, and each is in the audit trail.
	 * @param pass the verdict, needed only to overrule an undecided result
	 * @throws InvalidInputException for an unknown decision, a confirmation of an
	 * undecided result, or an overruling without a comment
	 */
	@Transactional
	public Result review(UUID assessmentId, UUID resultId, @Nullable String decision, @Nullable Boolean pass,
			@Nullable String comment) {
		find(assessmentId);
		String reviewState = this.db.sql("select review_state from assessments where id = ? for update")
			.param(assessmentId)
			.query(String.class)
			.single();
		if ("signed_off".equals(reviewState)) {
			throw new ConflictException(
					"This run is signed off, so its reviews are locked; reopen it, with a reason, to change a review.");
		}
		Boolean aiPass = this.db
			.sql("select pass from assessment_results where id = ? and assessment_id = ? for update")
			.params(resultId, assessmentId)
			.query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1, Boolean.class)))
			.optional()
			.orElseThrow(() -> new NotFoundException("Result"))
			.orElse(null);
		String note = comment == null || comment.isBlank() ? null : comment.strip();
		boolean verdict;
		if ("confirm".equals(decision)) {
			if (aiPass == null) {
				throw InvalidInputException.of("decision",
						"the AI left this criterion undecided, so there is nothing to confirm: overrule it with"
								+ " \"pass\": true or false");
			}
			verdict = aiPass;
		}
		else if ("overrule".equals(decision)) {
			if (note == null) {
				throw InvalidInputException.of("comment", "say why the AI's verdict is overruled");
			}
			if (aiPass == null && pass == null) {
				throw InvalidInputException.of("pass", "the AI left this criterion undecided: give the verdict");
			}
			verdict = aiPass == null ? pass : !aiPass;
		}
		else {
			throw InvalidInputException.of("decision", "must be confirm or overrule");
		}
		if (note != null && note.length() > 4000) {
			throw InvalidInputException.of("comment", "must be at most 4000 characters");
		}
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		this.db.sql("""
				update assessment_results set review_decision = ?, review_pass = ?, review_comment = ?,
				       reviewed_by = ?, reviewed_at = now(), updated_at = now()
				 where id = ?
				""").params(decision, verdict, note, tenant.userId(), resultId).update();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("result_id", resultId);
		details.put("decision", decision);
		details.put("ai_pass", aiPass);
		details.put("pass", verdict);
		if (note != null) {
			details.put("comment", note);
		}
		this.db.sql(
				"update assessments set review_state = 'in_review', updated_at = now() where id = ? and review_state = 'not_started'")
			.param(assessmentId)
			.update();
		SubmissionState.refreshFor(this.db, assessmentId);
		this.audit.record("result_reviewed", "assessment", assessmentId, details);
		return results(assessmentId).stream()
			.filter(result -> result.id().equals(resultId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Result"));
	}

	/** A criterion's verdict in one run: as shown (after any review). */
	public record Verdict(@Nullable Boolean pass, String confidence, boolean needsReview) {

		static Verdict of(Result result) {
			return new Verdict(result.pass(), result.confidence(), result.needsReview());
		}

		boolean sameAs(Verdict other) {
			return java.util.Objects.equals(this.pass, other.pass) && this.needsReview == other.needsReview;
		}

	}

	/**
	 * A criterion whose verdict changed between two runs; {@code before} is null for a
	 * criterion the previous run has no result for.
	 */
	public record Change(UUID criteriaId, String criteriaName, @Nullable Verdict before, Verdict after) {
	}

	/** What a re-run changed against the run it was made from. */
	public record Diff(UUID assessmentId, @Nullable UUID previousAssessmentId, List<Change> changed, int unchanged) {
	}

	/**
	 * The criteria whose verdict (pass, fail or undecided, and whether it needs review)
	 * differs from the previous run's; none for a first run.
	 */
	@Transactional(readOnly = true)
	public Diff diff(UUID assessmentId) {
		Assessment assessment = find(assessmentId);
		UUID previousId = assessment.previousAssessmentId();
		if (previousId == null) {
			return new Diff(assessmentId, null, List.of(), 0);
		}
		Map<UUID, Result> before = new LinkedHashMap<>();
		results(previousId).forEach(result -> before.put(result.criteriaId(), result));
		List<Change> changed = new ArrayList<>();
		int unchanged = 0;
		for (Result after : results(assessmentId)) {
			Result earlier = before.get(after.criteriaId());
			if (earlier != null && Verdict.of(earlier).sameAs(Verdict.of(after))) {
				unchanged++;
			}
			else {
				changed.add(new Change(after.criteriaId(), after.criteriaName(),
						earlier == null ? null : Verdict.of(earlier), Verdict.of(after)));
			}
		}
		return new Diff(assessmentId, previousId, changed, unchanged);
	}

	/** One run of a submission, in the history of re-runs. */
	public record Run(UUID id, String status, Instant createdAt, Assessment.Summary summary, boolean current) {
	}

	/**
	 * Every run of the same submission, first to last: the runs this one was made from,
	 * and those made from it.
	 */
	@Transactional(readOnly = true)
	public List<Run> runs(UUID assessmentId) {
		find(assessmentId);
		List<UUID> chain = this.db.sql("""
				with recursive earlier(id, previous, depth) as (
				    select id, previous_assessment_id, 0 from assessments where id = :id
				    union all
				    select a.id, a.previous_assessment_id, e.depth + 1
				      from assessments a join earlier e on a.id = e.previous
				     where e.depth < 1000
				), later(id, depth) as (
				    select id, 0 from assessments where id = :id
				    union all
				    select a.id, l.depth + 1 from assessments a join later l on a.previous_assessment_id = l.id
				     where l.depth < 1000
				)
				select id from earlier union select id from later
				""").param("id", assessmentId).query(UUID.class).list();
		return this.db.sql(AssessmentRows.SELECT + " where a.id = any(?) order by a.created_at")
			.param(chain.toArray(UUID[]::new))
			.query(AssessmentRows::assessment)
			.list()
			.stream()
			.map(run -> new Run(run.id(), run.status(), run.createdAt(), run.summary(), run.id().equals(assessmentId)))
			.toList();
	}

	/**
	 * How one criterion fared over recent assessments of its workflow.
	 *
	 * @param averageConfidence high 1, medium 0.5, low 0, over the AI's answers
	 */
	public record CriterionFigures(UUID criteriaId, String criteriaName, int judged, int failed, int undecided,
			int overruled, double averageConfidence) {

		public double failureRate() {
			return this.judged == 0 ? 0 : (double) this.failed / this.judged;
		}

		public double overruleRate() {
			return this.judged == 0 ? 0 : (double) this.overruled / this.judged;
		}

	}

	/** Criteria analytics of a workflow: noisiest first. */
	public record CriteriaAnalytics(UUID workflowId, int assessments, List<CriterionFigures> criteria) {
	}

	/**
	 * For each criterion of a workflow, over its last {@code last} completed assessments
	 * (any version): how often it failed (as finally decided, reviews included), how
	 * often a reviewer overruled the AI, and the AI's average confidence. Criteria
	 * reviewers often overrule, or the AI rarely decides with confidence, come first:
	 * they are the ones to reword.
	 */
	@Transactional(readOnly = true)
	public CriteriaAnalytics criteriaAnalytics(UUID workflowId, int last) {
		if (last < 1 || last > 1000) {
			throw InvalidInputException.of("last", "must be between 1 and 1000");
		}
		Workflow workflow = this.workflows.find(workflowId);
		Map<UUID, String> names = new LinkedHashMap<>();
		workflow.criteria().forEach(criterion -> names.put(criterion.id(), criterion.name()));
		List<UUID> recent = this.db.sql("""
				select id from assessments where workflow_id = ? and status = 'completed'
				 order by completed_at desc limit ?
				""").params(workflowId, last).query(UUID.class).list();
		List<CriterionFigures> figures = this.db.sql("""
				select criteria_id, count(*) as judged,
				       count(*) filter (where coalesce(review_pass, pass) = false) as failed,
				       count(*) filter (where pass is null and review_decision is null) as undecided,
				       count(*) filter (where review_decision = 'overrule') as overruled,
				       avg(case confidence when 'high' then 1.0 when 'medium' then 0.5 else 0.0 end) as confidence
				  from assessment_results
				 where assessment_id = any(?) and carried_over_from is null
				 group by criteria_id
				""").param(recent.toArray(UUID[]::new)).query((rs, n) -> {
			UUID criterion = rs.getObject("criteria_id", UUID.class);
			return new CriterionFigures(criterion, names.getOrDefault(criterion, "(no longer in the workflow)"),
					rs.getInt("judged"), rs.getInt("failed"), rs.getInt("undecided"), rs.getInt("overruled"),
					rs.getDouble("confidence"));
		}).list();
		List<CriterionFigures> noisiestFirst = figures.stream()
			.sorted(java.util.Comparator.comparingDouble(CriterionFigures::overruleRate)
				.reversed()
				.thenComparingDouble(CriterionFigures::averageConfidence)
				.thenComparing(CriterionFigures::criteriaName))
			.toList();
		return new CriteriaAnalytics(workflowId, recent.size(), noisiestFirst);
	}

	/** A line of a page to highlight, in PDF points from the page's top-left corner. */
	public record Box(float x, float y, float width, float height, String text) {
	}

	/**
	 * Where one evidence item is, for the viewer: the document, the page with its size
	 * and the boxes of the lines the quote is on; for a document without pages, the
	 * section's text.
	 */
	public record EvidenceLocation(UUID documentId, String fileName, String fileType, @Nullable Integer page,
			int pageCount, @Nullable String section, String quote, boolean verified, float pageWidth, float pageHeight,
			List<Box> boxes, @Nullable String sectionText) {
	}

	/**
	 * Locates evidence item {@code index} of a result in its document.
	 * @throws NotFoundException for an unknown result or item, or a document the
	 * assessment does not have
	 */
	@Transactional(readOnly = true)
	public EvidenceLocation evidence(UUID assessmentId, UUID resultId, int index) {
		Result result = results(assessmentId).stream()
			.filter(candidate -> candidate.id().equals(resultId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Result"));
		if (index < 0 || index >= result.evidenceItems().size()) {
			throw new NotFoundException("Evidence");
		}
		tools.jackson.databind.JsonNode item = result.evidenceItems().get(index);
		String documentText = item.path("document_id").asString("");
		AssessedDocument document = documents(assessmentId).stream()
			.filter(candidate -> candidate.documentId().toString().equals(documentText))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Document"));
		io.assay.document.ParsedDocument parsed = this.documents.parsed(document.documentId());
		String quote = item.path("quote").asString("");
		Integer page = item.path("page").isNumber() ? item.path("page").asInt() : null;
		String section = item.path("section").isString() ? item.path("section").asString() : null;
		boolean verified = item.path("verified").asBoolean(false);
		if (!parsed.hasPages() || page == null) {
			String text = parsed.sections()
				.stream()
				.filter(candidate -> candidate.heading().equals(section))
				.map(candidate -> candidate.text())
				.filter(java.util.Objects::nonNull)
				.findFirst()
				.orElse(null);
			return new EvidenceLocation(document.documentId(), document.fileName(), document.fileType(), null, 0,
					section, quote, verified, 0, 0, List.of(), text);
		}
		io.assay.document.ParsedDocument.Page shown = parsed.pages()
			.stream()
			.filter(candidate -> candidate.number() == page)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Page"));
		List<Box> boxes = verified ? QuoteLines.on(shown, quote) : List.of();
		return new EvidenceLocation(document.documentId(), document.fileName(), document.fileType(), page,
				parsed.pageCount(), section, quote, verified, shown.width(), shown.height(), boxes, null);
	}

	/** A document an assessment was started with. */
	public record AssessedDocument(UUID documentId, UUID bucketId, String fileName, String fileType,
			@Nullable Integer pageCount, String sha256) {
	}

	@Transactional(readOnly = true)
	public List<AssessedDocument> documents(UUID assessmentId) {
		find(assessmentId);
		return this.db.sql("""
				select document_id, bucket_id, file_name, file_type, page_count, encode(sha256, 'hex')
				  from assessment_documents
				 where assessment_id = ? order by file_name
				""")
			.param(assessmentId)
			.query((rs, n) -> new AssessedDocument(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3), rs.getString(4), rs.getObject(5, Integer.class), rs.getString(6)))
			.list();
	}

	@Transactional(readOnly = true)
	public Page<Assessment> list(Filter filter, PageRequest page) {
		String where = """
				 where (cast(:workflow as uuid) is null or a.workflow_id = :workflow)
				   and (cast(:status as text) is null or a.status = :status)
				   and (cast(:createdBy as uuid) is null or a.created_by = :createdBy)
				""";
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("workflow", filter.workflowId());
		params.put("status", filter.status());
		params.put("createdBy", filter.createdBy());
		long total = this.db.sql("select count(*) from assessments a" + where)
			.params(params)
			.query(Long.class)
			.single();
		List<Assessment> items = this.db
			.sql(AssessmentRows.SELECT + where + " order by " + page.orderBy() + ", a.id limit :limit offset :offset")
			.params(params)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query(AssessmentRows::assessment)
			.list();
		return page.answer(items, total);
	}

	/**
	 * Cancels a pending or running assessment: it ends as failed with the message
	 * "cancelled". A running job notices between two criteria and stops.
	 * @throws ConflictException if it has already ended
	 */
	@Transactional
	public Assessment cancel(UUID id) {
		String status = this.db.sql("select status from assessments where id = ? for update")
			.param(id)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Assessment"));
		if (status.equals("completed") || status.equals("failed")) {
			throw new ConflictException("This assessment has already "
					+ (status.equals("completed") ? "completed" : "ended") + " and cannot be cancelled.");
		}
		this.db.sql("""
				update assessments set status = 'failed', error_message = 'cancelled', completed_at = now(),
				       duration_ms = case when started_at is null then null
				                          else (extract(epoch from now() - started_at) * 1000)::integer end,
				       updated_at = now()
				 where id = ?
				""").param(id).update();
		try {
			this.jobs.cancel(TaskInstanceId.of(this.task.getName(), id.toString()));
		}
		catch (RuntimeException ex) {
			// A job already running cannot be removed; it sees the status and stops.
			log.debug("Job of assessment {} not removed: {}", id, ex.getMessage());
		}
		SubmissionState.refreshFor(this.db, id);
		this.audit.record("assessment_cancelled", "assessment", id, Map.of("status_before", status));
		return find(id);
	}

	private List<Document> check(Workflow workflow, List<DocumentChoice> choices, boolean allowMissingBuckets) {
		List<FieldProblem> errors = new ArrayList<>();
		Map<UUID, Workflow.Bucket> buckets = new LinkedHashMap<>();
		workflow.buckets().forEach(bucket -> buckets.put(bucket.id(), bucket));
		List<Document> chosen = new ArrayList<>();
		Set<UUID> seen = new HashSet<>();
		Set<UUID> filled = new HashSet<>();
		for (int i = 0; i < choices.size(); i++) {
			String path = "documents[" + i + "]";
			DocumentChoice choice = choices.get(i);
			if (choice == null || choice.bucketId() == null) {
				errors.add(new FieldProblem(path + ".bucket_id", "must be given"));
				continue;
			}
			Workflow.Bucket bucket = buckets.get(choice.bucketId());
			if (bucket == null) {
				errors.add(new FieldProblem(path + ".bucket_id", "is not a bucket of this workflow"));
				continue;
			}
			if (choice.documentId() == null) {
				errors.add(new FieldProblem(path + ".document_id", "must be given"));
				continue;
			}
			if (!seen.add(choice.documentId())) {
				errors.add(new FieldProblem(path + ".document_id", "is given twice"));
				continue;
			}
			Document document;
			try {
				document = this.documents.find(choice.documentId());
			}
			catch (NotFoundException ex) {
				errors.add(new FieldProblem(path + ".document_id", "is not a document of your organisation"));
				continue;
			}
			if (!document.bucketId().equals(bucket.id())) {
				errors.add(new FieldProblem(path + ".document_id", document.fileName()
						+ " was uploaded for another bucket than \u201c" + bucket.name() + "\u201d"));
				continue;
			}
			chosen.add(document);
			filled.add(bucket.id());
		}
		int position = 0;
		for (Workflow.Bucket bucket : workflow.buckets()) {
			if (!allowMissingBuckets && bucket.required() && !filled.contains(bucket.id())) {
				errors.add(new FieldProblem("buckets[" + position + "]",
						"the required bucket \u201c" + bucket.name() + "\u201d has no document"));
			}
			position++;
		}
		if (errors.isEmpty() && chosen.isEmpty() && !allowMissingBuckets) {
			errors.add(new FieldProblem("documents", "add at least one document"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return chosen;
	}

	/**
	 * A completed run checked again on the same documents would only spend a run of the
	 * month's quota on the answers it has. A run that failed or was cancelled may be run
	 * again as it was.
	 */
	private void requireSomethingChanged(UUID previous, List<Document> chosen) {
		Assessment earlier = find(previous);
		if (!"completed".equals(earlier.status())) {
			return;
		}
		Set<String> before = new HashSet<>();
		documents(previous).forEach(document -> before.add(document.bucketId() + ":" + document.sha256()));
		Set<String> now = new HashSet<>();
		chosen.forEach(document -> now.add(document.bucketId() + ":" + document.sha256()));
		if (before.equals(now)) {
			throw new ConflictException("Nothing changed since run " + earlier.runNumber()
					+ ": every bucket holds the same documents. Add, remove or replace a document to run it again.");
		}
	}

	/**
	 * Checked under a lock per organisation held to the end of the starting transaction,
	 * so that concurrent starts at the limit cannot all see room for themselves.
	 */
	private void requireWithinMonthlyLimit(UUID organization) {
		this.db.sql("select pg_advisory_xact_lock(hashtextextended('assay-assessment-starts:' || ?, 0))")
			.param(organization.toString())
			.query((rs, n) -> Boolean.TRUE)
			.single();
		Accounts.OrganizationOverview overview = this.accounts.organization();
		Integer allowed = overview.limits().assessmentsPerMonth();
		if (allowed != null && overview.usage().assessments() >= allowed) {
			throw new ConflictException("The " + overview.organization().subscriptionTier() + " tier allows " + allowed
					+ " assessments a month and this organisation has used them. Upgrade the subscription to run more.");
		}
	}

}
