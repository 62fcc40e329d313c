package io.assay.assessment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job queue that runs assessments.
 *
 * @param threads assessments one copy of the service runs at once
 * @param pollingInterval how often a copy looks for work it has not been told about
 * @param heartbeatInterval how often a running job says it is alive
 * @param missedHeartbeats after how many missed heartbeats another copy takes the job
 * over
 * @param attempts tries before an assessment is marked failed
 * @param retryBackoff wait before the first retry; doubled for each further one
 */
@ConfigurationProperties("assay.jobs")
record AssessmentProperties(@DefaultValue("4") int threads, @DefaultValue("2s") Duration pollingInterval,
		@DefaultValue("30s") Duration heartbeatInterval, @DefaultValue("4") int missedHeartbeats,
		@DefaultValue("3") int attempts, @DefaultValue("10s") Duration retryBackoff) {
}
