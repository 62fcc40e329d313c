package io.assay.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * One run of a workflow version against a submission's documents, as the API shows it.
 *
 * @param runNumber the run's place in its submission, from 1
 * @param runStatus {@code queued → running → completed | incomplete}, or {@code failed}
 * or {@code cancelled}
 * @param reviewState {@code not_started → in_review → signed_off}
 * @param missingBucketIds required buckets it was started without, as confirmed
 * @param resultsArchivedAt since when its results are kept in the archive (read from
 * there as they are; put back when changed); null while they are live
 * @param errorMessage why it failed or is incomplete, in English
 * @param errorWording the same as Assay worded it, for readers of other languages; null
 * when it was not worded (a fault's own message, or a run ended before wordings were
 * kept)
 * @param resultsVersion changes whenever its results change (never back to a value it
 * had), so that results read at this version are known to be still current
 */
public record Assessment(UUID id, UUID submissionId, int runNumber, UUID workflowId, int workflowVersion,
		RunStatus runStatus, String reviewState, Progress progress, @Nullable String errorMessage,
		@Nullable Instant startedAt, @Nullable Instant completedAt, @Nullable Integer durationMs, int aiCostCents,
		Summary summary, @Nullable UUID previousAssessmentId, @Nullable UUID createdBy, Instant createdAt,
		List<UUID> missingBucketIds, @Nullable Instant resultsArchivedAt, @JsonIgnore @Nullable Wording errorWording,
		@JsonIgnore long resultsVersion) {

	/**
	 * Why the run ended as it did, in the reader's language when Assay worded it; else as
	 * recorded.
	 */
	public @Nullable String errorMessage(MessageSource messages, Locale locale) {
		return this.errorWording == null ? this.errorMessage : this.errorWording.in(messages, locale);
	}

	/** Criteria checked so far, of all the workflow version's criteria. */
	public record Progress(int done, int total) {
	}

	/** Verdicts so far; criteria without a verdict yet are in neither count. */
	public record Summary(int passed, int failed, int needsReview, int total) {
	}

	/**
	 * The status in the words of the assessments API as first published: {@code pending},
	 * {@code processing}, {@code completed} (also when incomplete), {@code failed} (also
	 * when cancelled).
	 */
	@com.fasterxml.jackson.annotation.JsonProperty("status")
	public String status() {
		return this.runStatus.apiStatus();
	}

	public boolean isFinished() {
		return this.runStatus.isFinished();
	}

}
