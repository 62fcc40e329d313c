package io.assay.notification;

import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deliveries are jobs in the service's durable queue: they survive a restart, run on any
 * copy, and are retried with doubling waits until the attempts are used up.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

	private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

	/**
	 * @param notifications looked up at delivery: they schedule through the queue that
	 * this task is part of, so they are made after it
	 */
	@Bean
	OneTimeTask<String> notificationTask(ObjectProvider<Notifications> notifications,
			NotificationProperties properties) {
		return Tasks.oneTime(Notifications.TASK, String.class)
			.onFailure(retryThenGiveUp(properties))
			.onDeadExecutionRevive()
			.execute((instance, context) -> notifications.getObject().deliver(instance.getData()));
	}

	private static FailureHandler<String> retryThenGiveUp(NotificationProperties properties) {
		return (complete, operations) -> {
			int failures = complete.getExecution().consecutiveFailures + 1;
			String data = (String) complete.getExecution().taskInstance.getData();
			String reason = complete.getCause().map(Throwable::getMessage).orElse("unknown error");
			if (failures < properties.attempts()) {
				Instant next = complete.getTimeDone()
					.plus(properties.retryBackoff().multipliedBy(1L << Math.min(failures - 1, 16)));
				log.warn("Notification {} failed (attempt {} of {}): {}; retrying at {}", data, failures,
						properties.attempts(), reason, next);
				operations.reschedule(complete, next);
			}
			else {
				log.error("Notification {} failed {} times; giving up: {}", data, failures, reason);
				operations.stop();
			}
		};
	}

}
