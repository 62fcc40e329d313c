package io.assay.assessment.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.assay.assessment.Assessment;
import io.assay.assessment.Assessments;
import io.assay.identity.Accounts;
import io.assay.identity.CurrentUser;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.platform.database.DatabaseAnnouncements;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The progress streams of this copy: each open stream follows one run, and is sent its
 * state when the database announces that the run changed (from whichever copy changed
 * it). No thread belongs to a stream: sends run on short-lived virtual threads, and one
 * heartbeat for all streams notices clients that went away and people who signed out.
 */
@Component
class ProgressStreams {

	private static final Logger log = LoggerFactory.getLogger(ProgressStreams.class);

	static final String CHANNEL = "assessment_changed";

	/**
	 * A stream lasts at most this long; the page opens a new one if the run still runs.
	 */
	private static final Duration LIMIT = Duration.ofMinutes(30);

	private final Assessments assessments;

	private final TenantContext tenants;

	private final Accounts accounts;

	private final Map<UUID, Set<Stream>> following = new ConcurrentHashMap<>();

	private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();

	private final ScheduledExecutorService heartbeats = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("progress-heartbeat").factory());

	ProgressStreams(Assessments assessments, TenantContext tenants, Accounts accounts,
			DatabaseAnnouncements announcements, MeterRegistry meters,
			@Value("${assay.progress.heartbeat:15s}") Duration heartbeat) {
		this.assessments = assessments;
		this.tenants = tenants;
		this.accounts = accounts;
		announcements.listen(CHANNEL, new DatabaseAnnouncements.Listener() {

			@Override
			public void announced(String payload) {
				refresh(UUID.fromString(payload));
			}

			@Override
			public void mayHaveMissed() {
				ProgressStreams.this.following.keySet().forEach(ProgressStreams.this::refresh);
			}

		});
		this.heartbeats.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(),
				TimeUnit.MILLISECONDS);
		Gauge.builder("assay.progress.streams", this, ProgressStreams::open)
			.description("Progress streams open on this copy")
			.register(meters);
	}

	/**
	 * A stream of the run's progress for this person: its state now, then each change,
	 * then its final state.
	 * @throws NotFoundException when the run is not one the person may see
	 */
	SseEmitter follow(CurrentUser user, UUID assessmentId) {
		this.assessments.find(assessmentId);
		SseEmitter emitter = new SseEmitter(LIMIT.toMillis());
		Stream stream = new Stream(user, assessmentId, emitter);
		// Followed before its first state is read: a change in between is announced to
		// it.
		this.following.computeIfAbsent(assessmentId, id -> ConcurrentHashMap.newKeySet()).add(stream);
		emitter.onCompletion(() -> forget(stream));
		emitter.onTimeout(() -> forget(stream));
		emitter.onError(error -> forget(stream));
		stream.refresh();
		return emitter;
	}

	/** How many streams are open on this copy. */
	int open() {
		return this.following.values().stream().mapToInt(Set::size).sum();
	}

	private void refresh(UUID assessmentId) {
		for (Stream stream : this.following.getOrDefault(assessmentId, Set.of())) {
			stream.refresh();
		}
	}

	private void beat() {
		this.following.values().forEach(streams -> streams.forEach(stream -> this.sends.execute(stream::beat)));
	}

	private void forget(Stream stream) {
		this.following.computeIfPresent(stream.assessmentId, (id, streams) -> {
			streams.remove(stream);
			return streams.isEmpty() ? null : streams;
		});
	}

	@PreDestroy
	void close() {
		this.heartbeats.shutdownNow();
		this.following.values().forEach(streams -> streams.forEach(stream -> stream.emitter.complete()));
		this.sends.shutdown();
	}

	/** One client's stream. Its sends take turns; a burst of changes makes one send. */
	private final class Stream {

		private final CurrentUser user;

		private final UUID assessmentId;

		private final SseEmitter emitter;

		private final AtomicBoolean queued = new AtomicBoolean();

		private @Nullable Assessment last;

		private boolean ended;

		Stream(CurrentUser user, UUID assessmentId, SseEmitter emitter) {
			this.user = user;
			this.assessmentId = assessmentId;
			this.emitter = emitter;
		}

		void refresh() {
			if (this.queued.compareAndSet(false, true)) {
				ProgressStreams.this.sends.execute(this::send);
			}
		}

		private void send() {
			// Cleared first: a change announced from here on queues the next send.
			this.queued.set(false);
			synchronized (this) {
				if (this.ended) {
					return;
				}
				try {
					if (!stillSignedIn()) {
						return;
					}
					Assessment now = ProgressStreams.this.tenants.callAs(this.user.organizationId(), this.user.userId(),
							() -> ProgressStreams.this.assessments.find(this.assessmentId));
					if (this.last == null || !now.progress().equals(this.last.progress())
							|| !now.status().equals(this.last.status())) {
						this.emitter.send(SseEmitter.event().name("progress").data(progress(now)));
					}
					this.last = now;
					if (now.isFinished()) {
						this.emitter.send(SseEmitter.event().name("end").data(now));
						end();
					}
				}
				catch (NotFoundException ex) {
					// Deleted with its organisation, say: nothing more to follow.
					end();
				}
				catch (IOException | IllegalStateException ex) {
					gone(ex);
				}
				catch (DataAccessException | TransactionException ex) {
					// The database is away for a moment: the next change or heartbeat
					// tries again.
					log.debug("Progress of assessment {} not read: {}", this.assessmentId, ex.getMessage());
				}
			}
		}

		private void beat() {
			synchronized (this) {
				if (this.last == null) {
					// Its first state was never sent (the database was away): send it
					// now.
					send();
					return;
				}
				if (this.ended) {
					return;
				}
				try {
					if (stillSignedIn()) {
						this.emitter.send(SseEmitter.event().comment("still following"));
					}
				}
				catch (IOException | IllegalStateException ex) {
					gone(ex);
				}
				catch (DataAccessException | TransactionException ex) {
					log.debug("Sign-in behind the progress of assessment {} not checked: {}", this.assessmentId,
							ex.getMessage());
				}
			}
		}

		/** Signed out or revoked: the stream ends with the access it was opened with. */
		private boolean stillSignedIn() {
			if (ProgressStreams.this.accounts.stillSignedIn(this.user)) {
				return true;
			}
			end();
			return false;
		}

		private void end() {
			this.ended = true;
			forget(this);
			this.emitter.complete();
		}

		private void gone(Exception ex) {
			log.debug("Progress stream of assessment {} ended: {}", this.assessmentId, ex.getMessage());
			this.ended = true;
			forget(this);
			this.emitter.completeWithError(ex);
		}

	}

	private static Map<String, Object> progress(Assessment assessment) {
		return Map.of("status", assessment.status(), "done", assessment.progress().done(), "total",
				assessment.progress().total());
	}

}
