package io.assay.assessment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.identity.People;
import io.assay.platform.ConflictException;
import io.assay.platform.ForbiddenException;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.platform.TextFields;
import io.assay.platform.database.ReadReplica;
import io.assay.platform.web.CursorPage;
import io.assay.workflow.Workflows;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submissions: creating them, finding and listing them, and who works on them. A
 * submission's runs are assessments ({@link Assessments}); their state is copied onto the
 * submission by {@link SubmissionState} so lists need no join.
 */
@Service
public class Submissions {

	static final int REFERENCE_LENGTH = 100;

	private final JdbcClient db;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final Workflows workflows;

	private final People people;

	Submissions(JdbcClient db, TenantContext tenants, AuditTrail audit, Workflows workflows, People people) {
		this.db = db;
		this.tenants = tenants;
		this.audit = audit;
		this.workflows = workflows;
		this.people = people;
	}

	/** What describes a submission; only the reference and the workflow are required. */
	public record Details(@Nullable String reference, @Nullable String manufacturer, @Nullable String product,
			@Nullable String deviceClass, @Nullable String model, @Nullable String standard) {
	}

	/**
	 * Who works on a submission and by when. In a change, a field left {@code null} with
	 * its {@code set…} flag false is kept; with the flag true it is changed (to nothing,
	 * when null).
	 */
	public record Assignment(boolean setOwner, @Nullable UUID owner, boolean setReviewer, @Nullable UUID reviewer,
			boolean setDueDate, @Nullable LocalDate dueDate) {
	}

	/** A due date is a day of this millennium, not a typo by centuries. */
	private static void checkDueDate(Assignment assignment, TextFields fields) {
		LocalDate due = assignment.dueDate();
		if (assignment.setDueDate() && due != null && (due.getYear() < 2000 || due.getYear() > 2999)) {
			fields.problem("due_date", Wording.of("submission.due-date-range"));
		}
	}

	/**
	 * Creates a submission for a workflow. The owner is the creator when not named and
	 * the creator handles projects.
	 * @throws ConflictException when the reference is taken in the organisation
	 */
	@Transactional
	public Submission create(@Nullable UUID workflowId, Details details, Assignment assignment) {
		TextFields fields = new TextFields();
		Details clean = clean(details, fields, true);
		if (workflowId == null) {
			fields.problem("workflow_id", Wording.of("field.must-be-given"));
		}
		fields.check();
		if (!this.workflows.find(workflowId).isActive()) {
			throw new ConflictException(Wording.of("problem.workflow-archived-submission"));
		}
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		UUID owner = assignment.setOwner() ? assignment.owner() : defaultOwner(tenant.userId());
		checkAssignees(owner, assignment.reviewer(), fields);
		checkDueDate(assignment, fields);
		fields.check();
		UUID id = insert(tenant, workflowId, clean, owner, assignment.reviewer(), assignment.dueDate());
		if (id == null) {
			throw new ConflictException(Wording.of("problem.reference-taken", clean.reference()));
		}
		Map<String, Object> audited = new LinkedHashMap<>();
		audited.put("reference", clean.reference());
		audited.put("workflow_id", workflowId);
		audited.put("owner_id", owner);
		audited.put("reviewer_id", assignment.reviewer());
		audited.put("due_date", assignment.dueDate() == null ? null : assignment.dueDate().toString());
		this.audit.record("submission_created", "submission", id, audited);
		return find(id);
	}

	/**
	 * A submission for a run started without one (the assessments API as it was): named
	 * by a reference of its own ({@code A-} and the date and a number), owned by whoever
	 * starts it.
	 */
	@Transactional
	UUID createFor(UUID workflowId, String product) {
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		String day = LocalDate.now(ZoneOffset.UTC).toString().replace("-", "");
		for (int attempt = 0; attempt < 20; attempt++) {
			long taken = this.db
				.sql("select count(*) from submissions where created_at >= current_date and reference like ?")
				.param("A-" + day + "-%")
				.query(Long.class)
				.single();
			String reference = "A-" + day + "-" + String.format("%03d", taken + 1 + attempt);
			UUID id = insert(tenant, workflowId, new Details(reference, null, product, null, null, null),
					defaultOwner(tenant.userId()), null, null);
			if (id != null) {
				this.audit.record("submission_created", "submission", id,
						Map.of("reference", reference, "workflow_id", workflowId));
				return id;
			}
		}
		throw new ConflictException(Wording.of("problem.no-free-reference"));
	}

	private @Nullable UUID insert(TenantContext.Tenant tenant, UUID workflowId, Details details, @Nullable UUID owner,
			@Nullable UUID reviewer, @Nullable LocalDate dueDate) {
		return this.db.sql("""
				insert into submissions (organization_id, workflow_id, reference, manufacturer, product, device_class,
				                         model, standard, owner_id, reviewer_id, due_date, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict do nothing
				returning id
				""")
			.params(tenant.organizationId(), workflowId, details.reference(), details.manufacturer(), details.product(),
					details.deviceClass(), details.model(), details.standard(), owner, reviewer, dueDate,
					tenant.userId())
			.query(UUID.class)
			.optional()
			.orElse(null);
	}

	private @Nullable UUID defaultOwner(@Nullable UUID user) {
		if (user == null) {
			return null;
		}
		return this.people.find(user).filter(People.Person::handlesProjects).map(People.Person::id).orElse(null);
	}

	private void checkAssignees(@Nullable UUID owner, @Nullable UUID reviewer, TextFields fields) {
		Map<UUID, People.Person> found = this.people.find(java.util.Arrays.asList(owner, reviewer));
		if (owner != null) {
			People.Person person = found.get(owner);
			if (person == null || !person.active()) {
				fields.problem("owner_id", Wording.of("submission.not-an-active-user"));
			}
			else if (!person.handlesProjects()) {
				fields.problem("owner_id", Wording.of("submission.owner-not-handler", person.name()));
			}
		}
		if (reviewer != null) {
			People.Person person = found.get(reviewer);
			if (person == null || !person.active()) {
				fields.problem("reviewer_id", Wording.of("submission.not-an-active-user"));
			}
			else if (!person.handlesProjects()) {
				fields.problem("reviewer_id", Wording.of("submission.reviewer-not-handler", person.name()));
			}
		}
	}

	private static Details clean(Details details, TextFields fields, boolean referenceRequired) {
		String reference = referenceRequired ? fields.required("reference", details.reference(), REFERENCE_LENGTH)
				: fields.optional("reference", details.reference(), REFERENCE_LENGTH);
		return new Details(reference, fields.optional("manufacturer", details.manufacturer(), 300),
				fields.optional("product", details.product(), 300),
				fields.optional("device_class", details.deviceClass(), 100),
				fields.optional("model", details.model(), 200), fields.optional("standard", details.standard(), 300));
	}

	/**
	 * Changes who works on a submission, by when, or how it is described. Process
	 * managers and the submission's owner may.
	 * @throws ForbiddenException for anyone else
	 */
	@Transactional
	public Submission update(UUID id, boolean mayManage, @Nullable Details details, Assignment assignment) {
		Row row = lock(id);
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		if (!mayManage && (tenant.userId() == null || !tenant.userId().equals(row.owner()))) {
			throw new ForbiddenException(Wording.of("problem.submission-change-who"));
		}
		TextFields fields = new TextFields();
		Details clean = details == null ? null : clean(details, fields, false);
		if (details != null && details.reference() != null && clean.reference() == null) {
			fields.problem("reference", Wording.of("field.must-be-given"));
		}
		UUID owner = assignment.setOwner() ? assignment.owner() : row.owner();
		UUID reviewer = assignment.setReviewer() ? assignment.reviewer() : row.reviewer();
		checkAssignees(assignment.setOwner() ? owner : null, assignment.setReviewer() ? reviewer : null, fields);
		checkDueDate(assignment, fields);
		fields.check();
		LocalDate dueDate = assignment.setDueDate() ? assignment.dueDate() : row.dueDate();
		Map<String, Object> changed = new LinkedHashMap<>();
		if (assignment.setOwner() && !java.util.Objects.equals(owner, row.owner())) {
			changed.put("owner_id", owner);
		}
		if (assignment.setReviewer() && !java.util.Objects.equals(reviewer, row.reviewer())) {
			changed.put("reviewer_id", reviewer);
		}
		if (assignment.setDueDate() && !java.util.Objects.equals(dueDate, row.dueDate())) {
			changed.put("due_date", dueDate == null ? null : dueDate.toString());
		}
		this.db.sql("""
				update submissions set owner_id = ?, reviewer_id = ?, due_date = ?, updated_at = now() where id = ?
				""").params(owner, reviewer, dueDate, id).update();
		if (clean != null) {
			Map<String, Object> described = describe(id, details, clean);
			changed.putAll(described);
		}
		if (!changed.isEmpty()) {
			this.audit.record("submission_updated", "submission", id, changed);
		}
		return find(id);
	}

	/** Applies the description fields the client sent; returns what changed. */
	private Map<String, Object> describe(UUID id, Details sent, Details clean) {
		Map<String, Object> changed = new LinkedHashMap<>();
		Map<String, Object> columns = new LinkedHashMap<>();
		if (sent.reference() != null) {
			columns.put("reference", clean.reference());
		}
		if (sent.manufacturer() != null) {
			columns.put("manufacturer", clean.manufacturer());
		}
		if (sent.product() != null) {
			columns.put("product", clean.product());
		}
		if (sent.deviceClass() != null) {
			columns.put("device_class", clean.deviceClass());
		}
		if (sent.model() != null) {
			columns.put("model", clean.model());
		}
		if (sent.standard() != null) {
			columns.put("standard", clean.standard());
		}
		for (Map.Entry<String, Object> column : columns.entrySet()) {
			if (column.getKey().equals("reference") && column.getValue() == null) {
				continue;
			}
			try {
				// The column name is one of the six above, never the client's text.
				this.db.sql("update submissions set " + column.getKey() + " = ? where id = ?")
					.params(column.getValue(), id)
					.update();
			}
			catch (org.springframework.dao.DuplicateKeyException ex) {
				throw new ConflictException(Wording.of("problem.reference-taken", column.getValue()));
			}
			changed.put(column.getKey(), column.getValue());
		}
		return changed;
	}

	private record Row(UUID owner, UUID reviewer, LocalDate dueDate) {
	}

	private Row lock(UUID id) {
		return this.db.sql("select owner_id, reviewer_id, due_date from submissions where id = ? for update")
			.param(id)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, LocalDate.class)))
			.optional()
			.orElseThrow(() -> new NotFoundException("Submission"));
	}

	@Transactional(readOnly = true)
	public Submission find(UUID id) {
		return withPeople(this.db.sql(SELECT + " where s.id = ?").param(id).query(Submissions::row).list()).stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Submission"));
	}

	/** The list's filters, as the API takes them; each is optional. */
	public record Filter(@Nullable String search, @Nullable UUID workflowId, @Nullable String status,
			@Nullable String outcome, @Nullable String reviewState, @Nullable UUID assignee,
			@Nullable Boolean needsReview, @Nullable LocalDate createdFrom, @Nullable LocalDate createdTo) {
	}

	@Transactional(readOnly = true, label = ReadReplica.MAY_TRAIL)
	public CursorPage<Submission> list(Filter filter, @Nullable String sort, @Nullable String cursor,
			@Nullable Integer limit) {
		SubmissionList.Query query = SubmissionList.query(filter, sort, cursor, limit);
		List<Submission> rows = this.db
			.sql(SELECT + query.where() + " order by " + query.orderBy() + " limit " + (query.limit() + 1))
			.params(query.params())
			.query(Submissions::row)
			.list();
		boolean more = rows.size() > query.limit();
		List<Submission> items = withPeople(more ? rows.subList(0, query.limit()) : rows);
		return new CursorPage<>(items, query.limit(), more ? SubmissionList.cursorAfter(query, items.getLast()) : null);
	}

	/**
	 * My work: submissions not yet signed off that wait for me: as owner, or as reviewer
	 * once a run has completed. Overdue first, then by due date, then oldest first.
	 */
	@Transactional(readOnly = true)
	public List<Submission> myWork(int limit) {
		UUID me = this.tenants.current().flatMap(tenant -> Optional.ofNullable(tenant.userId())).orElse(null);
		if (me == null) {
			return List.of();
		}
		return withPeople(this.db.sql(SELECT + """
				 where s.review_state <> 'signed_off'
				   and (s.owner_id = :me or (s.reviewer_id = :me and s.latest_status in ('completed', 'incomplete')))
				 order by coalesce(s.due_date, date 'infinity'), s.created_at, s.id
				 limit :limit
				""").param("me", me).param("limit", limit).query(Submissions::row).list());
	}

	/** One run of a submission, newest last. */
	public record Run(UUID id, int runNumber, String status, String reviewState, Assessment.Summary summary,
			@Nullable UUID startedBy, Instant createdAt, @Nullable Instant completedAt) {
	}

	@Transactional(readOnly = true)
	public List<Run> runs(UUID submissionId) {
		find(submissionId);
		return this.db.sql(AssessmentRows.SELECT + " where a.submission_id = ? order by a.run_number")
			.param(submissionId)
			.query((rs, n) -> {
				Assessment assessment = AssessmentRows.assessment(rs, n);
				return new Run(assessment.id(), rs.getInt("run_number"), assessment.status(),
						rs.getString("review_state"), assessment.summary(), assessment.createdBy(),
						assessment.createdAt(), assessment.completedAt());
			})
			.list();
	}

	static final String SELECT = """
			select s.id, s.reference, s.manufacturer, s.product, s.device_class, s.model, s.standard, s.workflow_id,
			       s.owner_id, s.reviewer_id, s.due_date, s.latest_assessment_id, s.latest_status, s.outcome,
			       s.review_state, s.needs_review, s.run_count, s.created_by, s.created_at, s.updated_at,
			       (select a.run_number from assessments a where a.id = s.latest_assessment_id) as latest_run_number
			  from submissions s
			""";

	private static Submission row(ResultSet rs, int n) throws SQLException {
		UUID owner = rs.getObject("owner_id", UUID.class);
		UUID reviewer = rs.getObject("reviewer_id", UUID.class);
		LocalDate due = rs.getObject("due_date", LocalDate.class);
		UUID latest = rs.getObject("latest_assessment_id", UUID.class);
		String reviewState = rs.getString("review_state");
		boolean overdue = due != null && due.isBefore(LocalDate.now(ZoneOffset.UTC))
				&& !"signed_off".equals(reviewState);
		return new Submission(rs.getObject("id", UUID.class), rs.getString("reference"), rs.getString("manufacturer"),
				rs.getString("product"), rs.getString("device_class"), rs.getString("model"), rs.getString("standard"),
				rs.getObject("workflow_id", UUID.class), owner == null ? null : new Submission.Person(owner, ""),
				reviewer == null ? null : new Submission.Person(reviewer, ""), due, overdue,
				latest == null ? null
						: new Submission.LatestRun(latest, rs.getInt("latest_run_number"),
								rs.getString("latest_status"), rs.getString("outcome")),
				reviewState, rs.getBoolean("needs_review"), rs.getInt("run_count"),
				rs.getObject("created_by", UUID.class), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	/** Names the owner and reviewer of every row with one lookup. */
	private List<Submission> withPeople(List<Submission> rows) {
		Set<UUID> ids = new HashSet<>();
		rows.forEach(row -> {
			if (row.owner() != null) {
				ids.add(row.owner().id());
			}
			if (row.reviewer() != null) {
				ids.add(row.reviewer().id());
			}
		});
		Map<UUID, People.Person> found = this.people.find(ids);
		List<Submission> named = new ArrayList<>(rows.size());
		for (Submission row : rows) {
			named.add(new Submission(row.id(), row.reference(), row.manufacturer(), row.product(), row.deviceClass(),
					row.model(), row.standard(), row.workflowId(), name(row.owner(), found),
					name(row.reviewer(), found), row.dueDate(), row.overdue(), row.latestRun(), row.reviewState(),
					row.needsReview(), row.runCount(), row.createdBy(), row.createdAt(), row.updatedAt()));
		}
		return named;
	}

	private static Submission.@Nullable Person name(Submission.@Nullable Person person,
			Map<UUID, People.Person> found) {
		if (person == null) {
			return null;
		}
		People.Person known = found.get(person.id());
		return known == null ? null : new Submission.Person(known.id(), known.name());
	}

}
