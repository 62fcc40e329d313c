package io.assay.reporting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.assay.assessment.Assessment;
import io.assay.assessment.Assessments;
import io.assay.assessment.ResultComments;
import io.assay.assessment.Results;
import io.assay.assessment.SignOffs;
import io.assay.assessment.Submissions;
import io.assay.audit.AuditTrail;
import io.assay.identity.Accounts;
import io.assay.identity.UserAdministration;
import io.assay.platform.ConflictException;
import io.assay.platform.GoneException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.workflow.Workflow;
import io.assay.workflow.Workflows;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports of completed assessments, as PDF, CSV and XLSX, and share links that open a
 * read-only report without an account until they expire or are revoked. Making and
 * revoking a link and every visit through one are audited.
 */
@Service
public class Reports {

	static final int DEFAULT_SHARE_DAYS = 7;

	static final int LONGEST_SHARE_DAYS = 30;

	private final Assessments assessments;

	private final Workflows workflows;

	private final Accounts accounts;

	private final UserAdministration users;

	private final AuditTrail audit;

	private final TenantContext tenants;

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final SecureRandom random = new SecureRandom();

	private final Submissions submissions;

	private final SignOffs signOffs;

	private final Results results;

	private final ResultComments comments;

	private final io.assay.document.Documents documents;

	private final MessageSource messages;

	Reports(Assessments assessments, Workflows workflows, Accounts accounts, UserAdministration users, AuditTrail audit,
			TenantContext tenants, JdbcClient db, TransactionTemplate transactions, Submissions submissions,
			SignOffs signOffs, Results results, ResultComments comments, io.assay.document.Documents documents,
			MessageSource messages) {
		this.messages = messages;
		this.documents = documents;
		this.results = results;
		this.comments = comments;
		this.submissions = submissions;
		this.signOffs = signOffs;
		this.transactions = transactions;
		this.assessments = assessments;
		this.workflows = workflows;
		this.accounts = accounts;
		this.users = users;
		this.audit = audit;
		this.tenants = tenants;
		this.db = db;
	}

	/**
	 * @throws NotFoundException for an unknown assessment or another organisation's
	 * @throws ConflictException while the assessment has not completed
	 */
	@Transactional(readOnly = true)
	public Report report(UUID assessmentId) {
		Assessment assessment = completed(assessmentId);
		Workflow workflow = this.workflows.version(assessment.workflowId(), assessment.workflowVersion());
		List<Results.Result> results = this.results.list(assessmentId);
		Set<String> reviewers = new LinkedHashSet<>();
		for (Results.Result result : results) {
			if (result.review() != null) {
				reviewers
					.add(result.review().reviewedBy() == null ? "a former user" : result.review().reviewedBy().name());
			}
		}
		return new Report(assessment, this.submissions.find(assessment.submissionId()), workflow.name(),
				workflow.version(), this.accounts.organization().organization().name(), nameOf(assessment.createdBy()),
				List.copyOf(reviewers), this.signOffs.find(assessmentId).orElse(null),
				workflow.buckets()
					.stream()
					.filter(bucket -> assessment.missingBucketIds().contains(bucket.id()))
					.map(Workflow.Bucket::name)
					.toList(),
				results, Instant.now(), documents(assessmentId, workflow),
				workflow.criteria()
					.stream()
					.collect(java.util.stream.Collectors.toMap(Workflow.Criterion::id, Workflow.Criterion::description,
							(first, second) -> first)),
				this.comments.ofRun(assessmentId));
	}

	private List<Report.AssessedDocument> documents(UUID assessmentId, Workflow workflow) {
		Map<UUID, String> buckets = workflow.buckets()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Workflow.Bucket::id, Workflow.Bucket::name));
		Map<UUID, String> names = new java.util.HashMap<>();
		return this.assessments.documents(assessmentId)
			.stream()
			.map(document -> new Report.AssessedDocument(document.fileName(),
					buckets.getOrDefault(document.bucketId(), "(removed bucket)"), document.pageCount(),
					document.sha256(),
					document.uploadedBy() == null ? null : names.computeIfAbsent(document.uploadedBy(), this::nameOf),
					document.uploadedAt()))
			.toList();
	}

	/** A report file: its name (the submission's reference, run and date) and bytes. */
	public record File(String name, byte[] content) {
	}

	/** The report's words in the reader's language. */
	public ReportWords words(Locale locale) {
		return new ReportWords(this.messages, locale);
	}

	/** The report as PDF in the reader's language, its download audited. */
	public File pdf(UUID assessmentId, Locale locale) {
		return pdf(downloaded(assessmentId, "pdf"), locale);
	}

	/** A report already gathered (one opened through a share link), as PDF. */
	public File pdf(Report report, Locale locale) {
		return new File(report.fileName() + ".pdf", ReportPdf.render(report, words(locale)));
	}

	/** The report as CSV, its cells in the reader's language, its download audited. */
	public File csv(UUID assessmentId, Locale locale) {
		Report report = downloaded(assessmentId, "csv");
		return new File(report.fileName() + ".csv",
				ReportCsv.render(report, words(locale)).getBytes(StandardCharsets.UTF_8));
	}

	/** The report as an Excel workbook in the reader's language, its download audited. */
	public File xlsx(UUID assessmentId, Locale locale) {
		Report report = downloaded(assessmentId, "xlsx");
		return new File(report.fileName() + ".xlsx", ReportXlsx.render(report, words(locale)));
	}

	/** The report, with an audit entry saying who took it away in which format. */
	private Report downloaded(UUID assessmentId, String format) {
		Report report = report(assessmentId);
		this.transactions.executeWithoutResult(
				tx -> this.audit.record("report_downloaded", "assessment", assessmentId, Map.of("format", format)));
		return report;
	}

	/** A share link as its maker sees it; the token is known only at creation. */
	public record Share(UUID id, @Nullable String token, Instant createdAt, Instant expiresAt,
			@Nullable Instant revokedAt, boolean active) {
	}

	/**
	 * Makes a link to the assessment's report.
	 * @param days how long it works, 1 to 30; 7 when not given
	 */
	@Transactional
	public Share share(UUID assessmentId, @Nullable Integer days) {
		int lasting = days == null ? DEFAULT_SHARE_DAYS : days;
		if (lasting < 1 || lasting > LONGEST_SHARE_DAYS) {
			throw InvalidInputException.of("expires_in_days", Wording.of("field.between", 1, LONGEST_SHARE_DAYS));
		}
		completed(assessmentId);
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		Share share = this.db.sql("""
				insert into report_shares (organization_id, assessment_id, token_hash, created_by, expires_at)
				values (?, ?, ?, ?, now() + ? * interval '1 day')
				returning id, created_at, expires_at
				""")
			.params(tenant.organizationId(), assessmentId, hash(token), tenant.userId(), lasting)
			.query((rs, n) -> new Share(rs.getObject(1, UUID.class), token, rs.getTimestamp(2).toInstant(),
					rs.getTimestamp(3).toInstant(), null, true))
			.single();
		this.audit.record("report_shared", "assessment", assessmentId,
				Map.of("share_id", share.id(), "expires_at", share.expiresAt().toString()));
		return share;
	}

	@Transactional(readOnly = true)
	public List<Share> shares(UUID assessmentId) {
		this.assessments.find(assessmentId);
		return this.db.sql("""
				select id, created_at, expires_at, revoked_at, revoked_at is null and expires_at > now()
				  from report_shares where assessment_id = ? order by created_at desc
				""")
			.param(assessmentId)
			.query((rs, n) -> new Share(rs.getObject(1, UUID.class), null, rs.getTimestamp(2).toInstant(),
					rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
					rs.getBoolean(5)))
			.list();
	}

	/** Ends a link at once; revoking it again changes nothing. */
	@Transactional
	public void revoke(UUID assessmentId, UUID shareId) {
		this.assessments.find(assessmentId);
		int revoked = this.db.sql("""
				update report_shares set revoked_at = now(), revoked_by = ?
				 where id = ? and assessment_id = ? and revoked_at is null
				""").params(this.tenants.current().orElseThrow().userId(), shareId, assessmentId).update();
		if (revoked == 0) {
			boolean exists = this.db.sql("select count(*) from report_shares where id = ? and assessment_id = ?")
				.params(shareId, assessmentId)
				.query(Long.class)
				.single() > 0;
			if (!exists) {
				throw new NotFoundException("Share link");
			}
			return;
		}
		this.audit.record("report_share_revoked", "assessment", assessmentId, Map.of("share_id", shareId));
	}

	/** The report a live share link opens, as read-only, with the visit audited. */
	public record Opened(Report report, UUID shareId, Instant expiresAt) {
	}

	/**
	 * The report behind a live share link, with the visit audited; nothing for an
	 * unknown, expired or revoked one ({@link #unavailable(String)} says which).
	 */
	public Optional<Opened> open(String token) {
		return shared(token, (report, link) -> {
			// The visitor's address and browser are recorded with the entry, as for any.
			this.transactions.executeWithoutResult(tx -> this.audit.record("report_viewed_publicly", "assessment",
					report.id(), Map.of("share_id", link.shareId())));
			return new Opened(report, link.shareId(), link.expiresAt());
		});
	}

	/** A live share link: which one, and until when it works. */
	private record Link(UUID shareId, Instant expiresAt) {
	}

	/**
	 * One evidence item of a shared report as its recipient sees it: the quote and where
	 * it stands, and the pages it is on (only those can be opened).
	 */
	public record SharedEvidence(Report report, Results.Result result, Results.EvidenceItem item,
			Results.EvidenceLocation location, List<Integer> pages) {
	}

	/**
	 * Evidence item {@code index} of a result of the report behind a live share link,
	 * with the view audited; empty for an unknown, expired or revoked link, an unknown
	 * result or item, or evidence without pages.
	 */
	public Optional<SharedEvidence> sharedEvidence(String token, UUID resultId, int index, Locale locale) {
		return shared(token, (report, link) -> {
			Results.Result result = report.results()
				.stream()
				.filter(candidate -> candidate.id().equals(resultId))
				.findFirst()
				.orElse(null);
			if (result == null || index < 0 || index >= result.evidenceItems().size()) {
				return null;
			}
			Results.EvidenceItem item = Results.EvidenceItem.of(result.evidenceItems().get(index));
			if (item.page() == null || item.documentId() == null) {
				return null;
			}
			Results.EvidenceLocation location = this.transactions
				.execute(tx -> this.results.evidence(new io.assay.assessment.AssessmentId(report.id()),
						new io.assay.assessment.ResultId(resultId), index, locale));
			List<Integer> pages = new ArrayList<>();
			for (int page = item.page(); page <= (item.endPage() == null ? item.page() : item.endPage()); page++) {
				pages.add(page);
			}
			return new SharedEvidence(report, result, item, location, List.copyOf(pages));
		});
	}

	/**
	 * A page cited by evidence item {@code index}, as a PNG; empty unless the link is
	 * live and the page is one the evidence cites.
	 */
	public Optional<byte[]> sharedEvidencePage(String token, UUID resultId, int index, int page) {
		// Only where the evidence is matters here, not how it is worded.
		Optional<SharedEvidence> evidence = sharedEvidence(token, resultId, index, Locale.ENGLISH);
		if (evidence.isEmpty() || !evidence.get().pages().contains(page)) {
			return Optional.empty();
		}
		return shared(token, (report, link) -> {
			try {
				return this.documents.pageImage(evidence.get().location().documentId(), page);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
	}

	/**
	 * Why a share link opens nothing: a revoked or expired link says so (410), any other
	 * is not found.
	 */
	public RuntimeException unavailable(String token) {
		Optional<Map<String, Object>> state = this.db.sql("select state, since from assay_share_link_state(?)")
			.param(hash(token))
			.query()
			.listOfRows()
			.stream()
			.findFirst();
		if (state.isEmpty() || "active".equals(state.get().get("state"))) {
			return new NotFoundException("Report");
		}
		// Written the same in every language: 2026-12-02 10:44 UTC.
		String since = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.withZone(java.time.ZoneOffset.UTC)
			.format(((java.sql.Timestamp) state.get().get("since")).toInstant());
		return new GoneException(Wording
			.of("revoked".equals(state.get().get("state")) ? "problem.share-revoked" : "problem.share-expired", since));
	}

	/**
	 * Runs {@code work} on the report behind a live share link, bound to its
	 * organisation; empty for an unknown, expired or revoked link.
	 */
	private <T> Optional<T> shared(String token, java.util.function.BiFunction<Report, Link, @Nullable T> work) {
		Optional<Map<String, Object>> row = this.db
			.sql("select share_id, organization_id, assessment_id, expires_at from assay_shared_report(?)")
			.param(hash(token))
			.query()
			.listOfRows()
			.stream()
			.findFirst();
		if (row.isEmpty()) {
			return Optional.empty();
		}
		UUID organization = (UUID) row.get().get("organization_id");
		UUID assessment = (UUID) row.get().get("assessment_id");
		Link link = new Link((UUID) row.get().get("share_id"),
				((java.sql.Timestamp) row.get().get("expires_at")).toInstant());
		return Optional.ofNullable(this.tenants.callAs(organization, null, () -> work.apply(report(assessment), link)));
	}

	private Assessment completed(UUID assessmentId) {
		Assessment assessment = this.assessments.find(assessmentId);
		if (!"completed".equals(assessment.status())) {
			throw new ConflictException(Wording.of("problem.report-not-ready", assessment.status()));
		}
		return assessment;
	}

	private @Nullable String nameOf(@Nullable UUID user) {
		if (user == null) {
			return null;
		}
		try {
			return this.users.find(user).name();
		}
		catch (NotFoundException ex) {
			return null;
		}
	}

	private static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
