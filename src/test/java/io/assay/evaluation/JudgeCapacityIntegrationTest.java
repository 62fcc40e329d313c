package io.assay.evaluation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.assay.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two copies of the service share nothing but the database; each capacity here stands for
 * one of them.
 */
class JudgeCapacityIntegrationTest extends IntegrationTest {

	/** The copies made by a test, stopped after it: each renews its calls' leases. */
	private final List<JudgeCapacity> copies = new ArrayList<>();

	private JudgeCapacity copy(EvaluationProperties.Limits limits) {
		JudgeCapacity copy = new JudgeCapacity(this.context.getBean(JdbcClient.class),
				this.context.getBean(TransactionTemplate.class), limits, JudgeMeters.unregistered());
		this.copies.add(copy);
		return copy;
	}

	@AfterEach
	void stopCopies() {
		this.copies.forEach(JudgeCapacity::close);
	}

	@Test
	void twoCopiesTogetherNeverExceedTheCallsAtOnce() throws Exception {
		EvaluationProperties.Limits limits = new EvaluationProperties.Limits(3, 10_000, 100_000_000,
				Duration.ofMinutes(10));
		List<JudgeCapacity> copies = List.of(copy(limits), copy(limits));
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		AtomicInteger calls = new AtomicInteger();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				JudgeCapacity capacity = copies.get(i % 2);
				done.add(threads.submit(() -> {
					JudgeCapacity.Call call = capacity.admit("stand-in:calls-at-once", 100);
					try {
						most.accumulateAndGet(running.incrementAndGet(), Math::max);
						Thread.sleep(50);
						calls.incrementAndGet();
					}
					finally {
						running.decrementAndGet();
						call.finished(100);
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		assertThat(calls).hasValue(24);
		assertThat(most.get()).isEqualTo(3);
	}

	@Test
	void requestsAndTokensPerMinuteHoldAcrossCopies() throws Exception {
		JudgeCapacity first = copy(new EvaluationProperties.Limits(100, 3, 100_000_000, Duration.ofMinutes(10)));
		JudgeCapacity second = copy(new EvaluationProperties.Limits(100, 3, 100_000_000, Duration.ofMinutes(10)));
		first.admit("stand-in:requests", 10).finished(10);
		second.admit("stand-in:requests", 10).finished(10);
		first.admit("stand-in:requests", 10).finished(10);
		CompletableFuture<JudgeCapacity.Call> fourth = admitLater(second, "stand-in:requests", 10);
		// Waiting, not refused: it goes once the minute of the first three has passed.
		Thread.sleep(500);
		assertThat(fourth).isNotDone();
		minuteLater("stand-in:requests");
		assertThat(fourth.get()).isNotNull();

		JudgeCapacity tokens = copy(new EvaluationProperties.Limits(100, 1000, 5_000, Duration.ofMinutes(10)));
		tokens.admit("stand-in:tokens", 3_000).finished(4_000);
		CompletableFuture<JudgeCapacity.Call> over = admitLater(copy(tokens.limits()), "stand-in:tokens", 1_500);
		Thread.sleep(500);
		assertThat(over).as("4,000 counted + 1,500 asked > 5,000 a minute").isNotDone();
		minuteLater("stand-in:tokens");
		assertThat(over.get()).isNotNull();
	}

	@Test
	void aLongCallKeepsItsPlaceWhileItsCopyLives() throws Exception {
		EvaluationProperties.Limits limits = new EvaluationProperties.Limits(1, 1000, 100_000_000,
				Duration.ofMillis(300));
		JudgeCapacity.Call longCall = copy(limits).admit("stand-in:renewed", 10);
		CompletableFuture<JudgeCapacity.Call> next = admitLater(copy(limits), "stand-in:renewed", 10);
		// Three leases long: renewed all along, the place stays taken.
		Thread.sleep(1_000);
		assertThat(next).isNotDone();
		longCall.finished(10);
		assertThat(next.get()).isNotNull();
	}

	@Test
	void theCallsOfACopyThatDiedFreeTheirPlaceWhenTheLeaseEnds() throws Exception {
		EvaluationProperties.Limits limits = new EvaluationProperties.Limits(1, 1000, 100_000_000,
				Duration.ofMillis(300));
		JudgeCapacity dying = copy(limits);
		dying.admit("stand-in:lease", 10);
		// Never finished, never renewed again: its copy was killed.
		dying.close();
		assertThat(copy(limits).admit("stand-in:lease", 10)).isNotNull();
	}

	private static CompletableFuture<JudgeCapacity.Call> admitLater(JudgeCapacity capacity, String judge, long tokens) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return capacity.admit(judge, tokens);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}, Executors.newVirtualThreadPerTaskExecutor());
	}

	@Test
	void anAdmissionReadsOnlyTheCallsThatCountHoweverManyWereMade() {
		String judge = "stand-in:busy";
		// An hour of calls at 20 a second, all ended but the last five (old calls are
		// removed every few seconds; a table may still hold many, from a copy that died).
		this.database.asOwner().sql("""
				insert into judge_calls (judge, started_at, lease_until, finished_at, tokens)
				select ?, clock_timestamp() - g * interval '50 milliseconds', clock_timestamp() + interval '1 minute',
				       case when g > 5 then clock_timestamp() end, 1000
				  from generate_series(1, 72000) g
				""").param(judge).update();
		this.database.asOwner().sql("analyze judge_calls").update();
		String plan = String.join("\n", this.database.asOwner()
			.sql("explain (analyze, buffers, costs off) " + JudgeCapacity.COUNTS.replace(":judge", "'" + judge + "'"))
			.query(String.class)
			.list());
		long read = java.util.regex.Pattern.compile("Buffers: shared hit=(\\d+)(?: read=(\\d+))?")
			.matcher(plan)
			.results()
			.mapToLong(match -> Long.parseLong(match.group(1))
					+ (match.group(2) == null ? 0 : Long.parseLong(match.group(2))))
			.findFirst() // the top node's: the whole statement's, without its planning
			.orElseThrow();
		assertThat(plan).as(plan).contains("judge_calls_running").contains("judge_calls_by_judge");
		assertThat(read)
			.as("pages read for the counts: the last minute's 1,200 calls and the 5 under way, not all 72,000\n%s",
					plan)
			.isLessThan(100);
	}

	/** Moves the judge's recorded calls a minute into the past. */
	private void minuteLater(String judge) {
		this.database.asOwner()
			.sql("update judge_calls set started_at = started_at - interval '61 seconds' where judge = ?")
			.param(judge)
			.update();
	}

}
