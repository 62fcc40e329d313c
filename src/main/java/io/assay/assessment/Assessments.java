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
import io.assay.platform.database.ReadReplica;
import io.assay.platform.web.CreatedCursor;
import io.assay.platform.web.CursorPage;
import io.assay.platform.web.PageRequest;
import io.assay.platform.web.PageRequest.Page;
import io.assay.workflow.Workflow;
import io.assay.workflow.Workflows;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
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

	private final Submissions submissions;

	private final ApplicationEventPublisher events;

	private final io.assay.billing.Usage usage;

	Assessments(JdbcClient db, TenantContext tenants, AuditTrail audit, Workflows workflows, Documents documents,
			Accounts accounts, SchedulerClient jobs, OneTimeTask<String> assessmentTask, Submissions submissions,
			ApplicationEventPublisher events, io.assay.billing.Usage usage) {
		this.usage = usage;
		this.submissions = submissions;
		this.events = events;
		this.db = db;
		this.tenants = tenants;
		this.audit = audit;
		this.workflows = workflows;
		this.documents = documents;
		this.accounts = accounts;
		this.jobs = jobs;
		this.task = assessmentTask;
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
			throw new ConflictException(Wording.of("problem.workflow-archived-run"));
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
			throw new ConflictException(Wording.of("problem.workflow-archived-run"));
		}
		UUID previous = null;
		if (submission.latestRun() != null) {
			Assessment latest = find(submission.latestRun().assessmentId());
			if (!latest.isFinished()) {
				throw new ConflictException(Wording.of("problem.run-still-running", latest.runNumber()));
			}
			previous = latest.workflowVersion() == workflow.version() ? latest.id() : null;
		}
		return begin(workflow, choices, previous, submissionId, allowMissingBuckets);
	}

	/**
	 * What a re-run changes in the documents of the run it is made from, each change on
	 * its own: whole buckets replaced ({@code replace}, as the API first had it), single
	 * documents added, removed, or replaced by another.
	 */
	public record DocumentChanges(List<DocumentChoice> replace, List<DocumentChoice> add, List<UUID> remove,
			List<Replacement> replaceDocument, boolean allowMissingBuckets) {

		public static DocumentChanges replacing(List<DocumentChoice> replace) {
			return new DocumentChanges(replace, List.of(), List.of(), List.of(), false);
		}

	}

	/** One document of the earlier run replaced by another of the same bucket. */
	public record Replacement(@Nullable UUID documentId, @Nullable UUID withDocumentId) {
	}

	/**
	 * Runs an assessment again as the next run of its submission, with its documents
	 * changed: it checks the same workflow version; criteria whose documents did not
	 * change keep their results and reviews without asking the judge again.
	 * @throws ConflictException while the assessment is still running, or when nothing
	 * changed since a completed run
	 * @throws InvalidInputException naming each change that does not fit the earlier run
	 */
	@Transactional
	public Assessment rerun(UUID previousId, DocumentChanges changes) {
		Assessment previous = find(previousId);
		if (!previous.isFinished()) {
			throw new ConflictException(Wording.of("problem.assessment-still-running"));
		}
		Workflow workflow = this.workflows.version(previous.workflowId(), previous.workflowVersion());
		List<AssessedDocument> earlier = documents(previousId);
		Set<UUID> replacedBuckets = new HashSet<>();
		changes.replace().forEach(choice -> replacedBuckets.add(choice.bucketId()));
		Map<UUID, DocumentChoice> kept = new LinkedHashMap<>();
		for (AssessedDocument document : earlier) {
			if (!replacedBuckets.contains(document.bucketId())) {
				kept.put(document.documentId(), new DocumentChoice(document.bucketId(), document.documentId()));
			}
		}
		List<FieldProblem> problems = new ArrayList<>();
		int runNumber = previous.runNumber();
		for (int i = 0; i < changes.remove().size(); i++) {
			UUID removed = changes.remove().get(i);
			if (removed == null || kept.remove(removed) == null) {
				problems.add(new FieldProblem("remove[" + i + "]", Wording.of("rerun.not-of-run", runNumber)));
			}
		}
		for (int i = 0; i < changes.replaceDocument().size(); i++) {
			Replacement replacement = changes.replaceDocument().get(i);
			DocumentChoice old = replacement == null || replacement.documentId() == null ? null
					: kept.remove(replacement.documentId());
			if (old == null) {
				problems.add(new FieldProblem("replace_document[" + i + "].document_id",
						Wording.of("rerun.not-of-run", runNumber)));
			}
			else if (replacement.withDocumentId() == null) {
				problems.add(new FieldProblem("replace_document[" + i + "].with_document_id",
						Wording.of("field.must-be-given")));
			}
			else {
				kept.put(replacement.withDocumentId(),
						new DocumentChoice(old.bucketId(), replacement.withDocumentId()));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		List<DocumentChoice> choices = new ArrayList<>(kept.values());
		choices.addAll(changes.replace());
		choices.addAll(changes.add());
		// A run that started with buckets empty may run again with them still empty.
		return begin(workflow, choices, previousId, previous.submissionId(),
				changes.allowMissingBuckets() || !previous.missingBucketIds().isEmpty());
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
		requireWithinMonthlyLimit(tenant.organizationId(), workflowId);
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
				values (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)
				""")
			.params(id, tenant.organizationId(), submission, runNumber, workflowId, workflow.version(), tenant.userId(),
					workflow.criteria().size(), previous, missing)
			.update();
		for (Document document : chosen) {
			this.db.sql("""
					insert into assessment_documents (assessment_id, organization_id, bucket_id, document_id, file_name,
					                                  storage_key, file_size_bytes, file_type, page_count, sha256,
					                                  uploaded_by, uploaded_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, decode(?, 'hex'), ?, ?)
					""")
				.params(id, tenant.organizationId(), document.bucketId(), document.id(), document.fileName(),
						tenant.organizationId() + "/" + document.sha256(), document.fileSizeBytes(),
						document.fileType(), document.pageCount(), document.sha256(), document.uploadedBy(),
						java.sql.Timestamp.from(document.createdAt()))
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
		this.events
			.publishEvent(new AssessmentStarted(tenant.organizationId(), id, submission, runNumber, tenant.userId()));
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

	/** A document an assessment was started with. */
	/**
	 * A document of a run. {@code addressedToAi}: text in it that speaks to an AI, as the
	 * run found it (empty before a run has read the document).
	 */
	public record AssessedDocument(UUID documentId, UUID bucketId, String fileName, String fileType,
			@Nullable Integer pageCount, String sha256, List<io.assay.evaluation.AddressedText.Finding> addressedToAi,
			@Nullable UUID uploadedBy, Instant uploadedAt, @Nullable TextQuality textQuality) {
	}

	private static final tools.jackson.databind.json.JsonMapper FINDINGS = tools.jackson.databind.json.JsonMapper
		.builder()
		.propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private static List<io.assay.evaluation.AddressedText.Finding> findings(@Nullable String json) {
		if (json == null) {
			return List.of();
		}
		return List.of(FINDINGS.readValue(json, io.assay.evaluation.AddressedText.Finding[].class));
	}

	@Transactional(readOnly = true)
	public List<AssessedDocument> documents(UUID assessmentId) {
		find(assessmentId);
		return this.db.sql("""
				select document_id, bucket_id, file_name, file_type, page_count, encode(sha256, 'hex'),
				       addressed_to_ai::text, uploaded_by, uploaded_at, text_quality::text
				  from assessment_documents
				 where assessment_id = ? order by file_name
				""")
			.param(assessmentId)
			.query((rs, n) -> new AssessedDocument(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3), rs.getString(4), rs.getObject(5, Integer.class), rs.getString(6),
					findings(rs.getString(7)), rs.getObject(8, UUID.class), rs.getTimestamp(9).toInstant(),
					rs.getString(10) == null ? null : FINDINGS.readValue(rs.getString(10), TextQuality.class)))
			.list();
	}

	@Transactional(readOnly = true, label = ReadReplica.MAY_TRAIL)
	public Page<Assessment> list(Filter filter, PageRequest page) {
		Map<String, Object> params = filterParameters(filter);
		long total = this.db.sql("select count(*) from assessments a" + filtered(filter))
			.params(params)
			.query(Long.class)
			.single();
		List<Assessment> items = this.db
			.sql(AssessmentRows.SELECT + filtered(filter) + " order by " + page.orderByThen("a.id")
					+ " limit :limit offset :offset")
			.params(params)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query(AssessmentRows::assessment)
			.list();
		return page.answer(items, total);
	}

	/**
	 * Runs newest first, a page at a time from where the previous page ended: as fast
	 * deep in a large organisation's list as at its start (no offset, no total counted).
	 * @param cursor the previous page's {@code nextCursor}; empty or null for the first
	 * page
	 * @throws InvalidInputException for a cursor this list did not give out
	 */
	@Transactional(readOnly = true, label = ReadReplica.MAY_TRAIL)
	public CursorPage<Assessment> listAfter(Filter filter, @Nullable String cursor, int limit) {
		Map<String, Object> params = filterParameters(filter);
		CreatedCursor after = CreatedCursor.read(cursor);
		params.put("afterAt", after == null ? null : java.sql.Timestamp.from(after.createdAt()));
		params.put("afterId", after == null ? null : after.id());
		List<Assessment> items = new java.util.ArrayList<>(this.db.sql(cursorList(filter, after != null))
			.params(params)
			.param("limit", limit + 1)
			.query(AssessmentRows::assessment)
			.list());
		boolean more = items.size() > limit;
		if (more) {
			items.removeLast();
		}
		return new CursorPage<>(List.copyOf(items), limit,
				more ? new CreatedCursor(items.getLast().createdAt(), items.getLast().id()).write() : null);
	}

	/**
	 * The SQL of a page of the list by cursor: the runs after {@code :afterAt} and
	 * {@code :afterId} when {@code after}, else the first page.
	 */
	static String cursorList(Filter filter, boolean after) {
		return AssessmentRows.SELECT + filtered(filter)
				+ (after ? " and (a.created_at, a.id) < (cast(:afterAt as timestamptz), cast(:afterId as uuid))" : "")
				+ " order by a.created_at desc, a.id desc limit :limit";
	}

	/**
	 * The filters given, and only those: a condition left out rather than made always
	 * true lets PostgreSQL plan each shape of the list with the index that fits it.
	 */
	private static String filtered(Filter filter) {
		return " where a.organization_id = :organization"
				+ (filter.workflowId() == null ? "" : " and a.workflow_id = :workflow")
				+ (filter.status() == null ? "" : " and a.status = any(cast(:statuses as text[]))")
				+ (filter.createdBy() == null ? "" : " and a.created_by = :createdBy") + "\n";
	}

	private Map<String, Object> filterParameters(Filter filter) {
		Map<String, Object> params = new LinkedHashMap<>();
		// Row-level security would keep other organisations' runs out anyway; naming the
		// organisation also lets every tenant's list use the index that starts with it.
		params.put("organization", this.tenants.requireOrganizationId());
		params.put("workflow", filter.workflowId());
		params.put("status", filter.status());
		// The list's status filter speaks the API's first words; each stands for one or
		// two.
		params.put("statuses",
				filter.status() == null ? new String[0]
						: java.util.Arrays.stream(RunStatus.values())
							.filter(status -> status.apiStatus().equals(filter.status()))
							.map(RunStatus::value)
							.toArray(String[]::new));
		params.put("createdBy", filter.createdBy());
		return params;
	}

	/**
	 * Cancels a queued or running assessment: it ends as cancelled (in the API's first
	 * words: failed, with the message "cancelled"). A running job notices between two
	 * criteria and stops.
	 * @throws ConflictException if it has already ended
	 */
	@Transactional
	public Assessment cancel(UUID id) {
		RunStatus status = RunLife.lock(this.db, id);
		try {
			status.moveTo(RunStatus.CANCELLED);
		}
		catch (RunStatus.IllegalMove ex) {
			throw new ConflictException(
					Wording.of(status.hasResults() ? "problem.cancel-completed" : "problem.cancel-ended"));
		}
		RunLife.end(this.db, this.usage, this.tenants.requireOrganizationId(), id, RunStatus.CANCELLED, "cancelled");
		try {
			this.jobs.cancel(TaskInstanceId.of(this.task.getName(), id.toString()));
		}
		catch (RuntimeException ex) {
			// A job already running cannot be removed; it sees the status and stops.
			log.debug("Job of assessment {} not removed: {}", id, ex.getMessage());
		}
		this.audit.record("assessment_cancelled", "assessment", id, Map.of("status_before", status.value()));
		this.events.publishEvent(new AssessmentCancelled(this.tenants.requireOrganizationId(), id));
		return find(id);
	}

	/**
	 * Asks the unanswered criteria of an incomplete run again (the AI provider was away,
	 * or an answer could not be used): the run is queued once more and its job asks only
	 * those without an answer or a person's decision; everything else stays. Not a new
	 * run: it counts against no quota.
	 * @throws ConflictException unless the run is incomplete and not signed off
	 */
	@Transactional
	public Assessment retryUnanswered(UUID id) {
		RunStatus status = RunLife.lock(this.db, id);
		if (status != RunStatus.INCOMPLETE) {
			throw new ConflictException(Wording.of("problem.retry-not-incomplete", status.value()));
		}
		if ("signed_off".equals(RunLife.lockReviewState(this.db, id))) {
			throw new ConflictException(Wording.of("problem.retry-signed-off"));
		}
		ResultsArchive.live(this.db, id);
		int unanswered = this.db.sql("""
				delete from assessment_results
				 where assessment_id = ? and not answered and review_decision is null and cost_millicents = 0
				""").param(id).update() + this.db.sql("""
				select count(*) from assessment_results
				 where assessment_id = ? and not answered and review_decision is null
				""").param(id).query(Integer.class).single();
		if (unanswered == 0) {
			throw new ConflictException(Wording.of("problem.retry-nothing-left"));
		}
		this.db.sql("""
				update assessments
				   set progress_done = (select count(*) from assessment_results
				                         where assessment_id = ? and (answered or review_decision is not null))
				 where id = ?
				""").params(id, id).update();
		RunLife.requeue(this.db, id);
		this.jobs.schedule(
				this.task.instance(id.toString(), AssessmentJob.data(this.tenants.requireOrganizationId(), id)),
				Instant.now());
		this.audit.record("assessment_retried", "assessment", id, Map.of("unanswered", unanswered));
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
				errors.add(new FieldProblem(path + ".bucket_id", Wording.of("field.must-be-given")));
				continue;
			}
			Workflow.Bucket bucket = buckets.get(choice.bucketId());
			if (bucket == null) {
				errors.add(new FieldProblem(path + ".bucket_id", Wording.of("start.not-a-bucket")));
				continue;
			}
			if (choice.documentId() == null) {
				errors.add(new FieldProblem(path + ".document_id", Wording.of("field.must-be-given")));
				continue;
			}
			if (!seen.add(choice.documentId())) {
				errors.add(new FieldProblem(path + ".document_id", Wording.of("start.given-twice")));
				continue;
			}
			Document document;
			try {
				document = this.documents.find(choice.documentId());
			}
			catch (NotFoundException ex) {
				errors.add(new FieldProblem(path + ".document_id", Wording.of("start.not-a-document")));
				continue;
			}
			if (!document.bucketId().equals(bucket.id())) {
				errors.add(new FieldProblem(path + ".document_id",
						Wording.of("start.other-bucket", document.fileName(), bucket.name())));
				continue;
			}
			if (!document.hasContent()) {
				errors.add(new FieldProblem(path + ".document_id",
						Wording.of("start.content-removed", document.fileName())));
				continue;
			}
			chosen.add(document);
			filled.add(bucket.id());
		}
		int position = 0;
		for (Workflow.Bucket bucket : workflow.buckets()) {
			if (!allowMissingBuckets && bucket.required() && !filled.contains(bucket.id())) {
				errors.add(new FieldProblem("buckets[" + position + "]",
						Wording.of("start.required-bucket-empty", bucket.name())));
			}
			position++;
		}
		if (errors.isEmpty() && chosen.isEmpty() && !allowMissingBuckets) {
			errors.add(new FieldProblem("documents", Wording.of("start.no-document")));
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
		if (earlier.runStatus() != RunStatus.COMPLETED) {
			return;
		}
		Set<String> before = new HashSet<>();
		documents(previous).forEach(document -> before.add(document.bucketId() + ":" + document.sha256()));
		Set<String> now = new HashSet<>();
		chosen.forEach(document -> now.add(document.bucketId() + ":" + document.sha256()));
		if (before.equals(now)) {
			throw new ConflictException(Wording.of("problem.nothing-changed", earlier.runNumber()));
		}
	}

	/**
	 * Counts the start in billing's usage if the tier's monthly limit allows it: checked
	 * and counted in one statement, so that concurrent starts at the limit cannot all
	 * pass.
	 */
	private void requireWithinMonthlyLimit(UUID organization, UUID workflow) {
		Accounts.OrganizationOverview overview = this.accounts.organization();
		Integer allowed = overview.limits().assessmentsPerMonth();
		if (!this.usage.countStart(organization, workflow, allowed)) {
			throw new ConflictException(
					Wording.of("problem.monthly-limit", overview.organization().subscriptionTier(), allowed));
		}
	}

}
