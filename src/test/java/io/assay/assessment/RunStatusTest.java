package io.assay.assessment;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static io.assay.assessment.RunStatus.CANCELLED;
import static io.assay.assessment.RunStatus.COMPLETED;
import static io.assay.assessment.RunStatus.FAILED;
import static io.assay.assessment.RunStatus.INCOMPLETE;
import static io.assay.assessment.RunStatus.QUEUED;
import static io.assay.assessment.RunStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run's life, every move allowed and refused, without Spring or a database. */
class RunStatusTest {

	/** From each status, where a run may go; everything else is refused. */
	private static final Map<RunStatus, Set<RunStatus>> ALLOWED = Map.of(QUEUED, EnumSet.of(RUNNING, FAILED, CANCELLED),
			RUNNING, EnumSet.of(RUNNING, COMPLETED, INCOMPLETE, FAILED, CANCELLED), COMPLETED,
			EnumSet.noneOf(RunStatus.class), INCOMPLETE, EnumSet.of(QUEUED), FAILED, EnumSet.noneOf(RunStatus.class),
			CANCELLED, EnumSet.noneOf(RunStatus.class));

	@Test
	void everyMoveIsAllowedOrRefusedAsTheLifeSays() {
		for (RunStatus from : RunStatus.values()) {
			for (RunStatus to : RunStatus.values()) {
				boolean allowed = ALLOWED.get(from).contains(to);
				assertThat(from.mayMoveTo(to)).as("%s → %s", from, to).isEqualTo(allowed);
				if (allowed) {
					assertThat(from.moveTo(to)).isEqualTo(to);
				}
				else {
					assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(RunStatus.IllegalMove.class)
						.hasMessage("A run that is " + from.value() + " cannot become " + to.value());
				}
			}
		}
	}

	@Test
	void theEndsAreFinalAndOnlyCompletedOrIncompleteRunsHaveResults() {
		assertThat(EnumSet.allOf(RunStatus.class)).filteredOn(RunStatus::isFinished)
			.containsExactlyInAnyOrder(COMPLETED, INCOMPLETE, FAILED, CANCELLED);
		assertThat(EnumSet.allOf(RunStatus.class)).filteredOn(RunStatus::hasResults)
			.containsExactlyInAnyOrder(COMPLETED, INCOMPLETE);
	}

	@Test
	void theApiKeepsTheWordsItWasPublishedWith() {
		assertThat(QUEUED.apiStatus()).isEqualTo("pending");
		assertThat(RUNNING.apiStatus()).isEqualTo("processing");
		assertThat(COMPLETED.apiStatus()).isEqualTo("completed");
		assertThat(INCOMPLETE.apiStatus()).isEqualTo("completed");
		assertThat(FAILED.apiStatus()).isEqualTo("failed");
		assertThat(CANCELLED.apiStatus()).isEqualTo("failed");
	}

	@Test
	void theConditionalUpdatesListExactlyTheStatusesAMoveIsAllowedFrom() {
		assertThat(RUNNING.sqlAllowedFrom()).isEqualTo("'queued', 'running'");
		assertThat(COMPLETED.sqlAllowedFrom()).isEqualTo("'running'");
		assertThat(CANCELLED.sqlAllowedFrom()).isEqualTo("'queued', 'running'");
		for (RunStatus status : RunStatus.values()) {
			assertThat(RunStatus.of(status.value())).isEqualTo(status);
		}
		assertThatThrownBy(() -> RunStatus.of("pending")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aVerdictOwnsWhetherAPersonStillHasToDecide() {
		assertThat(Verdict.of(null, true, "high", true)).isEqualTo(new Verdict.Passed(false));
		assertThat(Verdict.of(null, false, "medium", true)).isEqualTo(new Verdict.Failed(false));
		assertThat(Verdict.of(null, true, "low", true)).isEqualTo(new Verdict.Undecided(true));
		assertThat(Verdict.of(null, null, "low", true)).isEqualTo(new Verdict.Undecided(null));
		assertThat(Verdict.of(null, null, "low", false)).isEqualTo(new Verdict.NotAnswered());
		assertThat(Verdict.of(true, null, "low", false)).as("a person decides even what was not answered")
			.isEqualTo(new Verdict.Passed(true));
		assertThat(Verdict.of(false, true, "high", true)).isEqualTo(new Verdict.Failed(true));

		assertThat(Verdict.of(null, true, "high", true).needsReview()).isFalse();
		assertThat(Verdict.of(null, true, "low", true).needsReview()).isTrue();
		assertThat(new Verdict.NotAnswered().needsReview()).isTrue();
	}

}
