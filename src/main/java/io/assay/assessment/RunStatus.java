package io.assay.assessment;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a run of a submission stands, and the only moves it may make: queued → running
 * (again, when a job resumes after a crash) → completed, or incomplete when some criteria
 * could not be answered; queued or running → failed (after its attempts) or cancelled.
 * The three ends are final. Stored as {@link #value()} in {@code assessments.status}.
 */
public enum RunStatus {

	QUEUED("queued", "pending"), RUNNING("running", "processing"), COMPLETED("completed", "completed"),
	INCOMPLETE("incomplete", "completed"), FAILED("failed", "failed"), CANCELLED("cancelled", "failed");

	private final String value;

	private final String apiStatus;

	RunStatus(String value, String apiStatus) {
		this.value = value;
		this.apiStatus = apiStatus;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * The status in the words of the assessments API as it was first published
	 * ({@code pending}, {@code processing}, {@code completed}, {@code failed}), which its
	 * clients rely on.
	 */
	public String apiStatus() {
		return this.apiStatus;
	}

	/** Ended: nothing more will happen to it. */
	public boolean isFinished() {
		return this == COMPLETED || this == INCOMPLETE || this == FAILED || this == CANCELLED;
	}

	/** Ended with every criterion judged or reported as not answered. */
	public boolean hasResults() {
		return this == COMPLETED || this == INCOMPLETE;
	}

	/** The statuses a run may move to this one from. */
	public Set<RunStatus> allowedFrom() {
		return switch (this) {
			// An incomplete run is queued again to ask its unanswered criteria.
			case QUEUED -> EnumSet.of(INCOMPLETE);
			case RUNNING -> EnumSet.of(QUEUED, RUNNING);
			case COMPLETED, INCOMPLETE -> EnumSet.of(RUNNING);
			case FAILED, CANCELLED -> EnumSet.of(QUEUED, RUNNING);
		};
	}

	public boolean mayMoveTo(RunStatus next) {
		return next.allowedFrom().contains(this);
	}

	/**
	 * The move to {@code next}, or why it is refused.
	 * @throws IllegalMove when the run may not move there from here
	 */
	public RunStatus moveTo(RunStatus next) {
		if (!mayMoveTo(next)) {
			throw new IllegalMove(this, next);
		}
		return next;
	}

	/**
	 * The SQL list of the statuses a run may move to this one from, for a conditional
	 * update: {@code 'queued', 'running'}. Values are this enum's own, never input.
	 */
	String sqlAllowedFrom() {
		return allowedFrom().stream().map(status -> "'" + status.value + "'").collect(Collectors.joining(", "));
	}

	public static RunStatus of(String value) {
		return Arrays.stream(values())
			.filter(status -> status.value.equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown run status " + value));
	}

	/** A move the run's life does not allow. */
	public static final class IllegalMove extends RuntimeException {

		private final RunStatus from;

		private final RunStatus to;

		IllegalMove(RunStatus from, RunStatus to) {
			super("A run that is " + from.value + " cannot become " + to.value);
			this.from = from;
			this.to = to;
		}

		public RunStatus from() {
			return this.from;
		}

		public RunStatus to() {
			return this.to;
		}

	}

}
