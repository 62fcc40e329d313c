package io.assay.assessment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Runs' results as last read, kept by the version of the results they were read at
 * ({@code assessments.results_version}, which every change to a run's results moves to a
 * value never used before): a run shown again whose version is the one kept needs its
 * row, not its 200 results read and parsed again. Whatever else a result shows is kept
 * with it and compared: the workflow version, the documents of the run, the reviewers'
 * names.
 */
final class KeptResults {

	/**
	 * A result read takes a few kilobytes (its reasoning, its evidence with the text
	 * around each quote): one is kept for every 50 KB of heap, no more than 20,000 (at
	 * 512 MB, 50 runs of 200 criteria in some 25 MB); the run least recently shown goes
	 * first.
	 */
	private static final long KEPT_RESULTS = Math.min(20_000, Runtime.getRuntime().maxMemory() / (50 * 1024));

	/**
	 * One run's results as read at {@code version}: {@code unnamed} as the database holds
	 * them, {@code results} with the reviewers' names as they were.
	 */
	record Run(long version, UUID workflowId, int workflowVersion, List<Assessments.AssessedDocument> assessed,
			List<Results.Result> unnamed, Map<UUID, String> reviewers, List<Results.Result> results) {

		boolean readAt(Assessment assessment, io.assay.workflow.Workflow workflow,
				List<Assessments.AssessedDocument> documents) {
			return this.version == assessment.resultsVersion() && this.workflowId.equals(workflow.id())
					&& this.workflowVersion == workflow.version() && this.assessed.equals(documents);
		}

	}

	private final LinkedHashMap<UUID, Run> runs = new LinkedHashMap<>(64, 0.75f, true);

	private long results;

	synchronized @Nullable Run get(UUID assessmentId) {
		return this.runs.get(assessmentId);
	}

	synchronized void put(UUID assessmentId, Run run) {
		Run before = this.runs.put(assessmentId, run);
		this.results += run.results().size() - (before == null ? 0 : before.results().size());
		var eldest = this.runs.values().iterator();
		while (this.results > KEPT_RESULTS && eldest.hasNext()) {
			this.results -= eldest.next().results().size();
			eldest.remove();
		}
	}

}
