package io.assay.reporting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.assessment.Assessment;
import io.assay.assessment.ResultComments;
import io.assay.assessment.Results;
import io.assay.assessment.SignOffs;
import io.assay.assessment.Submission;
import org.jspecify.annotations.Nullable;

/**
 * Everything a report shows, gathered once: the cover (submission, workflow and version,
 * organisation, assessment, dates, who ran, who reviewed, the sign-off) and every
 * criterion's result, failed first, as on the results page.
 */
public record Report(Assessment assessment, Submission submission, String workflowName, int workflowVersion,
		String organizationName, @Nullable String ranBy, List<String> reviewedBy, SignOffs.@Nullable SignOff signOff,
		List<String> missingBuckets, List<Results.Result> results, Instant generatedAt,
		List<AssessedDocument> documents, Map<UUID, String> criteriaWording,
		Map<UUID, List<ResultComments.Comment>> comments) {

	/** A document of the run, as the report lists it. */
	public record AssessedDocument(String fileName, String bucket, @Nullable Integer pages, String sha256,
			String uploadedBy, Instant uploadedAt) {
	}

	public UUID id() {
		return this.assessment.id();
	}

	/** How many criteria a person has reviewed. */
	public long reviewed() {
		return this.results.stream().filter(result -> result.review() != null).count();
	}

	/**
	 * The name a downloaded report gets: the submission's reference, the run and the
	 * date, in characters every file system takes ("NB-2026-014-run-2-2026-12-02").
	 */
	public String fileName() {
		String reference = java.text.Normalizer.normalize(this.submission.reference(), java.text.Normalizer.Form.NFKD)
			.replaceAll("\\p{M}+", "")
			.replace("Ł", "L")
			.replace("ł", "l")
			.replace("Ø", "O")
			.replace("ø", "o")
			.replace("Đ", "D")
			.replace("đ", "d")
			.replace("ß", "ss")
			.replaceAll("[^A-Za-z0-9._-]+", "-")
			.replaceAll("^[-.]+|[-.]+$", "");
		return (reference.isEmpty() ? "assessment" : reference) + "-run-" + this.assessment.runNumber() + "-"
				+ this.generatedAt.atZone(java.time.ZoneOffset.UTC).toLocalDate();
	}

	/** The AI's verdict, apart from any review. */
	public static String aiVerdict(Results.Result result) {
		return result.aiPass() == null ? "Not decided" : (result.aiPass() ? "Passed" : "Failed");
	}

	/** The verdict as the report words it. */
	public static String verdict(Results.Result result) {
		if (result.needsReview()) {
			return result.pass() == null ? "Not decided (needs review)"
					: (result.pass() ? "Passed, needs review" : "Failed, needs review");
		}
		return Boolean.TRUE.equals(result.pass()) ? "Passed" : "Failed";
	}

	/**
	 * An evidence item as one line: "file, page 3, 3.2 Test results: "quote"", then what
	 * the check found when it is not proof (weak, differing with the document's words, or
	 * not found), and the sentence the quote stands in.
	 */
	public static String evidence(tools.jackson.databind.JsonNode stored) {
		Results.EvidenceItem item = Results.EvidenceItem.of(stored);
		StringBuilder line = new StringBuilder(item.fileName());
		if (!item.pages().isEmpty()) {
			line.append(", ").append(item.pages());
		}
		if (item.section() != null) {
			line.append(", ").append(item.section());
		}
		line.append(": \u201c").append(item.quote()).append('\u201d');
		switch (item.strength()) {
			case "weak" -> line.append(" (weak evidence, not proof");
			case "differs" -> line.append(" (differs from the document");
			case "not_found" -> line.append(" (unverified: not found in the documents");
			default -> line.append(" (verified");
		}
		if (item.hasContext()) {
			line.append(item.strength().equals("differs") ? "; the document says: \u201c" : "; in context: \u201c")
				.append(item.before())
				.append(item.text())
				.append(item.after())
				.append('\u201d');
		}
		return line.append(')').toString();
	}

	/** A review as one line, or empty. */
	public static String review(Results.Result result) {
		Results.Review review = result.review();
		if (review == null) {
			return "";
		}
		String who = review.reviewedBy() == null ? "a former user" : review.reviewedBy().name();
		String ai = result.aiPass() == null ? "undecided" : (result.aiPass() ? "passed" : "failed");
		return (review.decision().equals("overrule") ? "Overruled (the AI said " + ai + ")" : "Confirmed") + " by "
				+ who + " on " + review.reviewedAt().toString().substring(0, 16).replace('T', ' ') + " UTC"
				+ (review.comment() == null ? "" : ": " + review.comment());
	}

}
