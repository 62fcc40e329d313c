package io.assay.evaluation;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the judges did, for {@code /actuator/prometheus}: criteria judged by verdict,
 * calls and their latency, tokens and cost by model, and time spent waiting for the
 * provider's limits.
 */
@Component
class JudgeMeters {

	private final MeterRegistry registry;

	JudgeMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Meters that go nowhere: for the accuracy command and for tests of the engine. */
	static JudgeMeters unregistered() {
		return new JudgeMeters(new SimpleMeterRegistry());
	}

	/**
	 * A criterion decided (or not): {@code verdict} passed, failed or undecided,
	 * {@code cached} when the answer came from the cache without a call.
	 */
	void judged(String judge, @Nullable Boolean pass, boolean cached) {
		Counter.builder("assay.criteria.judged")
			.description("Criteria judged, by judge, verdict and whether the answer was cached")
			.tag("judge", judge)
			.tag("verdict", pass == null ? "undecided" : pass ? "passed" : "failed")
			.tag("cached", Boolean.toString(cached))
			.register(this.registry)
			.increment();
	}

	/** A call to the judge: {@code outcome} answered, failed or unavailable. */
	void called(String judge, String outcome, Duration took) {
		Timer.builder("assay.judge.calls")
			.description("Calls to the judge and how long they took")
			.tag("judge", judge)
			.tag("outcome", outcome)
			.register(this.registry)
			.record(took);
	}

	/** What an answered call used and cost. */
	void used(CriterionJudge.@Nullable TokenUsage usage, long costMillicents) {
		if (usage == null) {
			return;
		}
		tokens(usage.model(), "input", usage.input());
		tokens(usage.model(), "output", usage.output());
		tokens(usage.model(), "cache_read", usage.cacheRead());
		tokens(usage.model(), "cache_write", usage.cacheWrite());
		Counter.builder("assay.judge.cost")
			.description("The judges' cost in thousandths of a cent, by model")
			.baseUnit("millicents")
			.tag("model", usage.model())
			.register(this.registry)
			.increment(costMillicents);
	}

	private void tokens(String model, String kind, long count) {
		Counter.builder("assay.judge.tokens")
			.description("Tokens the judges used, by model and kind")
			.tag("model", model)
			.tag("kind", kind)
			.register(this.registry)
			.increment(count);
	}

	/** Time a call waited for the provider's limits (shared by every copy). */
	void waited(String judge, Duration waited) {
		Timer.builder("assay.judge.limit.waits")
			.description("Time calls waited for the provider's limits before being admitted")
			.tag("judge", judge)
			.register(this.registry)
			.record(waited);
	}

}
