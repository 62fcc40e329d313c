package io.assay.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.identity.People;
import io.assay.platform.ForbiddenException;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.platform.TextFields;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The short thread beside each criterion's verdict in a run: who said what, and when.
 * Comments are kept as written (no edits, no deletes) and each is audited.
 */
@Service
public class ResultComments {

	static final int BODY_LENGTH = 4000;

	private final JdbcClient db;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final People people;

	ResultComments(JdbcClient db, TenantContext tenants, AuditTrail audit, People people) {
		this.db = db;
		this.tenants = tenants;
		this.audit = audit;
		this.people = people;
	}

	/**
	 * @param author null once the account is gone; {@code authorName} stays
	 */
	public record Comment(UUID id, UUID resultId, @Nullable UUID author, String authorName, String body,
			Instant createdAt) {
	}

	@Transactional
	public Comment add(AssessmentId run, ResultId result, @Nullable String body) {
		UUID assessmentId = run.value();
		UUID resultId = result.value();
		TextFields fields = new TextFields();
		String text = fields.required("body", body, BODY_LENGTH);
		fields.check();
		ResultsArchive.live(this.db, assessmentId);
		requireResult(assessmentId, resultId);
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		People.Person author = tenant.userId() == null ? null : this.people.find(tenant.userId()).orElse(null);
		if (author == null) {
			throw new ForbiddenException(Wording.of("problem.comment-person"));
		}
		Comment comment = this.db.sql("""
				insert into result_comments (organization_id, assessment_id, result_id, author_id, author_name, body)
				values (?, ?, ?, ?, ?, ?)
				returning id, result_id, author_id, author_name, body, created_at
				""")
			.params(tenant.organizationId(), assessmentId, resultId, author.id(), author.name(), text)
			.query(ResultComments::comment)
			.single();
		this.audit.record("result_commented", "assessment", assessmentId,
				Map.of("result_id", resultId, "comment_id", comment.id(), "body", text));
		return comment;
	}

	/** The thread of one result, oldest first. */
	@Transactional(readOnly = true)
	public List<Comment> of(AssessmentId run, ResultId result) {
		UUID assessmentId = run.value();
		UUID resultId = result.value();
		requireResult(assessmentId, resultId);
		return this.db.sql("""
				select id, result_id, author_id, author_name, body, created_at from assay_comments_of(?)
				 where result_id = ? order by created_at, id
				""").params(assessmentId, resultId).query(ResultComments::comment).list();
	}

	/** Every thread of a run, by result, each oldest first. */
	@Transactional(readOnly = true)
	public java.util.Map<UUID, List<Comment>> ofRun(UUID assessmentId) {
		java.util.Map<UUID, List<Comment>> threads = new java.util.HashMap<>();
		this.db.sql("""
				select id, result_id, author_id, author_name, body, created_at from assay_comments_of(?)
				 order by created_at, id
				""")
			.param(assessmentId)
			.query(ResultComments::comment)
			.list()
			.forEach(comment -> threads.computeIfAbsent(comment.resultId(), result -> new java.util.ArrayList<>())
				.add(comment));
		return threads;
	}

	private void requireResult(UUID assessmentId, UUID resultId) {
		boolean exists = this.db.sql("select exists (select from assay_results_of(?) where id = ?)")
			.params(assessmentId, resultId)
			.query(Boolean.class)
			.single();
		if (!exists) {
			throw new NotFoundException("Result");
		}
	}

	private static Comment comment(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Comment(rs.getObject("id", UUID.class), rs.getObject("result_id", UUID.class),
				rs.getObject("author_id", UUID.class), rs.getString("author_name"), rs.getString("body"),
				rs.getTimestamp("created_at").toInstant());
	}

}
