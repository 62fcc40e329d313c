package io.assay.assessment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.assay.platform.WordedException;
import io.assay.platform.database.DatabaseAnnouncements;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The durable job queue: db-scheduler on PostgreSQL. Every copy of the service polls the
 * same table, so a job runs on whichever copy is free; a job whose copy dies (its
 * heartbeat stops) is revived by another. Scheduling goes through the application's
 * transaction, so a job exists exactly when the assessment that needs it was committed.
 */
@Configuration(proxyBeanMethods = false)
class AssessmentScheduling {

	private static final Logger log = LoggerFactory.getLogger(AssessmentScheduling.class);

	static final String TASK = "assessment";

	@Bean
	OneTimeTask<String> assessmentTask(AssessmentJob job, AssessmentProperties properties, AssessmentMeters meters) {
		return Tasks.oneTime(TASK, String.class)
			.onFailure(retryThenFail(job, properties, meters))
			.onDeadExecutionRevive()
			.execute((instance, context) -> {
				try {
					job.run(instance.getData());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
	}

	/**
	 * One queue for all durable work: assessments, and the tasks other modules contribute
	 * as beans (notifications).
	 */
	@Bean(destroyMethod = "stop")
	Scheduler assessmentScheduler(DataSource dataSource, List<Task<?>> tasks, AssessmentProperties properties) {
		return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
			// Said, not detected: detecting would connect while the beans are made, and
			// wait there for a database that the head start is still preparing.
			.jdbcCustomization(new PostgreSqlJdbcCustomization(false, false))
			.threads(properties.threads())
			.pollingInterval(properties.pollingInterval())
			.heartbeatInterval(properties.heartbeatInterval())
			.missedHeartbeatsLimit(properties.missedHeartbeats())
			.schedulerName(new SchedulerName.Fixed(copyName()))
			.build();
	}

	/**
	 * Which copy picked a job, as its row says: the host and the process, so that two
	 * copies on one machine are told apart.
	 */
	private static String copyName() {
		String host;
		try {
			host = java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (java.net.UnknownHostException ex) {
			host = "unknown-host";
		}
		return host + "/" + ProcessHandle.current().pid();
	}

	@EventListener(ApplicationReadyEvent.class)
	void start(ApplicationReadyEvent ready) {
		Scheduler scheduler = ready.getApplicationContext().getBean(Scheduler.class);
		// Queued work is announced when its transaction commits (V41), to this copy and
		// the others: look for it then, not at the next poll. (db-scheduler's immediate
		// execution looks before the transaction that schedules commits, and so finds
		// nothing.) The poll stays, for announcements missed while the listener
		// reconnected and for retries that come due later.
		ready.getApplicationContext()
			.getBean(DatabaseAnnouncements.class)
			.listen("work_queued", new DatabaseAnnouncements.Listener() {

				@Override
				public void announced(String payload) {
					scheduler.triggerCheckForDueExecutions();
				}

				@Override
				public void mayHaveMissed() {
					scheduler.triggerCheckForDueExecutions();
				}

			});
		scheduler.start();
	}

	/**
	 * Passing faults (a database hiccup, a store briefly away) get retries with doubling
	 * waits; when the attempts are used up the assessment fails with the reason.
	 */
	private static FailureHandler<String> retryThenFail(AssessmentJob job, AssessmentProperties properties,
			AssessmentMeters meters) {
		return (complete, operations) -> {
			int failures = complete.getExecution().consecutiveFailures + 1;
			String reason = complete.getCause().map(AssessmentScheduling::reason).orElse("unknown error");
			String data = (String) complete.getExecution().taskInstance.getData();
			if (failures < properties.attempts()) {
				Instant next = complete.getTimeDone()
					.plus(properties.retryBackoff().multipliedBy(1L << (failures - 1)));
				log.warn("Assessment job {} failed (attempt {} of {}): {}; retrying at {}", data, failures,
						properties.attempts(), reason, next);
				operations.reschedule(complete, next);
				meters.retried(TASK);
			}
			else {
				log.error("Assessment job {} failed {} times; giving up: {}", data, failures, reason);
				job.fail(data, reason, complete.getCause().map(AssessmentScheduling::worded).orElse(null),
						complete.getCause().map(AssessmentScheduling::providerAway).orElse(false));
				operations.stop();
			}
		};
	}

	/** Whether the attempts failed because the AI provider could not be reached. */
	private static boolean providerAway(Throwable cause) {
		for (Throwable each = cause; each != null; each = each.getCause()) {
			if (each instanceof io.assay.evaluation.JudgeUnavailableException) {
				return true;
			}
		}
		return false;
	}

	/** The reason as Assay words it for the run's readers, when it does. */
	private static @Nullable Wording worded(Throwable cause) {
		for (Throwable each = cause; each != null; each = each.getCause()) {
			if (each instanceof WordedException worded && worded.wording() != null) {
				return worded.wording();
			}
		}
		return null;
	}

	private static String reason(Throwable cause) {
		Throwable root = cause;
		while (root instanceof UncheckedIOException || (root.getCause() != null && root.getMessage() == null)) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

}
