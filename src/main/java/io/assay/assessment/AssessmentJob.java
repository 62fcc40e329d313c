package io.assay.assessment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.assay.audit.AuditTrail;
import io.assay.document.Documents;
import io.assay.document.ParsedDocument;
import io.assay.platform.TenantContext;
import io.assay.workflow.Workflow;
import io.assay.workflow.Workflows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The background work of one assessment: claim it, read every document (parsing again
 * what the cache no longer holds), go through the criteria of the workflow version it was
 * started with, and complete it. It records progress per criterion; verdicts come from
 * the evaluation engine, so until that runs here none are written, and none are made up.
 *
 * <p>
 * Safe to run again after a crash: claiming and completing are conditional updates, and
 * progress never goes backwards.
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

	AssessmentJob(JdbcClient db, TransactionTemplate transactions, TenantContext tenants, Documents documents,
			Workflows workflows, AuditTrail audit) {
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
		this.documents = documents;
		this.workflows = workflows;
		this.audit = audit;
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
			this.tenants.callAs(organization, null, () -> {
				process(assessment);
				return null;
			});
		}
		catch (java.io.UncheckedIOException ex) {
			throw ex.getCause();
		}
		finally {
			MDC.remove("organization_id");
			MDC.remove("assessment_id");
		}
	}

	/** Marks the assessment failed once its job has used up its attempts. */
	void fail(String data, String reason) {
		UUID organization = UUID.fromString(data.substring(0, data.indexOf('/')));
		UUID assessment = UUID.fromString(data.substring(data.indexOf('/') + 1));
		this.tenants.callAs(organization, null, () -> {
			this.transactions.executeWithoutResult(tx -> {
				int updated = this.db.sql("""
						update assessments set status = 'failed', error_message = ?, completed_at = now(),
						       duration_ms = case when started_at is null then null
						                          else (extract(epoch from now() - started_at) * 1000)::integer end,
						       updated_at = now()
						 where id = ? and status in ('pending', 'processing')
						""").params(reason, assessment).update();
				if (updated == 1) {
					this.audit.record("assessment_failed", "assessment", assessment, Map.of("error_message", reason));
				}
			});
			return null;
		});
	}

	private record Claim(UUID workflowId, int workflowVersion) {
	}

	private record AssessedDocument(UUID documentId, UUID bucketId, String fileName) {
	}

	private void process(UUID assessment) {
		Optional<Claim> claim = this.transactions.execute(tx -> this.db
			.sql("""
					update assessments set status = 'processing', started_at = coalesce(started_at, now()), updated_at = now()
					 where id = ? and status in ('pending', 'processing')
					returning workflow_id, workflow_version
					""")
			.param(assessment)
			.query((rs, n) -> new Claim(rs.getObject(1, UUID.class), rs.getInt(2)))
			.optional());
		if (claim.isEmpty()) {
			log.info("Assessment {} is no longer pending or running; nothing to do", assessment);
			return;
		}
		List<AssessedDocument> assessed = this.transactions.execute(tx -> this.db
			.sql("select document_id, bucket_id, file_name from assessment_documents where assessment_id = ?")
			.param(assessment)
			.query((rs, n) -> new AssessedDocument(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3)))
			.list());
		List<ReadDocument> read = new ArrayList<>();
		for (AssessedDocument document : assessed) {
			try {
				read.add(new ReadDocument(document.bucketId(), this.documents.ensureParsed(document.documentId())));
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(
						new IOException("Could not read " + document.fileName() + ": " + ex.getMessage(), ex));
			}
		}
		Workflow workflow = this.workflows.version(claim.get().workflowId(), claim.get().workflowVersion());
		int done = 0;
		for (Workflow.Criterion criterion : workflow.criteria()) {
			List<ReadDocument> relevant = read.stream()
				.filter(document -> criterion.appliesToBucketIds().isEmpty()
						|| criterion.appliesToBucketIds().contains(document.bucketId()))
				.toList();
			log.debug("Criterion {} has {} document(s) to be judged on", criterion.name(), relevant.size());
			done++;
			int progress = done;
			boolean running = Boolean.TRUE.equals(this.transactions.execute(tx -> this.db.sql("""
					update assessments set progress_done = greatest(progress_done, ?), updated_at = now()
					 where id = ? and status = 'processing'
					""").params(progress, assessment).update() == 1));
			if (!running) {
				log.info("Assessment {} was cancelled; stopping", assessment);
				return;
			}
		}
		this.transactions.executeWithoutResult(tx -> {
			int completed = this.db.sql("""
					update assessments set status = 'completed', completed_at = now(),
					       duration_ms = (extract(epoch from now() - started_at) * 1000)::integer, updated_at = now()
					 where id = ? and status = 'processing'
					""").param(assessment).update();
			if (completed == 1) {
				this.audit.record("assessment_completed", "assessment", assessment,
						Map.of("criteria", workflow.criteria().size(), "documents", read.size()));
			}
		});
	}

	private record ReadDocument(UUID bucketId, ParsedDocument parsed) {
	}

}
