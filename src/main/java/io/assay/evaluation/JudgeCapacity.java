package io.assay.evaluation;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps every copy of the service together within a model provider's limits: calls at
 * once, requests per minute and tokens per minute. The count lives in PostgreSQL
 * ({@code judge_calls}), so the limits hold however many copies run; each admission is
 * one short transaction under an advisory lock of that judge alone (other judges are
 * admitted beside it), reading only the calls under way and those of the last minute from
 * their indexes; the waiting between tries holds no connection. A call counts as running
 * while its lease lasts; the copy renews the leases of its calls, so the places of a copy
 * that dies are free again within one lease.
 */
class JudgeCapacity implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(JudgeCapacity.class);

	/** How long to wait before asking again when only the calls at once are full. */
	private static final Duration POLL = Duration.ofMillis(100);

	private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

	private static final Duration FORGET_EVERY = Duration.ofSeconds(10);

	/**
	 * When this copy last removed old calls; only the lease thread reads and writes it.
	 */
	private long lastForgotten = System.nanoTime();

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final EvaluationProperties.Limits limits;

	private final JudgeMeters meters;

	/** This copy's calls under way, whose leases it renews. */
	private final Set<Long> running = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService renewals;

	/**
	 * This copy never has more calls running than the limit allows all copies, so that at
	 * most that many of its threads ask the database for a place, however many criteria
	 * wait.
	 */
	private final Semaphore local;

	JudgeCapacity(JdbcClient db, TransactionTemplate transactions, EvaluationProperties.Limits limits,
			JudgeMeters meters) {
		this.meters = meters;
		this.db = db;
		this.transactions = transactions;
		this.limits = limits;
		this.local = new Semaphore(limits.concurrentCalls(), true);
		this.renewals = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("judge-call-leases").factory());
		long every = Math.max(100, limits.lease().toMillis() / 3);
		this.renewals.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
	}

	private void renewLeases() {
		forgetOldCalls();
		if (this.running.isEmpty()) {
			return;
		}
		try {
			this.transactions.executeWithoutResult(tx -> this.db.sql("""
					update judge_calls set lease_until = clock_timestamp() + ? * interval '1 millisecond'
					 where id = any(?) and finished_at is null
					""").params(this.limits.lease().toMillis(), this.running.toArray(Long[]::new)).update());
		}
		catch (RuntimeException ex) {
			// Tried again at the next turn; until then the leases last as they are.
			log.warn("Could not renew the leases of the judge's calls: {}", ex.getMessage());
		}
	}

	/**
	 * Removes the calls that count towards no limit any more (ended, or their lease run
	 * out, and started over two minutes ago), every few seconds rather than at every
	 * admission, where it would lengthen the time the judge's lock is held.
	 */
	private void forgetOldCalls() {
		long now = System.nanoTime();
		if (now - this.lastForgotten < FORGET_EVERY.toNanos()) {
			return;
		}
		this.lastForgotten = now;
		try {
			this.transactions.executeWithoutResult(tx -> this.db.sql("""
					delete from judge_calls
					 where started_at < clock_timestamp() - interval '2 minutes'
					   and (finished_at is not null or lease_until < clock_timestamp())
					""").update());
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove the judge's old calls: {}", ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.renewals.shutdownNow();
	}

	EvaluationProperties.Limits limits() {
		return this.limits;
	}

	/** A place taken for one call; give it back with the tokens the provider counted. */
	interface Call {

		void finished(long tokens);

	}

	/**
	 * Waits until the judge may be called within the limits, then takes a place for the
	 * call.
	 * @param judge the judge (its name: provider and model), whose limits these are
	 * @param estimatedTokens the call's tokens as far as they can be known beforehand
	 */
	Call admit(String judge, long estimatedTokens) throws InterruptedException {
		this.local.acquire();
		try {
			return admitted(judge, estimatedTokens);
		}
		catch (InterruptedException | RuntimeException ex) {
			this.local.release();
			throw ex;
		}
	}

	private Call admitted(String judge, long estimatedTokens) throws InterruptedException {
		long waited = 0;
		while (true) {
			Admission admission = this.transactions.execute(tx -> tryAdmit(judge, estimatedTokens));
			if (admission.callId() != null) {
				if (waited > 0) {
					log.debug("Waited {} ms for the {} judge's limits", waited, judge);
				}
				this.meters.waited(judge, java.time.Duration.ofMillis(waited));
				long id = admission.callId();
				this.running.add(id);
				AtomicBoolean open = new AtomicBoolean(true);
				return tokens -> {
					if (!open.getAndSet(false)) {
						return;
					}
					try {
						this.transactions.executeWithoutResult(tx -> this.db
							.sql("update judge_calls set finished_at = clock_timestamp(), tokens = ? where id = ?")
							.params(tokens, id)
							.update());
					}
					finally {
						this.running.remove(id);
						this.local.release();
					}
				};
			}
			// Looked at again at least every second: a place may free up sooner than
			// foreseen (a call finishing with fewer tokens than estimated).
			long pause = Math.clamp(admission.retryInMillis(), POLL.toMillis(), LONGEST_PAUSE.toMillis());
			// Spread out copies that were refused at the same moment.
			pause += (long) (Math.random() * POLL.toMillis());
			Thread.sleep(pause);
			waited += pause;
		}
	}

	private record Admission(Long callId, long retryInMillis) {
	}

	/**
	 * What an admission weighs: each count reads only its own rows from an index, the
	 * calls under way and the calls started in the last minute (the window is fixed when
	 * the statement starts, which the index can use; the judge's lock is held from
	 * before).
	 */
	static final String COUNTS = """
			select (select count(*) from judge_calls
			         where judge = :judge and finished_at is null and lease_until > clock_timestamp()) as running,
			       count(*) as requests, coalesce(sum(tokens), 0) as tokens,
			       coalesce(extract(epoch from min(started_at) + interval '1 minute' - clock_timestamp()) * 1000, 0)
			           as window_frees_in
			  from judge_calls
			 where judge = :judge and started_at > statement_timestamp() - interval '1 minute'
			""";

	private Admission tryAdmit(String judge, long estimatedTokens) {
		this.db.sql("select pg_advisory_xact_lock(hashtext('assay.judge_calls'), hashtext(?))")
			.param(judge)
			.query()
			.singleRow();
		Map<String, Object> recent = this.db.sql(COUNTS).param("judge", judge).query().singleRow();
		long running = ((Number) recent.get("running")).longValue();
		long requests = ((Number) recent.get("requests")).longValue();
		long tokens = ((Number) recent.get("tokens")).longValue();
		long windowFreesIn = ((Number) recent.get("window_frees_in")).longValue();
		if (running >= this.limits.concurrentCalls()) {
			return new Admission(null, POLL.toMillis());
		}
		// A call larger than the whole budget still goes, alone, rather than never.
		boolean tokensFit = requests == 0 || tokens + estimatedTokens <= this.limits.tokensPerMinute();
		if (requests >= this.limits.requestsPerMinute() || !tokensFit) {
			return new Admission(null, windowFreesIn);
		}
		long id = this.db.sql("""
				insert into judge_calls (judge, started_at, lease_until, tokens)
				values (?, clock_timestamp(), clock_timestamp() + ? * interval '1 millisecond', ?) returning id
				""").params(judge, this.limits.lease().toMillis(), estimatedTokens).query(Long.class).single();
		return new Admission(id, 0);
	}

}
