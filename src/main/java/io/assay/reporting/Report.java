package io.assay.reporting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.assay.assessment.Assessment;
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
		List<String> missingBuckets, List<Results.Result> results, Instant generatedAt) {

	public UUID id() {
		return this.assessment.id();
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
	 * An evidence item as one line: "file, page 3, 3.2 Test results: "quote"" (and if
	 * unverified).
	 */
	public static String evidence(tools.jackson.databind.JsonNode item) {
		StringBuilder line = new StringBuilder(item.path("file_name").asString(""));
		if (!item.path("page").isNull() && !item.path("page").isMissingNode()) {
			line.append(", page ").append(item.path("page").asInt());
		}
		if (!item.path("section").isNull() && !item.path("section").isMissingNode()) {
			line.append(", ").append(item.path("section").asString());
		}
		line.append(": \u201c").append(item.path("quote").asString()).append('\u201d');
		if (!item.path("verified").asBoolean()) {
			line.append(" (unverified: not found in the documents)");
		}
		return line.toString();
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
