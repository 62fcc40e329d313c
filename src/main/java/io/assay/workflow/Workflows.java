package io.assay.workflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.assay.audit.AuditTrail;
import io.assay.platform.ConflictException;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.platform.database.ReadReplica;
import io.assay.platform.web.PageRequest;
import io.assay.platform.web.PageRequest.Page;
import io.assay.workflow.WorkflowRules.CheckedBucket;
import io.assay.workflow.WorkflowRules.CheckedCriterion;
import io.assay.workflow.WorkflowRules.CheckedDraft;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organisation's workflows: create, revise, archive, and read any version. Every
 * revision bumps the version and stores its complete content; buckets and criteria that a
 * revision removes are retired, not deleted, so earlier assessments stay explainable.
 */
@Service
public class Workflows {

	/** Sort keys of the workflow list. */
	public static final Map<String, String> SORTABLE = Map.of("name", "lower(w.name)", "created_at", "w.created_at",
			"updated_at", "w.updated_at");

	private final JdbcClient db;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final JsonMapper json;

	Workflows(JdbcClient db, TenantContext tenants, AuditTrail audit, JsonMapper json) {
		this.db = db;
		this.tenants = tenants;
		this.audit = audit;
		this.json = json;
	}

	/** One stored version, as the history lists it. */
	public record VersionSummary(int version, @Nullable UUID createdBy, java.time.Instant createdAt) {
	}

	@Transactional
	public Workflow create(WorkflowDraft draft) {
		return create(draft, Map.of());
	}

	/**
	 * Creates a workflow; {@code auditDetails} adds to what the audit entry says (its
	 * origin).
	 */
	@Transactional
	public Workflow create(WorkflowDraft draft, Map<String, String> auditDetails) {
		CheckedDraft checked = WorkflowRules.check(draft, Set.of(), Set.of(), true);
		UUID organization = this.tenants.requireOrganizationId();
		UUID author = this.tenants.current().map(TenantContext.Tenant::userId).orElse(null);
		UUID id = UUID.randomUUID();
		this.db.sql("insert into workflows (id, organization_id, created_by, name, description) values (?, ?, ?, ?, ?)")
			.params(id, organization, author, checked.name(), checked.description())
			.update();
		List<UUID> bucketIds = writeBuckets(id, organization, checked.buckets(), List.of(), 1);
		writeCriteria(id, organization, checked.criteria(), bucketIds, List.of(), 1);
		Workflow created = find(id);
		snapshot(created);
		Map<String, Object> details = new LinkedHashMap<>(auditDetails);
		details.put("name", created.name());
		details.put("version", 1);
		details.put("buckets", created.buckets().size());
		details.put("criteria", created.criteria().size());
		this.audit.record("workflow_created", "workflow", id, details);
		return created;
	}

	/**
	 * Replaces a workflow's content. Buckets and criteria given with an id are kept (and
	 * edited), those without are added, those left out are retired. A draft identical to
	 * the current content changes nothing and keeps the version.
	 */
	@Transactional
	public Workflow revise(UUID id, WorkflowDraft draft) {
		Workflow current = lock(id);
		if (!current.isActive()) {
			throw new ConflictException(Wording.of("problem.workflow-archived-change"));
		}
		if (draft.version() != null && draft.version() != current.version()) {
			throw new ConflictException(Wording.of("problem.workflow-changed", draft.version(), current.version()));
		}
		CheckedDraft checked = WorkflowRules.check(draft,
				current.buckets().stream().map(Workflow.Bucket::id).collect(Collectors.toSet()),
				current.criteria().stream().map(Workflow.Criterion::id).collect(Collectors.toSet()), false);
		Map<String, Object> changes = changes(current, checked);
		if (changes.isEmpty()) {
			return current;
		}
		int version = current.version() + 1;
		UUID organization = this.tenants.requireOrganizationId();
		this.db.sql("update workflows set name = ?, description = ?, version = ?, updated_at = now() where id = ?")
			.params(checked.name(), checked.description(), version, id)
			.update();
		List<UUID> bucketIds = writeBuckets(id, organization, checked.buckets(), current.buckets(), version);
		writeCriteria(id, organization, checked.criteria(), bucketIds, current.criteria(), version);
		Workflow revised = find(id);
		snapshot(revised);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("name", revised.name());
		details.put("version", Map.of("from", current.version(), "to", version));
		details.put("changes", changes);
		this.audit.record("workflow_revised", "workflow", id, details);
		return revised;
	}

	/** Archives a workflow: hidden from lists and closed to changes, its history kept. */
	@Transactional
	public void archive(UUID id) {
		Workflow current = lock(id);
		if (!current.isActive()) {
			return;
		}
		this.db.sql("update workflows set is_active = false, updated_at = now() where id = ?").param(id).update();
		this.audit.record("workflow_archived", "workflow", id,
				Map.of("name", current.name(), "version", current.version()));
	}

	/**
	 * The name of every workflow of the organisation, archived ones too, by id: for
	 * lists.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, String> names() {
		Map<UUID, String> names = new LinkedHashMap<>();
		this.db.sql("select id, name from workflows order by lower(name)")
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
			.list()
			.forEach(entry -> names.put(entry.getKey(), entry.getValue()));
		return names;
	}

	/** Who may sign off runs of this workflow's submissions. */
	@Transactional(readOnly = true)
	public SignOffPolicy signOffPolicy(UUID id) {
		return this.db.sql("select sign_off_policy from workflows where id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.flatMap(SignOffPolicy::of)
			.orElseThrow(() -> new NotFoundException("Workflow"));
	}

	/**
	 * Sets who may sign off runs of this workflow's submissions. A governance setting: it
	 * takes effect for the next sign-off and makes no new version.
	 */
	@Transactional
	public SignOffPolicy setSignOffPolicy(UUID id, SignOffPolicy policy) {
		SignOffPolicy before = signOffPolicy(id);
		this.db.sql("update workflows set sign_off_policy = ?, updated_at = now() where id = ?")
			.params(policy.value(), id)
			.update();
		if (before != policy) {
			this.audit.record("workflow_sign_off_policy_changed", "workflow", id,
					Map.of("from", before.value(), "to", policy.value()));
		}
		return policy;
	}

	@Transactional(readOnly = true)
	public Workflow find(UUID id) {
		return this.db.sql("select * from workflows where id = ?")
			.param(id)
			.query((rs, n) -> workflow(rs, id))
			.optional()
			.orElseThrow(() -> new NotFoundException("Workflow"));
	}

	@Transactional(readOnly = true, label = ReadReplica.MAY_TRAIL)
	public Page<WorkflowSummary> list(boolean includeArchived, PageRequest page) {
		long total = this.db.sql("select count(*) from workflows w where (w.is_active or ?)")
			.param(includeArchived)
			.query(Long.class)
			.single();
		List<WorkflowSummary> items = this.db
			.sql("""
					select w.*,
					       (select count(*) from buckets b where b.workflow_id = w.id and b.retired_in_version is null) as buckets,
					       (select count(*) from criteria c where c.workflow_id = w.id and c.retired_in_version is null) as criteria
					  from workflows w
					 where (w.is_active or ?)
					"""
					+ " order by " + page.orderByThen("w.id") + " limit ? offset ?")
			.params(includeArchived, page.limit(), page.offset())
			.query((rs, n) -> new WorkflowSummary(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("description"), rs.getInt("version"), rs.getBoolean("is_active"), rs.getInt("buckets"),
					rs.getInt("criteria"), rs.getObject("created_by", UUID.class),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()))
			.list();
		return page.answer(items, total);
	}

	@Transactional(readOnly = true)
	public List<VersionSummary> versions(UUID id) {
		find(id);
		return this.db
			.sql("select version, created_by, created_at from workflow_versions where workflow_id = ?"
					+ " order by version desc")
			.param(id)
			.query((rs, n) -> new VersionSummary(rs.getInt("version"), rs.getObject("created_by", UUID.class),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/** The workflow exactly as it was at {@code version}. */
	@Transactional(readOnly = true)
	public Workflow version(UUID id, int version) {
		return this.db.sql("select content::text from workflow_versions where workflow_id = ? and version = ?")
			.params(id, version)
			.query(String.class)
			.optional()
			.map(content -> this.json.readValue(content, Workflow.class))
			.orElseThrow(() -> new NotFoundException("Workflow version"));
	}

	private Workflow lock(UUID id) {
		this.db.sql("select id from workflows where id = ? for update")
			.param(id)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Workflow"));
		return find(id);
	}

	private Workflow workflow(ResultSet rs, UUID id) throws SQLException {
		List<Workflow.Bucket> buckets = this.db
			.sql("select id, name, required, order_index from buckets"
					+ " where workflow_id = ? and retired_in_version is null order by order_index, created_at")
			.param(id)
			.query((b, n) -> new Workflow.Bucket(b.getObject("id", UUID.class), b.getString("name"),
					b.getBoolean("required"), b.getInt("order_index")))
			.list();
		List<Workflow.Criterion> criteria = this.db
			.sql("select id, name, description, applies_to_bucket_ids, example_text, order_index from criteria"
					+ " where workflow_id = ? and retired_in_version is null order by order_index, created_at")
			.param(id)
			.query((c, n) -> new Workflow.Criterion(c.getObject("id", UUID.class), c.getString("name"),
					c.getString("description"), uuids(c.getArray("applies_to_bucket_ids")), c.getString("example_text"),
					c.getInt("order_index")))
			.list();
		return new Workflow(id, rs.getString("name"), rs.getString("description"), rs.getInt("version"),
				rs.getBoolean("is_active"), rs.getObject("created_by", UUID.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), buckets,
				criteria);
	}

	/** Writes the buckets in order and answers their ids in the same order. */
	private List<UUID> writeBuckets(UUID workflow, UUID organization, List<CheckedBucket> buckets,
			List<Workflow.Bucket> current, int version) {
		List<UUID> ids = new ArrayList<>();
		for (int position = 0; position < buckets.size(); position++) {
			CheckedBucket bucket = buckets.get(position);
			if (bucket.id() == null) {
				UUID id = UUID.randomUUID();
				this.db
					.sql("insert into buckets (id, workflow_id, organization_id, name, required, order_index)"
							+ " values (?, ?, ?, ?, ?, ?)")
					.params(id, workflow, organization, bucket.name(), bucket.required(), position)
					.update();
				ids.add(id);
			}
			else {
				this.db
					.sql("update buckets set name = ?, required = ?, order_index = ?, updated_at = now()"
							+ " where id = ? and (name, required, order_index) is distinct from (?, ?, ?)")
					.params(bucket.name(), bucket.required(), position, bucket.id(), bucket.name(), bucket.required(),
							position)
					.update();
				ids.add(bucket.id());
			}
		}
		for (Workflow.Bucket old : current) {
			if (!ids.contains(old.id())) {
				this.db.sql("update buckets set retired_in_version = ?, updated_at = now() where id = ?")
					.params(version, old.id())
					.update();
			}
		}
		return ids;
	}

	private void writeCriteria(UUID workflow, UUID organization, List<CheckedCriterion> criteria, List<UUID> bucketIds,
			List<Workflow.Criterion> current, int version) {
		List<UUID> kept = new ArrayList<>();
		for (int position = 0; position < criteria.size(); position++) {
			CheckedCriterion criterion = criteria.get(position);
			UUID[] applies = criterion.bucketPositions().stream().map(bucketIds::get).toArray(UUID[]::new);
			if (criterion.id() == null) {
				this.db.sql("""
						insert into criteria (workflow_id, organization_id, name, description, applies_to_bucket_ids,
						                      example_text, order_index)
						values (?, ?, ?, ?, ?, ?, ?)
						""")
					.params(workflow, organization, criterion.name(), criterion.description(), applies,
							criterion.exampleText(), position)
					.update();
			}
			else {
				this.db.sql("""
						update criteria set name = ?, description = ?, applies_to_bucket_ids = ?, example_text = ?,
						                    order_index = ?, updated_at = now()
						 where id = ?
						""")
					.params(criterion.name(), criterion.description(), applies, criterion.exampleText(), position,
							criterion.id())
					.update();
				kept.add(criterion.id());
			}
		}
		for (Workflow.Criterion old : current) {
			if (!kept.contains(old.id())) {
				this.db.sql("update criteria set retired_in_version = ?, updated_at = now() where id = ?")
					.params(version, old.id())
					.update();
			}
		}
	}

	private void snapshot(Workflow workflow) {
		this.db
			.sql("insert into workflow_versions (workflow_id, version, organization_id, content, created_by)"
					+ " values (?, ?, ?, cast(? as jsonb), ?)")
			.params(workflow.id(), workflow.version(), this.tenants.requireOrganizationId(),
					this.json.writeValueAsString(workflow),
					this.tenants.current().map(TenantContext.Tenant::userId).orElse(null))
			.update();
	}

	/**
	 * What a revision changes, in the words an auditor reads; empty when nothing does.
	 */
	private static Map<String, Object> changes(Workflow current, CheckedDraft draft) {
		Map<String, Object> changes = new LinkedHashMap<>();
		if (!current.name().equals(draft.name())) {
			changes.put("name", Map.of("from", current.name(), "to", draft.name()));
		}
		if (!Objects.equals(current.description(), draft.description())) {
			changes.put("description", "changed");
		}
		Map<UUID, Workflow.Bucket> oldBuckets = current.buckets()
			.stream()
			.collect(Collectors.toMap(Workflow.Bucket::id, b -> b));
		List<String> added = new ArrayList<>();
		List<String> edited = new ArrayList<>();
		List<UUID> newBucketOrder = new ArrayList<>();
		for (CheckedBucket bucket : draft.buckets()) {
			Workflow.Bucket old = bucket.id() == null ? null : oldBuckets.get(bucket.id());
			if (old == null) {
				added.add(bucket.name());
			}
			else {
				newBucketOrder.add(old.id());
				if (!old.name().equals(bucket.name()) || old.required() != bucket.required()) {
					edited.add(bucket.name());
				}
			}
		}
		List<String> removed = current.buckets()
			.stream()
			.filter(b -> !newBucketOrder.contains(b.id()))
			.map(Workflow.Bucket::name)
			.toList();
		List<UUID> oldBucketOrder = current.buckets()
			.stream()
			.map(Workflow.Bucket::id)
			.filter(newBucketOrder::contains)
			.toList();
		boolean reordered = added.isEmpty() && !oldBucketOrder.equals(newBucketOrder);
		putChanges(changes, "buckets", added, edited, removed, reordered);

		Map<UUID, Workflow.Criterion> oldCriteria = current.criteria()
			.stream()
			.collect(Collectors.toMap(Workflow.Criterion::id, c -> c));
		List<UUID> resolvedBucketIds = new ArrayList<>();
		for (CheckedBucket bucket : draft.buckets()) {
			resolvedBucketIds.add(bucket.id());
		}
		added = new ArrayList<>();
		edited = new ArrayList<>();
		List<UUID> newCriterionOrder = new ArrayList<>();
		for (CheckedCriterion criterion : draft.criteria()) {
			Workflow.Criterion old = criterion.id() == null ? null : oldCriteria.get(criterion.id());
			if (old == null) {
				added.add(criterion.name());
				continue;
			}
			newCriterionOrder.add(old.id());
			List<UUID> applies = criterion.bucketPositions().stream().map(resolvedBucketIds::get).toList();
			boolean sameBuckets = !applies.contains(null)
					&& Set.copyOf(applies).equals(Set.copyOf(old.appliesToBucketIds()));
			if (!old.name().equals(criterion.name()) || !old.description().equals(criterion.description())
					|| !Objects.equals(old.exampleText(), criterion.exampleText()) || !sameBuckets) {
				edited.add(criterion.name());
			}
		}
		removed = current.criteria()
			.stream()
			.filter(c -> !newCriterionOrder.contains(c.id()))
			.map(Workflow.Criterion::name)
			.toList();
		List<UUID> oldCriterionOrder = current.criteria()
			.stream()
			.map(Workflow.Criterion::id)
			.filter(newCriterionOrder::contains)
			.toList();
		reordered = added.isEmpty() && !oldCriterionOrder.equals(newCriterionOrder);
		putChanges(changes, "criteria", added, edited, removed, reordered);
		return changes;
	}

	private static void putChanges(Map<String, Object> changes, String key, List<String> added, List<String> edited,
			List<String> removed, boolean reordered) {
		Map<String, Object> change = new LinkedHashMap<>();
		if (!added.isEmpty()) {
			change.put("added", added);
		}
		if (!edited.isEmpty()) {
			change.put("edited", edited);
		}
		if (!removed.isEmpty()) {
			change.put("removed", removed);
		}
		if (reordered) {
			change.put("reordered", true);
		}
		if (!change.isEmpty()) {
			changes.put(key, change);
		}
	}

	private static List<UUID> uuids(java.sql.@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return Arrays.asList((UUID[]) array.getArray());
	}

}
