package io.assay.assessment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.assay.audit.AuditTrail;
import io.assay.document.Documents;
import io.assay.evaluation.AddressedText;
import io.assay.evaluation.DocumentText;
import io.assay.evaluation.Evaluation;
import io.assay.evaluation.JudgeUnavailableException;
import io.assay.evaluation.Evidence;
import io.assay.evaluation.Reasoning;
import io.assay.platform.TenantContext;
import io.assay.platform.Wording;
import io.assay.workflow.Workflow;
import io.assay.workflow.Workflows;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The background work of one assessment: claim it, read every document (parsing again
 * what the cache no longer holds), judge the criteria of the workflow version it was
 * started with, several at once, recording each verdict as soon as it is known, and
 * complete it.
 *
 * <p>
 * Safe to run again after a crash: claiming and completing are conditional updates,
 * results are one per criterion (a resumed job judges only the criteria without one), and
 * progress is the count of recorded results.
 */
@Component
class AssessmentJob {

	private static final Logger log = LoggerFactory.getLogger(AssessmentJob.class);

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	private final Documents documents;

	private final Workflows workflows;

	private final AuditTrail audit;

	private final Evaluation evaluation;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final io.assay.billing.Usage usage;

	private final ObservationRegistry observations;

	AssessmentJob(JdbcClient db, TransactionTemplate transactions, TenantContext tenants, Documents documents,
			Workflows workflows, AuditTrail audit, Evaluation evaluation, JsonMapper json,
			ApplicationEventPublisher events, io.assay.billing.Usage usage, ObservationRegistry observations) {
		this.observations = observations;
		this.usage = usage;
		this.events = events;
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
		this.documents = documents;
		this.workflows = workflows;
		this.audit = audit;
		this.evaluation = evaluation;
		this.json = json;
	}

	/** The job's data: whose assessment it is, as the job must bind that itself. */
	static String data(UUID organization, UUID assessment) {
		return organization + "/" + assessment;
	}

	void run(String data) throws IOException {
		UUID organization = UUID.fromString(data.substring(0, data.indexOf('/')));
		UUID assessment = UUID.fromString(data.substring(data.indexOf('/') + 1));
		MDC.put("organization_id", organization.toString());
		MDC.put("assessment_id", assessment.toString());
		try {
			// One span for each attempt at a run, when traces are exported.
			Observation.createNotStarted("assay.assessment.job", this.observations)
				.contextualName("assessment job")
				.highCardinalityKeyValue("assay.assessment_id", assessment.toString())
				.highCardinalityKeyValue("assay.organization_id", organization.toString())
				.observe(() -> this.tenants.callAs(organization, null, () -> {
					process(assessment);
					return null;
				}));
		}
		catch (java.io.UncheckedIOException ex) {
			throw ex.getCause();
		}
		finally {
			MDC.remove("organization_id");
			MDC.remove("assessment_id");
		}
	}

	/**
	 * Ends the run once its job has used up its attempts: failed, or, when the AI
	 * provider stayed away, incomplete, with every criterion it could not ask listed as
	 * not answered (asked again by a retry of the unanswered or a re-run).
	 */
	void fail(String data, String reason, @Nullable Wording worded, boolean providerAway) {
		UUID organization = UUID.fromString(data.substring(0, data.indexOf('/')));
		UUID assessment = UUID.fromString(data.substring(data.indexOf('/') + 1));
		if (providerAway) {
			this.tenants.callAs(organization, null, () -> {
				endWithoutProvider(organization, assessment, reason);
				return null;
			});
			return;
		}
		this.tenants.callAs(organization, null, () -> {
			this.transactions.executeWithoutResult(tx -> {
				Optional<RunLife.Ended> ended = worded == null
						? RunLife.end(this.db, this.usage, organization, assessment, RunStatus.FAILED, reason)
						: RunLife.end(this.db, this.usage, organization, assessment, RunStatus.FAILED, worded);
				if (ended.isPresent()) {
					this.audit.record("assessment_failed", "assessment", assessment, Map.of("error_message", reason));
					this.events.publishEvent(new AssessmentEnded(organization, assessment, "failed",
							ended.get().startedBy(), ended.get().took()));
				}
			});
			return null;
		});
	}

	private void endWithoutProvider(UUID organization, UUID assessment, String reason) {
		this.transactions.executeWithoutResult(tx -> {
			if (RunLife.lock(this.db, assessment) != RunStatus.RUNNING) {
				return;
			}
			Map<String, Object> version = this.db
				.sql("select workflow_id, workflow_version from assessments where id = ?")
				.param(assessment)
				.query()
				.singleRow();
			Workflow workflow = this.workflows.version((UUID) version.get("workflow_id"),
					((Number) version.get("workflow_version")).intValue());
			Set<UUID> recorded = new HashSet<>(
					this.db.sql("select criteria_id from assessment_results where assessment_id = ?")
						.param(assessment)
						.query(UUID.class)
						.list());
			String notes = this.json.writeValueAsString(List.of(Wording.of("reasoning.provider-away", reason)));
			int pending = 0;
			for (Workflow.Criterion criterion : workflow.criteria()) {
				if (!recorded.contains(criterion.id())) {
					this.db
						.sql("""
								insert into assessment_results (assessment_id, organization_id, criteria_id, pass, confidence,
								                                reasoning, reasoning_notes, evidence, judge, cost_millicents,
								                                answered)
								values (?, ?, ?, null, 'low', '', cast(? as jsonb), '[]'::jsonb, 'unavailable', 0, false)
								""")
						.params(assessment, organization, criterion.id(), notes)
						.update();
					pending++;
				}
			}
			this.db.sql("""
					update assessments
					   set progress_done = (select count(*) from assessment_results where assessment_id = ?)
					 where id = ?
					""").params(assessment, assessment).update();
			Optional<RunLife.Ended> ended = RunLife.end(this.db, this.usage, organization, assessment,
					RunStatus.INCOMPLETE, Wording.of("run.provider-away", pending));
			if (ended.isPresent()) {
				this.audit.record("assessment_incomplete", "assessment", assessment,
						Map.of("criteria", workflow.criteria().size(), "not_answered", pending, "reason", reason));
				this.events.publishEvent(new AssessmentEnded(organization, assessment, RunStatus.INCOMPLETE.apiStatus(),
						ended.get().startedBy(), ended.get().took()));
			}
		});
	}

	private record AssessedDocument(UUID id, UUID documentId, UUID bucketId, String fileName, String sha256) {
	}

	/**
	 * What every criterion of one run shares. {@code recording}: its criteria record
	 * their results one after another (the run's row is locked for each), so they queue
	 * here, holding no database connection, rather than in PostgreSQL holding one each:
	 * with a judge that answers at once, four runs of eight criteria at a time wanted
	 * more connections than the pool has.
	 */
	private record Run(UUID assessment, List<DocumentText> documents, Map<UUID, UUID> assessmentDocumentIds,
			Map<String, String> documentHashes, AtomicBoolean stopped, Map<UUID, String> unavailable,
			java.util.concurrent.locks.ReentrantLock recording) {
	}

	/**
	 * Records, for the reviewer, what in each document speaks to an AI and how well its
	 * pages were read.
	 */
	private void flagTextAddressedToAi(List<DocumentText> read, Map<UUID, UUID> assessmentDocumentIds) {
		for (DocumentText document : read) {
			String findings = this.json.writeValueAsString(AddressedText.in(document.parsed()));
			String quality = document.parsed().hasPages()
					? this.json.writeValueAsString(TextQuality.of(document.parsed())) : null;
			this.transactions.executeWithoutResult(tx -> this.db
				.sql("update assessment_documents set addressed_to_ai = ?::jsonb, text_quality = ?::jsonb where id = ?")
				.params(findings, quality, assessmentDocumentIds.get(document.documentId()))
				.update());
		}
	}

	private void process(UUID assessment) {
		Optional<RunLife.Claimed> claim = this.transactions.execute(tx -> RunLife.claim(this.db, assessment));
		if (claim.isEmpty()) {
			log.info("Assessment {} is no longer queued or running; nothing to do", assessment);
			return;
		}
		List<AssessedDocument> assessed = this.transactions.execute(tx -> this.db.sql("""
				select ad.id, ad.document_id, ad.bucket_id, ad.file_name, encode(ad.sha256, 'hex')
				  from assessment_documents ad
				 where ad.assessment_id = ?
				""")
			.param(assessment)
			.query((rs, n) -> new AssessedDocument(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5)))
			.list());
		long reading = System.nanoTime();
		List<DocumentText> read = new ArrayList<>();
		Map<UUID, UUID> assessmentDocumentIds = new HashMap<>();
		Map<String, String> documentHashes = new LinkedHashMap<>();
		for (AssessedDocument document : assessed) {
			assessmentDocumentIds.put(document.documentId(), document.id());
			documentHashes.put(document.documentId().toString(), document.sha256());
			try {
				read.add(new DocumentText(document.documentId(), document.fileName(), document.bucketId(),
						this.documents.ensureIndexed(document.documentId()),
						new DocumentText.KeptVectors(() -> this.documents.pageVectors(document.documentId()),
								vectors -> this.documents.storePageVectors(document.documentId(), vectors))));
			}
			catch (IOException ex) {
				throw new RunFailedException(
						Wording.of("run.document-unreadable", document.fileName(), String.valueOf(ex.getMessage())),
						ex);
			}
			catch (io.assay.platform.GoneException ex) {
				// Its content was removed under retention as the run was queued: no
				// attempt can read it.
				throw new RunFailedException(java.util.Objects.requireNonNull(ex.wording()), ex);
			}
		}
		log.info("Read {} documents of assessment {} in {} ms", read.size(), assessment,
				(System.nanoTime() - reading) / 1_000_000);
		flagTextAddressedToAi(read, assessmentDocumentIds);
		Workflow workflow = this.workflows.version(claim.get().workflowId(), claim.get().workflowVersion());
		carryOver(assessment, workflow, assessed);
		// A resumed job keeps what its earlier attempt recorded and judges only the rest;
		// a retry of the unanswered asks again what has neither an answer nor a decision.
		Set<UUID> recorded = new HashSet<>(this.transactions.execute(tx -> this.db.sql("""
				select criteria_id from assessment_results
				 where assessment_id = ? and (answered or review_decision is not null)
				""").param(assessment).query(UUID.class).list()));
		List<Workflow.Criterion> pending = workflow.criteria()
			.stream()
			.filter(criterion -> !recorded.contains(criterion.id()))
			.toList();
		Run run = new Run(assessment, read, assessmentDocumentIds, documentHashes, new AtomicBoolean(),
				new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.locks.ReentrantLock());
		List<Workflow.Criterion> toJudge = new ArrayList<>();
		for (Workflow.Criterion criterion : pending) {
			List<String> missing = missingFor(criterion, workflow, claim.get().missingBuckets(), read.isEmpty());
			if (missing.isEmpty()) {
				toJudge.add(criterion);
			}
			else {
				recordMissing(run, criterion, missing);
			}
		}
		judgeSideBySide(run, toJudge);
		if (run.stopped().get()) {
			log.info("Assessment {} was cancelled; stopping", assessment);
			return;
		}
		if (!run.unavailable().isEmpty()) {
			// The attempt fails so that the job is tried again with backoff; what was
			// answered stays, and the next attempt asks only the criteria left. The
			// provider's own answer is what the unanswered criteria will name as the
			// cause.
			log.warn("The AI provider could not be reached for {} of {} criteria of assessment {}",
					run.unavailable().size(), workflow.criteria().size(), assessment);
			throw new JudgeUnavailableException(run.unavailable().values().iterator().next());
		}
		this.transactions.executeWithoutResult(tx -> {
			RunStatus end = RunLife.completion(this.db, assessment);
			Optional<RunLife.Ended> completed = RunLife.finish(this.db, this.usage,
					this.tenants.requireOrganizationId(), assessment, end);
			if (completed.isPresent()) {
				this.audit.record(end == RunStatus.COMPLETED ? "assessment_completed" : "assessment_incomplete",
						"assessment", assessment,
						Map.of("criteria", workflow.criteria().size(), "documents", read.size()));
				this.events.publishEvent(new AssessmentEnded(this.tenants.requireOrganizationId(), assessment,
						end.apiStatus(), completed.get().startedBy(), completed.get().took()));
			}
		});
	}

	/**
	 * For a re-run: copies the previous run's result (and review) of every criterion
	 * whose documents are the same, bucket by bucket, by content, so that it is not
	 * judged and paid for again. Evidence is pointed at this run's copy of the same
	 * document.
	 */
	private void carryOver(UUID assessment, Workflow workflow, List<AssessedDocument> assessed) {
		UUID previous = this.transactions
			.execute(tx -> this.db.sql("select previous_assessment_id from assessments where id = ?")
				.param(assessment)
				.query((rs, n) -> rs.getObject(1, UUID.class))
				.optional()
				.orElse(null));
		if (previous == null) {
			return;
		}
		Map<UUID, Set<String>> now = new HashMap<>();
		assessed.forEach(
				document -> now.computeIfAbsent(document.bucketId(), bucket -> new HashSet<>()).add(document.sha256()));
		Map<UUID, Set<String>> before = new HashMap<>();
		this.transactions.executeWithoutResult(tx -> this.db
			.sql("select bucket_id, encode(sha256, 'hex') from assessment_documents where assessment_id = ?")
			.param(previous)
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
			.list()
			.forEach(entry -> before.computeIfAbsent(entry.getKey(), bucket -> new HashSet<>()).add(entry.getValue())));
		Set<UUID> allBuckets = new HashSet<>(now.keySet());
		allBuckets.addAll(before.keySet());
		List<UUID> unchanged = workflow.criteria()
			.stream()
			.filter(criterion -> (criterion.appliesToBucketIds().isEmpty() ? allBuckets
					: new HashSet<>(criterion.appliesToBucketIds()))
				.stream()
				.allMatch(bucket -> now.getOrDefault(bucket, Set.of()).equals(before.getOrDefault(bucket, Set.of()))))
			.map(Workflow.Criterion::id)
			.toList();
		if (unchanged.isEmpty()) {
			return;
		}
		int carried = this.transactions.execute(tx -> {
			// The previous run's results may be in the archive: back first, and held so
			// that no sweep archives them while they are copied.
			ResultsArchive.live(this.db, previous);
			return this.db
				.sql("""
						with carried as (
						insert into assessment_results (assessment_id, organization_id, criteria_id, pass, confidence,
						       evidence_document_id, evidence_page, evidence_section, evidence_text, reasoning,
						       reasoning_notes, passages_sent, evidence, judge, cost_millicents, review_decision, review_pass,
						       review_comment, reviewed_by, reviewed_at, carried_over_from, answered)
						select :assessment, r.organization_id, r.criteria_id, r.pass, r.confidence,
						       (select ad.id from assessment_documents ad
						         where ad.assessment_id = :assessment and ad.document_id = pd.document_id limit 1),
						       r.evidence_page, r.evidence_section, r.evidence_text, r.reasoning,
						       r.reasoning_notes, r.passages_sent, r.evidence, r.judge, 0, r.review_decision, r.review_pass,
						       r.review_comment, r.reviewed_by, r.reviewed_at, r.id, r.answered
						  from assessment_results r
						  left join assessment_documents pd on pd.id = r.evidence_document_id
						 where r.assessment_id = :previous and r.criteria_id = any(:criteria)
						   -- A criterion the judge could not answer is asked again, never copied.
						   and (r.answered or r.review_decision is not null)
						on conflict (assessment_id, criteria_id) do nothing
						returning id, organization_id, carried_over_from),
						answers as (
						insert into assessment_result_answers (result_id, organization_id, answer)
						select c.id, c.organization_id, a.answer
						  from carried c join assessment_result_answers a on a.result_id = c.carried_over_from)
						select count(*) from carried
						""")
				.param("assessment", assessment)
				.param("previous", previous)
				.param("criteria", unchanged.toArray(UUID[]::new))
				.query(Integer.class)
				.single();
		});
		if (carried > 0) {
			this.transactions.executeWithoutResult(tx -> this.db.sql("""
					update assessments
					   set progress_done = (select count(*) from assessment_results where assessment_id = ?)
					 where id = ?
					""").params(assessment, assessment).update());
			log.info("Carried over {} results of unchanged criteria from assessment {}", carried, previous);
		}
	}

	/**
	 * The names of the empty required buckets a criterion needs: those it applies to, or
	 * all of them for a criterion of every bucket when no document was given at all.
	 */
	private static List<String> missingFor(Workflow.Criterion criterion, Workflow workflow, Set<UUID> missing,
			boolean noDocuments) {
		if (missing.isEmpty()) {
			return List.of();
		}
		return workflow.buckets()
			.stream()
			.filter(bucket -> missing.contains(bucket.id()))
			.filter(bucket -> criterion.appliesToBucketIds().isEmpty() ? noDocuments
					: criterion.appliesToBucketIds().contains(bucket.id()))
			.map(Workflow.Bucket::name)
			.toList();
	}

	/** A criterion whose documents were never provided fails with that as its finding. */
	private void recordMissing(Run run, Workflow.Criterion criterion, List<String> buckets) {
		Reasoning reasoning = Reasoning.noted(Wording.of("reasoning.no-document",
				String.join(", ", buckets.stream().map(name -> "\u201c" + name + "\u201d").toList())));
		Evaluation.Outcome finding = new Evaluation.Outcome(false, io.assay.evaluation.Confidence.HIGH, List.of(),
				reasoning, "missing_document", List.of(), "{}", 0);
		this.transactions.executeWithoutResult(tx -> {
			record(run, criterion.id(), finding);
			this.db.sql("""
					update assessments
					   set progress_done = (select count(*) from assessment_results where assessment_id = ?)
					 where id = ?
					""").params(run.assessment(), run.assessment()).update();
		});
	}

	/**
	 * Judges the criteria side by side, as many at once as the evaluation suggests (the
	 * provider's limits across all copies are kept by the evaluation itself), recording
	 * each result as soon as it is known. The first failure stops the rest and fails the
	 * attempt; what was recorded stays.
	 */
	private void judgeSideBySide(Run run, List<Workflow.Criterion> criteria) {
		if (criteria.isEmpty()) {
			return;
		}
		UUID organization = this.tenants.requireOrganizationId();
		Map<String, String> logContext = MDC.getCopyOfContextMap();
		// Criteria over the same documents are put to the judge together, so that the
		// documents are sent once for several of them.
		Map<List<UUID>, List<Workflow.Criterion>> byDocuments = new java.util.LinkedHashMap<>();
		for (Workflow.Criterion criterion : criteria) {
			byDocuments
				.computeIfAbsent(documentsOf(run, criterion).stream().map(DocumentText::documentId).toList(),
						documents -> new ArrayList<>())
				.add(criterion);
		}
		List<List<Workflow.Criterion>> calls = byDocuments.values()
			.stream()
			.flatMap(together -> this.evaluation.calls(together).stream())
			.toList();
		int threads = Math.min(this.evaluation.parallelism(), calls.size());
		ExecutorService judging = Executors.newFixedThreadPool(threads,
				Thread.ofVirtual().name("assessment-" + run.assessment() + "-criterion-", 0).factory());
		try {
			List<Future<?>> results = new ArrayList<>();
			for (List<Workflow.Criterion> together : calls) {
				results.add(judging.submit(() -> {
					if (logContext != null) {
						MDC.setContextMap(logContext);
					}
					this.tenants.callAs(organization, null, () -> {
						judgeAndRecord(run, together);
						return null;
					});
				}));
			}
			for (Future<?> result : results) {
				result.get();
			}
		}
		catch (ExecutionException ex) {
			run.stopped().set(true);
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while judging the criteria", ex);
		}
		finally {
			judging.shutdownNow();
		}
	}

	/** The documents of the buckets a criterion applies to. */
	private static List<DocumentText> documentsOf(Run run, Workflow.Criterion criterion) {
		return run.documents()
			.stream()
			.filter(document -> criterion.appliesToBucketIds().isEmpty()
					|| criterion.appliesToBucketIds().contains(document.bucketId()))
			.toList();
	}

	/** Judges criteria over the same documents in one call and records their results. */
	private void judgeAndRecord(Run run, List<Workflow.Criterion> together) {
		if (run.stopped().get()) {
			return;
		}
		// Judged outside any transaction: no connection is held while the judge thinks.
		List<Evaluation.Outcome> outcomes;
		try {
			outcomes = this.evaluation.evaluateTogether(together.stream()
				.map(criterion -> new Evaluation.Criterion(criterion.name(), criterion.description(),
						criterion.exampleText()))
				.toList(), documentsOf(run, together.getFirst()));
		}
		catch (JudgeUnavailableException ex) {
			// No answer is recorded: the criteria stay pending while the others go on.
			together.forEach(criterion -> run.unavailable().put(criterion.id(), String.valueOf(ex.getMessage())));
			return;
		}
		boolean running;
		run.recording().lock();
		try {
			running = Boolean.TRUE.equals(this.transactions.execute(tx -> {
				// Locks the assessment row, so results recorded side by side count one by
				// one, and a cancel on another copy waits for the one being recorded.
				boolean stillRunning = RunLife.holdRunning(this.db, run.assessment());
				if (stillRunning) {
					for (int i = 0; i < together.size(); i++) {
						record(run, together.get(i).id(), outcomes.get(i));
					}
					this.db.sql("""
							update assessments
							   set progress_done = (select count(*) from assessment_results where assessment_id = ?),
							       updated_at = now()
							 where id = ?
							""").params(run.assessment(), run.assessment()).update();
				}
				return stillRunning;
			}));
		}
		finally {
			run.recording().unlock();
		}
		if (!running) {
			run.stopped().set(true);
		}
	}

	/**
	 * Writes a criterion's result, replacing one written before (a resumed job). The
	 * seed's evidence columns hold the first verified evidence; all of it, verified or
	 * not, is in {@code evidence}.
	 */
	private void record(Run run, UUID criterion, Evaluation.Outcome outcome) {
		UUID assessment = run.assessment();
		Map<UUID, UUID> assessmentDocumentIds = run.assessmentDocumentIds();
		Evidence shown = outcome.evidence().stream().filter(Evidence::proof).findFirst().orElse(null);
		Map<String, Object> raw = new java.util.LinkedHashMap<>();
		raw.put("judge", outcome.judge());
		raw.put("answer", this.json.readTree(outcome.raw()));
		raw.put("document_sha256", run.documentHashes());
		// The raw answer is kept apart from the result: no list or page reads it.
		this.db
			.sql("""
					with result as (
					    insert into assessment_results (assessment_id, organization_id, criteria_id, pass, confidence,
					                                    evidence_document_id, evidence_page, evidence_section, evidence_text,
					                                    reasoning, reasoning_notes, passages_sent, evidence, judge,
					                                    cost_millicents, answered)
					    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?)
					    on conflict (assessment_id, criteria_id) do update set
					        pass = excluded.pass, confidence = excluded.confidence,
					        evidence_document_id = excluded.evidence_document_id, evidence_page = excluded.evidence_page,
					        evidence_section = excluded.evidence_section, evidence_text = excluded.evidence_text,
					        reasoning = excluded.reasoning, reasoning_notes = excluded.reasoning_notes,
					        passages_sent = excluded.passages_sent,
					        evidence = excluded.evidence, judge = excluded.judge, answered = excluded.answered,
					        cost_millicents = assessment_results.cost_millicents + excluded.cost_millicents, updated_at = now()
					    returning id, organization_id)
					insert into assessment_result_answers (result_id, organization_id, answer)
					select id, organization_id, cast(? as jsonb) from result
					on conflict (result_id) do update set answer = excluded.answer
					""")
			.params(assessment, this.tenants.requireOrganizationId(), criterion, outcome.pass(),
					outcome.confidence().value(), shown == null ? null : assessmentDocumentIds.get(shown.documentId()),
					shown == null ? null : shown.page(), shown == null ? null : truncate(shown.section(), 255),
					shown == null ? null : shown.quote(), outcome.reasoning().said(),
					this.json.writeValueAsString(outcome.reasoning().notes()),
					this.json.writeValueAsString(outcome.passagesSent()),
					this.json.writeValueAsString(outcome.evidence()), outcome.judge(), outcome.costMillicents(),
					outcome.answered(), this.json.writeValueAsString(raw))
			.update();
	}

	private static @Nullable String truncate(@Nullable String text, int length) {
		return text == null || text.length() <= length ? text : text.substring(0, length);
	}

}
