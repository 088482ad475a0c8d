package io.lyceum.platform.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled run scheduled jobs on this instance (turn off on instances that should only serve requests)
 * @param pollingInterval how often an idle instance looks for due jobs
 * @param threads how many jobs one instance runs at the same time
 * @param idempotencyPurgeInterval how often expired idempotency keys are deleted
 * @param instanceName name this instance records on the jobs it runs; blank for host name plus a random suffix
 * @param heartbeatInterval how often an instance marks the jobs it is running as alive; a job whose instance missed
 *     four heartbeats (it crashed, or stopped without finishing it) is run again by another instance
 */
@ConfigurationProperties("lyceum.jobs")
record JobProperties(
        boolean enabled,
        Duration pollingInterval,
        int threads,
        Duration idempotencyPurgeInterval,
        String instanceName,
        Duration heartbeatInterval) {

    JobProperties {
        pollingInterval = pollingInterval != null ? pollingInterval : Duration.ofSeconds(5);
        threads = threads > 0 ? threads : 4;
        idempotencyPurgeInterval = idempotencyPurgeInterval != null ? idempotencyPurgeInterval : Duration.ofHours(1);
        heartbeatInterval = heartbeatInterval != null ? heartbeatInterval : Duration.ofSeconds(15);
    }
}
