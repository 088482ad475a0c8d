package io.lyceum.platform.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled run scheduled jobs on this instance (turn off on instances that should only serve requests)
 * @param pollingInterval how often an idle instance looks for due jobs
 * @param threads how many jobs one instance runs at the same time
 * @param idempotencyPurgeInterval how often expired idempotency keys are deleted
 * @param instanceName name this instance records on the jobs it runs; blank for host name plus a random suffix
 */
@ConfigurationProperties("lyceum.jobs")
record JobProperties(
        boolean enabled,
        Duration pollingInterval,
        int threads,
        Duration idempotencyPurgeInterval,
        String instanceName) {

    JobProperties {
        pollingInterval = pollingInterval != null ? pollingInterval : Duration.ofSeconds(5);
        threads = threads > 0 ? threads : 4;
        idempotencyPurgeInterval = idempotencyPurgeInterval != null ? idempotencyPurgeInterval : Duration.ofHours(1);
    }
}
