package io.assay.assessment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.identity.People;
import io.assay.platform.ConflictException;
import io.assay.platform.ForbiddenException;
import io.assay.platform.TenantContext;
import io.assay.platform.TextFields;
import io.assay.workflow.SignOffPolicy;
import io.assay.workflow.Workflows;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signing off a run, and reopening it: the moment a qualified person stands behind a
 * pre-assessment. A run is signed off once it has completed and a person has decided
 * every criterion that needed one, by someone the workflow's policy allows, with a
 * statement; the sign-off records exactly what was signed and locks the run's reviews
 * until it is reopened, with a reason.
 */
@Service
public class SignOffs {

	static final int STATEMENT_LENGTH = 2000;

	private final JdbcClient db;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final Assessments assessments;

	private final Submissions submissions;

	private final Workflows workflows;

	private final People people;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Results results;

	SignOffs(JdbcClient db, TenantContext tenants, AuditTrail audit, Assessments assessments, Submissions submissions,
			Workflows workflows, People people, JsonMapper json, ApplicationEventPublisher events, Results results) {
		this.results = results;
		this.db = db;
		this.tenants = tenants;
		this.audit = audit;
		this.assessments = assessments;
		this.submissions = submissions;
		this.workflows = workflows;
		this.people = people;
		this.json = json;
		this.events = events;
	}

	/**
	 * A run's standing sign-off.
	 *
	 * @param resultsSha256 SHA-256 over the run's verdicts, evidence and reviews as
	 * signed
	 * @param documents the documents signed: name and SHA-256 of each
	 */
	public record SignOff(UUID id, UUID assessmentId, @Nullable UUID signedBy, String signerName, Instant signedAt,
			String statement, String resultsSha256, List<SignedDocument> documents) {
	}

	public record SignedDocument(String fileName, String sha256) {
	}

	/**
	 * Signs off a run.
	 * @throws ConflictException when the run has not completed, is signed off already, or
	 * has criteria a person still has to decide (named in the message)
	 * @throws ForbiddenException when the workflow's policy does not let the caller sign
	 */
	@Transactional
	public SignOff signOff(UUID assessmentId, @Nullable String statement) {
		TextFields fields = new TextFields();
		String text = fields.required("statement", statement, STATEMENT_LENGTH);
		fields.check();
		String reviewState = RunLife.lockReviewState(this.db, assessmentId);
		Assessment run = this.assessments.find(assessmentId);
		if (!run.runStatus().hasResults()) {
			throw new ConflictException(
					Wording.of("problem.sign-off-not-completed", run.runNumber(), run.runStatus().value()));
		}
		if ("signed_off".equals(reviewState)) {
			throw new ConflictException(Wording.of("problem.signed-off-already", run.runNumber()));
		}
		List<Results.Result> results = this.results.list(assessmentId);
		List<String> open = results.stream()
			.filter(Results.Result::needsReview)
			.map(Results.Result::criteriaName)
			.toList();
		if (!open.isEmpty()) {
			throw new ConflictException(Wording.of("problem.sign-off-open", open.size(), String.join("; ", open)));
		}
		if (results.size() < run.progress().total()) {
			throw new ConflictException(
					Wording.of("problem.sign-off-missing-results", results.size(), run.progress().total()));
		}
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		People.Person signer = tenant.userId() == null ? null : this.people.find(tenant.userId()).orElse(null);
		if (signer == null) {
			throw new ForbiddenException(Wording.of("problem.sign-off-person"));
		}
		requireAllowedToSign(run, signer);
		List<SignedDocument> documents = this.assessments.documents(assessmentId)
			.stream()
			.map(document -> new SignedDocument(document.fileName(), document.sha256()))
			.toList();
		String digest = digest(results);
		UUID id = this.db.sql("""
				insert into assessment_sign_offs (organization_id, assessment_id, signed_by, signer_name, statement,
				                                  results_sha256, documents)
				values (?, ?, ?, ?, ?, decode(?, 'hex'), ?::jsonb)
				returning id
				""")
			.params(tenant.organizationId(), assessmentId, signer.id(), signer.name(), text, digest,
					this.json.writeValueAsString(documents))
			.query(UUID.class)
			.single();
		RunLife.moveReview(this.db, assessmentId, "signed_off");
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("sign_off_id", id);
		details.put("submission_id", run.submissionId());
		details.put("run_number", run.runNumber());
		details.put("results_sha256", digest);
		details.put("documents", documents.size());
		details.put("statement", text);
		this.audit.record("run_signed_off", "assessment", assessmentId, details);
		this.events.publishEvent(
				new AssessmentSignedOff(tenant.organizationId(), assessmentId, run.submissionId(), signer.id()));
		return find(assessmentId).orElseThrow();
	}

	/**
	 * Reopens a signed-off run for review: the sign-off stays on record, ended, with the
	 * reason. The owner, the reviewer, the signer and process managers may.
	 * @throws ConflictException when the run is not signed off
	 */
	@Transactional
	public Assessment reopen(UUID assessmentId, @Nullable String reason, boolean mayManage) {
		TextFields fields = new TextFields();
		String text = fields.required("reason", reason, STATEMENT_LENGTH);
		fields.check();
		String reviewState = RunLife.lockReviewState(this.db, assessmentId);
		Assessment run = this.assessments.find(assessmentId);
		if (!"signed_off".equals(reviewState)) {
			throw new ConflictException(Wording.of("problem.reopen-not-signed-off", run.runNumber()));
		}
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		SignOff standing = find(assessmentId).orElseThrow();
		Submission submission = this.submissions.find(run.submissionId());
		UUID me = tenant.userId();
		boolean involved = me != null && (me.equals(standing.signedBy()) || isPerson(submission.owner(), me)
				|| isPerson(submission.reviewer(), me));
		if (!mayManage && !involved) {
			throw new ForbiddenException(Wording.of("problem.reopen-who"));
		}
		this.db.sql("""
				update assessment_sign_offs set reopened_by = ?, reopened_at = now(), reopen_reason = ?
				 where assessment_id = ? and reopened_at is null
				""").params(me, text, assessmentId).update();
		RunLife.moveReview(this.db, assessmentId, "in_review");
		this.audit.record("run_reopened", "assessment", assessmentId,
				Map.of("sign_off_id", standing.id(), "run_number", run.runNumber(), "reason", text));
		return this.assessments.find(assessmentId);
	}

	/** The run's standing sign-off, if it has one. */
	@Transactional(readOnly = true)
	public java.util.Optional<SignOff> find(UUID assessmentId) {
		return this.db.sql("""
				select id, assessment_id, signed_by, signer_name, signed_at, statement, encode(results_sha256, 'hex'),
				       documents::text
				  from assessment_sign_offs where assessment_id = ? and reopened_at is null
				""").param(assessmentId).query((rs, n) -> {
			List<SignedDocument> documents = List.of(this.json.readValue(rs.getString(8), SignedDocument[].class));
			return new SignOff(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), documents);
		}).optional();
	}

	private void requireAllowedToSign(Assessment run, People.Person signer) {
		if (!signer.handlesProjects()) {
			throw new ForbiddenException(Wording.of("problem.sign-off-handlers"));
		}
		Submission submission = this.submissions.find(run.submissionId());
		SignOffPolicy policy = this.workflows.signOffPolicy(run.workflowId());
		boolean owner = isPerson(submission.owner(), signer.id());
		boolean reviewer = isPerson(submission.reviewer(), signer.id());
		if (policy == SignOffPolicy.FOUR_EYES) {
			if (owner) {
				throw new ForbiddenException(submission.reviewer() != null
						? Wording.of("problem.four-eyes-reviewer", submission.reviewer().name())
						: Wording.of("problem.four-eyes"));
			}
			if (submission.reviewer() != null && !reviewer) {
				throw new ForbiddenException(
						Wording.of("problem.sign-off-reviewer-only", submission.reviewer().name()));
			}
		}
		else if (!owner && !reviewer) {
			throw new ForbiddenException(
					submission.owner() != null ? Wording.of("problem.sign-off-owner-named", submission.owner().name())
							: Wording.of("problem.sign-off-owner"));
		}
	}

	private static boolean isPerson(Submission.@Nullable Person person, UUID id) {
		return person != null && person.id().equals(id);
	}

	/**
	 * What was signed, in a form that does not depend on order: every criterion's verdict
	 * as shown, the AI's verdict, confidence, evidence and reasoning, and the review.
	 */
	private static String digest(List<Results.Result> results) {
		StringBuilder signed = new StringBuilder();
		results.stream().sorted(Comparator.comparing(result -> result.criteriaId().toString())).forEach(result -> {
			signed.append(result.criteriaId())
				.append('|')
				.append(result.pass())
				.append('|')
				.append(result.aiPass())
				.append('|')
				.append(result.confidence())
				.append('|')
				.append(result.evidenceItems())
				.append('|')
				.append(result.reasoning() == null ? "" : result.reasoning().english());
			if (result.review() != null) {
				signed.append('|')
					.append(result.review().decision())
					.append('|')
					.append(result.review().pass())
					.append('|')
					.append(Objects.toString(result.review().comment(), ""))
					.append('|')
					.append(result.review().reviewedBy() == null ? "" : result.review().reviewedBy().id());
			}
			signed.append('\n');
		});
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(signed.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
