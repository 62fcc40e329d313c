package io.assay.assessment;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What the assessments and the job queue do, for {@code /actuator/prometheus}: runs ended
 * by outcome and how long they took, job retries, and the queue: jobs due and waiting,
 * and how long the oldest has waited (what an operator adds copies for).
 */
@Component
class AssessmentMeters {

	/** A scrape every few seconds asks the queue at most this often. */
	private static final Duration QUEUE_FRESH = Duration.ofSeconds(5);

	private final MeterRegistry registry;

	private final JdbcClient db;

	private volatile @Nullable Queue queue;

	/** The jobs due and not yet taken, and the wait of the oldest, when asked. */
	private record Queue(long waiting, double oldestSeconds, Instant asked) {
	}

	AssessmentMeters(MeterRegistry registry, JdbcClient db) {
		this.registry = registry;
		this.db = db;
		Gauge.builder("assay.jobs.waiting", this, meters -> meters.queue().waiting())
			.description("Jobs due and not yet taken by any copy")
			.register(registry);
		Gauge.builder("assay.jobs.oldest.waiting", this, meters -> meters.queue().oldestSeconds())
			.description("How long the oldest job due has waited to be taken")
			.baseUnit("seconds")
			.register(registry);
	}

	/** Counted once the end is committed: a rolled-back end did not happen. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void ended(AssessmentEnded ended) {
		Counter.builder("assay.assessments.ended")
			.description("Assessments ended, by outcome")
			.tag("outcome", ended.status())
			.register(this.registry)
			.increment();
		if (ended.took() != null) {
			Timer.builder("assay.assessment.duration")
				.description("How long assessments ran, from start to end, by outcome")
				.tag("outcome", ended.status())
				.register(this.registry)
				.record(ended.took());
		}
	}

	/** A job that failed and is tried again later; {@code task} says which kind. */
	void retried(String task) {
		Counter.builder("assay.jobs.retries")
			.description("Jobs that failed and were scheduled again")
			.tag("task", task)
			.register(this.registry)
			.increment();
	}

	private Queue queue() {
		Queue known = this.queue;
		if (known != null && known.asked().plus(QUEUE_FRESH).isAfter(Instant.now())) {
			return known;
		}
		Queue asked;
		try {
			asked = this.db.sql("""
					select count(*), coalesce(extract(epoch from now() - min(execution_time)), 0)
					  from scheduled_tasks where not picked and execution_time <= now()
					""").query((rs, n) -> new Queue(rs.getLong(1), rs.getDouble(2), Instant.now())).single();
		}
		catch (DataAccessException ex) {
			// The database is away: the figures are unknown, not zero.
			asked = new Queue(-1, Double.NaN, Instant.now());
		}
		this.queue = asked;
		return asked;
	}

}
