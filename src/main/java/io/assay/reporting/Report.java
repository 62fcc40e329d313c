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
			@Nullable String uploadedBy, Instant uploadedAt) {
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

}
