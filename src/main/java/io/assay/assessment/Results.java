package io.assay.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.document.Documents;
import io.assay.evaluation.Reasoning;
import io.assay.identity.People;
import io.assay.platform.ConflictException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.platform.database.ReadReplica;
import io.assay.workflow.Workflow;
import io.assay.workflow.Workflows;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The results of runs: reading them as a person sees them (verdict that counts first),
 * reviewing them, what changed since the previous run, where evidence is, and how each
 * criterion of a workflow fares over its runs.
 */
@Service
public class Results {

	private final JdbcClient db;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final Workflows workflows;

	private final Documents documents;

	private final tools.jackson.databind.json.JsonMapper json;

	private final People people;

	private final Assessments assessments;

	private final MessageSource messages;

	private final KeptResults kept = new KeptResults();

	Results(JdbcClient db, TenantContext tenants, AuditTrail audit, Workflows workflows, Documents documents,
			tools.jackson.databind.json.JsonMapper json, People people, Assessments assessments,
			MessageSource messages) {
		this.messages = messages;
		this.db = db;
		this.tenants = tenants;
		this.audit = audit;
		this.workflows = workflows;
		this.documents = documents;
		this.json = json;
		this.people = people;
		this.assessments = assessments;
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
			tools.jackson.databind.JsonNode evidenceItems, @Nullable Reasoning reasoning, @Nullable String judge,
			@Nullable Review review, boolean carriedOver, String verdict, @Nullable String read,
			@Nullable PagesRead pagesRead, List<ReadFrom> readFrom) {

		/**
		 * The judge's reasoning with Assay's notes on it in the reader's language; null
		 * for none.
		 */
		public @Nullable String reasoning(MessageSource messages, Locale locale) {
			return this.reasoning == null ? null : this.reasoning.in(messages, locale);
		}

		/** The evidence items as shown: each with its strength, pages and context. */
		public List<EvidenceItem> items() {
			List<EvidenceItem> items = new java.util.ArrayList<>(this.evidenceItems.size());
			this.evidenceItems.forEach(item -> items.add(EvidenceItem.of(item)));
			return items;
		}

	}

	/** How many of the pages in a criterion's buckets the AI read for it. */
	public record PagesRead(int read, int total) {

		public boolean all() {
			return this.read >= this.total;
		}

	}

	/**
	 * The pages of one document the AI read for a criterion, for a link into the viewer:
	 * the first of them and all of them as ranges ("1–4, 17").
	 */
	public record ReadFrom(UUID documentId, String fileName, String fileType, int firstPage, String pages) {
	}

	/** A person's verdict on a result: the AI's confirmed, or overruled. */
	public record Review(String decision, boolean pass, @Nullable String comment, @Nullable Reviewer reviewedBy,
			Instant reviewedAt) {
	}

	/** Who reviewed; null once the account is gone. */
	public record Reviewer(UUID id, String name) {
	}

	/**
	 * One evidence item of a result as people are shown it, read from the stored JSON:
	 * where it is (start and end page), how strong it is, why it is not proof, and the
	 * document's own sentence around it. Items stored before evidence had a strength
	 * count as proof when found and as not found otherwise.
	 */
	public record EvidenceItem(@Nullable String documentId, String fileName, @Nullable Integer page,
			@Nullable Integer endPage, @Nullable String section, String quote, String strength, @Nullable String note,
			@Nullable String before, @Nullable String text, @Nullable String after, @Nullable String printedPage,
			@Nullable Wording why) {

		public static EvidenceItem of(tools.jackson.databind.JsonNode item) {
			boolean verified = item.path("verified").asBoolean(false);
			tools.jackson.databind.JsonNode context = item.path("context");
			return new EvidenceItem(textOrNull(item.path("document_id")), item.path("file_name").asString(""),
					item.path("page").isNumber() ? item.path("page").asInt() : null,
					item.path("end_page").isNumber() ? item.path("end_page").asInt() : null,
					textOrNull(item.path("section")), item.path("quote").asString(""),
					item.path("strength").asString(verified ? "proof" : "not_found"), textOrNull(item.path("note")),
					textOrNull(context.path("before")), textOrNull(context.path("text")),
					textOrNull(context.path("after")), textOrNull(item.path("printed_page")),
					Wording.read(item.path("why")));
		}

		/**
		 * Why the evidence is not proof, in the reader's language; as stored (in English)
		 * for evidence checked before the reason was kept as a message.
		 */
		public @Nullable String note(MessageSource messages, Locale locale) {
			return this.why == null ? this.note : this.why.in(messages, locale);
		}

		private static @Nullable String textOrNull(tools.jackson.databind.JsonNode node) {
			return node.isString() ? node.asString() : null;
		}

		/** Whether the evidence is on one page (or the document has none). */
		public boolean onePage() {
			return this.endPage == null || this.endPage.equals(this.page);
		}

		/** Whether the document's own text around the quote is known. */
		public boolean hasContext() {
			return this.text != null;
		}

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
	public List<Result> list(UUID assessmentId) {
		Assessment assessment = this.assessments.find(assessmentId);
		return list(assessment, this.workflows.version(assessment.workflowId(), assessment.workflowVersion()),
				this.assessments.documents(assessmentId));
	}

	/**
	 * The same, for a page that has already read the run, its workflow version and its
	 * documents to show them: built from those, not read again. The results themselves
	 * are read again only when the run's row says that they changed since they were last
	 * read (by this copy; see {@link KeptResults}).
	 */
	@Transactional(readOnly = true)
	public List<Result> list(Assessment assessment, Workflow workflow, List<Assessments.AssessedDocument> assessed) {
		KeptResults.Run kept = this.kept.get(assessment.id());
		boolean current = kept != null && kept.readAt(assessment, workflow, assessed);
		Read read = current ? new Read(kept.version(), kept.unnamed()) : read(assessment.id(), workflow, assessed);
		Map<UUID, String> reviewers = reviewerNames(read.results());
		if (current && reviewers.equals(kept.reviewers())) {
			return kept.results();
		}
		List<Result> results = named(read.results(), reviewers, kept == null ? List.of() : kept.results());
		if (read.version() != null) {
			this.kept.put(assessment.id(), new KeptResults.Run(read.version(), workflow.id(), workflow.version(),
					assessed, read.results(), reviewers, results));
		}
		return results;
	}

	/**
	 * A run's results as the database holds them, in the order shown, without the
	 * reviewers' names; {@code version} is the version of the results they are (none when
	 * the run has none).
	 */
	private record Read(@Nullable Long version, List<Result> results) {
	}

	private Read read(UUID assessmentId, Workflow workflow, List<Assessments.AssessedDocument> assessed) {
		Map<UUID, Integer> order = new LinkedHashMap<>();
		Map<UUID, String> names = new LinkedHashMap<>();
		Map<UUID, List<UUID>> buckets = new LinkedHashMap<>();
		for (Workflow.Criterion criterion : workflow.criteria()) {
			order.put(criterion.id(), order.size());
			names.put(criterion.id(), criterion.name());
			buckets.put(criterion.id(), criterion.appliesToBucketIds());
		}
		Long[] version = { null };
		List<Result> results = this.db
			.sql("""
					select r.id, r.criteria_id, r.pass, r.confidence, r.reasoning, r.reasoning_notes::text as reasoning_notes,
					       r.judge, r.evidence::text as evidence,
					       d.document_id, d.file_name, r.evidence_page, r.evidence_section, r.evidence_text,
					       r.review_decision, r.review_pass, r.review_comment, r.reviewed_by,
					       r.reviewed_at, r.carried_over_from is not null as carried_over, r.answered,
					       case when jsonb_typeof(r.passages_sent) = 'array' then
					           array(select (p ->> 'document_id') || ' ' || string_agg(p ->> 'page', ' ')
					                   from jsonb_array_elements(r.passages_sent) p
					                  where jsonb_typeof(p -> 'page') = 'number'
					                  group by p ->> 'document_id')
					       end as pages_sent,
					       -- Read in the same statement as the results, so that it is the
					       -- version of exactly these.
					       (select a.results_version from assessments a where a.id = ?) as results_version
					  from assay_results_of(?) r
					  left join assessment_documents d on d.id = r.evidence_document_id
					""")
			.params(assessmentId, assessmentId)
			.query((rs, n) -> {
				version[0] = rs.getLong("results_version");
				Boolean aiPass = rs.getObject("pass", Boolean.class);
				String confidence = rs.getString("confidence");
				UUID reviewerId = rs.getObject("reviewed_by", UUID.class);
				Review review = rs.getString("review_decision") == null ? null
						: new Review(rs.getString("review_decision"), rs.getBoolean("review_pass"),
								rs.getString("review_comment"),
								reviewerId == null ? null : new Reviewer(reviewerId, ""),
								rs.getTimestamp("reviewed_at").toInstant());
				Boolean pass = review == null ? aiPass : Boolean.valueOf(review.pass());
				UUID documentId = rs.getObject("document_id", UUID.class);
				ShownEvidence shown = documentId == null ? null
						: new ShownEvidence(documentId, rs.getString("file_name"),
								rs.getObject("evidence_page", Integer.class), rs.getString("evidence_section"),
								rs.getString("evidence_text"));
				UUID criterion = rs.getObject("criteria_id", UUID.class);
				Verdict verdict = Verdict.of(review == null ? null : review.pass(), aiPass, confidence,
						rs.getBoolean("answered"));
				java.sql.Array pagesSent = rs.getArray("pages_sent");
				WhatWasRead.Read read = WhatWasRead.describe(
						pagesSent == null ? null : WhatWasRead.pagesSent((String[]) pagesSent.getArray()),
						buckets.getOrDefault(criterion, List.of()), assessed);
				return new Result(rs.getObject("id", UUID.class), criterion, names.getOrDefault(criterion, "(removed)"),
						pass, aiPass, confidence, verdict.needsReview(), shown,
						this.json.readTree(rs.getString("evidence")),
						Reasoning.of(rs.getString("reasoning"),
								Wording.readAll(this.json.readTree(rs.getString("reasoning_notes")))),
						rs.getString("judge"), review, rs.getBoolean("carried_over"), verdict.value(),
						read == null ? null : read.sentence(), read == null ? null : read.pages(),
						read == null ? List.of() : read.from());
			})
			.list();
		return new Read(version[0],
				results.stream()
					.sorted(java.util.Comparator.comparingInt(Results::rank)
						.thenComparingInt(result -> order.getOrDefault(result.criteriaId(), Integer.MAX_VALUE)))
					.toList());
	}

	/**
	 * The names of the results' reviewers now, by id; an account that is gone has none.
	 */
	private Map<UUID, String> reviewerNames(List<Result> results) {
		List<UUID> ids = results.stream()
			.map(Result::review)
			.filter(java.util.Objects::nonNull)
			.map(Review::reviewedBy)
			.filter(java.util.Objects::nonNull)
			.map(Reviewer::id)
			.toList();
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<UUID, String> names = new java.util.HashMap<>();
		this.people.find(ids).forEach((id, person) -> names.put(id, person.name()));
		return names;
	}

	/**
	 * The results with their reviewers' names. A result equal to one shown before is that
	 * one, so that what is kept by result (the cards of the results page) is found by
	 * identity instead of by comparing everything a result holds.
	 */
	private static List<Result> named(List<Result> unnamed, Map<UUID, String> reviewers, List<Result> before) {
		Map<UUID, Result> shown = new java.util.HashMap<>();
		before.forEach(result -> shown.put(result.id(), result));
		List<Result> named = new ArrayList<>(unnamed.size());
		for (Result result : unnamed) {
			Result next = withReviewerName(result, reviewers);
			Result same = shown.get(next.id());
			named.add(next.equals(same) ? same : next);
		}
		return List.copyOf(named);
	}

	/** The reviewer's name, from identity; none once the account is gone. */
	private static Result withReviewerName(Result result, Map<UUID, String> people) {
		Review review = result.review();
		if (review == null || review.reviewedBy() == null) {
			return result;
		}
		String name = people.get(review.reviewedBy().id());
		Review named = new Review(review.decision(), review.pass(), review.comment(),
				name == null ? null : new Reviewer(review.reviewedBy().id(), name), review.reviewedAt());
		return new Result(result.id(), result.criteriaId(), result.criteriaName(), result.pass(), result.aiPass(),
				result.confidence(), result.needsReview(), result.evidence(), result.evidenceItems(),
				result.reasoning(), result.judge(), named, result.carriedOver(), result.verdict(), result.read(),
				result.pagesRead(), result.readFrom());
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
	public Result review(AssessmentId run, ResultId reviewed, @Nullable String decision, @Nullable Boolean pass,
			@Nullable String comment) {
		UUID assessmentId = run.value();
		UUID resultId = reviewed.value();
		this.assessments.find(assessmentId);
		String reviewState = RunLife.lockReviewState(this.db, assessmentId);
		if ("signed_off".equals(reviewState)) {
			throw new ConflictException(Wording.of("problem.reviews-locked"));
		}
		ResultsArchive.live(this.db, assessmentId);
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
				throw InvalidInputException.of("decision", Wording.of("review.nothing-to-confirm"));
			}
			verdict = aiPass;
		}
		else if ("overrule".equals(decision)) {
			if (note == null) {
				throw InvalidInputException.of("comment", Wording.of("review.say-why"));
			}
			if (aiPass == null && pass == null) {
				throw InvalidInputException.of("pass", Wording.of("review.give-verdict"));
			}
			verdict = aiPass == null ? pass : !aiPass;
		}
		else {
			throw InvalidInputException.of("decision", Wording.of("review.decision"));
		}
		if (note != null && note.length() > 4000) {
			throw InvalidInputException.of("comment", Wording.of("field.too-long", 4000));
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
		if ("not_started".equals(reviewState)) {
			RunLife.moveReview(this.db, assessmentId, "in_review");
		}
		else {
			SubmissionState.refreshFor(this.db, assessmentId);
		}
		this.audit.record("result_reviewed", "assessment", assessmentId, details);
		return list(assessmentId).stream()
			.filter(result -> result.id().equals(resultId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Result"));
	}

	/** A criterion's verdict in one run: as shown (after any review). */
	public record VerdictShown(@Nullable Boolean pass, String confidence, boolean needsReview) {

		static VerdictShown of(Result result) {
			return new VerdictShown(result.pass(), result.confidence(), result.needsReview());
		}

		boolean sameAs(VerdictShown other) {
			return java.util.Objects.equals(this.pass, other.pass) && this.needsReview == other.needsReview;
		}

	}

	/**
	 * A criterion whose verdict changed between two runs, or whose review in the previous
	 * run does not carry over to the new verdict; {@code before} is null for a criterion
	 * the previous run has no result for. {@code previousReview}: the reviewer's decision
	 * in the previous run, shown beside the new AI verdict so that it is never dropped
	 * unseen.
	 */
	public record Change(UUID criteriaId, String criteriaName, @Nullable VerdictShown before, VerdictShown after,
			@Nullable Review previousReview) {
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
		Assessment assessment = this.assessments.find(assessmentId);
		UUID previousId = assessment.previousAssessmentId();
		if (previousId == null) {
			return new Diff(assessmentId, null, List.of(), 0);
		}
		Map<UUID, Result> before = new LinkedHashMap<>();
		list(previousId).forEach(result -> before.put(result.criteriaId(), result));
		List<Change> changed = new ArrayList<>();
		int unchanged = 0;
		for (Result after : list(assessmentId)) {
			Result earlier = before.get(after.criteriaId());
			boolean reviewLeftBehind = earlier != null && earlier.review() != null && after.review() == null;
			if (earlier != null && !reviewLeftBehind && VerdictShown.of(earlier).sameAs(VerdictShown.of(after))) {
				unchanged++;
			}
			else {
				changed.add(new Change(after.criteriaId(), after.criteriaName(),
						earlier == null ? null : VerdictShown.of(earlier), VerdictShown.of(after),
						reviewLeftBehind ? earlier.review() : null));
			}
		}
		return new Diff(assessmentId, previousId, changed, unchanged);
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
	@Transactional(readOnly = true, label = ReadReplica.MAY_TRAIL)
	public CriteriaAnalytics criteriaAnalytics(UUID workflowId, int last) {
		if (last < 1 || last > 1000) {
			throw InvalidInputException.of("last", Wording.of("field.between", 1, 1000));
		}
		Workflow workflow = this.workflows.find(workflowId);
		Map<UUID, String> names = new LinkedHashMap<>();
		workflow.criteria().forEach(criterion -> names.put(criterion.id(), criterion.name()));
		List<UUID> recent = this.db.sql("""
				select id from assessments where workflow_id = ? and status in ('completed', 'incomplete')
				 order by completed_at desc limit ?
				""").params(workflowId, last).query(UUID.class).list();
		List<CriterionFigures> figures = this.db.sql("""
				select criteria_id, count(*) as judged,
				       count(*) filter (where coalesce(review_pass, pass) = false) as failed,
				       count(*) filter (where pass is null and review_decision is null) as undecided,
				       count(*) filter (where review_decision = 'overrule') as overruled,
				       avg(case confidence when 'high' then 1.0 when 'medium' then 0.5 else 0.0 end) as confidence
				  from unnest(?::uuid[]) as run(id) cross join lateral assay_results_of(run.id)
				 where carried_over_from is null
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
			List<Box> boxes, @Nullable String sectionText, @Nullable Integer endPage, String strength,
			@Nullable String note) {
	}

	/**
	 * Locates evidence item {@code index} of a result in its document.
	 * @throws NotFoundException for an unknown result or item, or a document the
	 * assessment does not have
	 */
	@Transactional
	public EvidenceLocation evidence(AssessmentId run, ResultId cited, int index, Locale locale) {
		UUID assessmentId = run.value();
		UUID resultId = cited.value();
		Result result = list(assessmentId).stream()
			.filter(candidate -> candidate.id().equals(resultId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Result"));
		if (index < 0 || index >= result.evidenceItems().size()) {
			throw new NotFoundException("Evidence");
		}
		tools.jackson.databind.JsonNode item = result.evidenceItems().get(index);
		String documentText = item.path("document_id").asString("");
		Assessments.AssessedDocument document = this.assessments.documents(assessmentId)
			.stream()
			.filter(candidate -> candidate.documentId().toString().equals(documentText))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Document"));
		this.audit.record("evidence_viewed", "assessment", assessmentId,
				Map.of("result_id", resultId, "evidence_index", index, "document_id", document.documentId()));
		EvidenceItem shownItem = EvidenceItem.of(item);
		String quote = shownItem.quote();
		Integer page = shownItem.page();
		String section = shownItem.section();
		boolean verified = item.path("verified").asBoolean(false);
		// A differing quote is marked where the document's own words are.
		String marked = shownItem.strength().equals("differs") && shownItem.text() != null ? shownItem.text()
				: verified ? quote : null;
		// Only the cited page is read: a click on page 180 does not load the document.
		Optional<io.assay.document.Documents.ParsedPage> onPage = page == null ? Optional.empty()
				: this.documents.parsedPage(document.documentId(), page);
		if (onPage.isEmpty()) {
			String text = this.documents.parsed(document.documentId())
				.sections()
				.stream()
				.filter(candidate -> candidate.heading().equals(section))
				.map(candidate -> candidate.text())
				.filter(java.util.Objects::nonNull)
				.findFirst()
				.orElse(null);
			return new EvidenceLocation(document.documentId(), document.fileName(), document.fileType(), null, 0,
					section, quote, verified, 0, 0, List.of(), text, null, shownItem.strength(),
					shownItem.note(this.messages, locale));
		}
		io.assay.document.ParsedDocument.Page shown = onPage.get().page();
		List<Box> boxes = marked == null ? List.of() : QuoteLines.on(shown, marked);
		// Pages of a Word document are shown as the text Assay read from them: the
		// browser
		// cannot lay the document out.
		String pageText = "pdf".equals(document.fileType()) ? null : shown.text();
		return new EvidenceLocation(document.documentId(), document.fileName(), document.fileType(), page,
				onPage.get().pageCount(), section, quote, verified, shown.width(), shown.height(), boxes, pageText,
				shownItem.endPage(), shownItem.strength(), shownItem.note(this.messages, locale));
	}

}
