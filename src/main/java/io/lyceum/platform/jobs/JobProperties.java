package io.lyceum.platform.jobs;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The job scheduler's settings ({@code lyceum.jobs.*}), validated when bound: a bad value stops start-up with a
 * message naming the property instead of being replaced silently.
 *
 * @param enabled run scheduled jobs on this instance (turn off on instances that should only serve requests)
 * @param pollingInterval how often an idle instance looks for due jobs
 * @param threads how many jobs one instance runs at the same time
 * @param idempotencyPurgeInterval how often expired idempotency keys are deleted
 * @param instanceName name this instance records on the jobs it runs; blank for host name plus a random suffix
 * @param heartbeatInterval how often an instance marks the jobs it is running as alive; a job whose instance missed
 *     four heartbeats (it crashed, or stopped without finishing it) is run again by another instance
 */
@Validated
@ConfigurationProperties("lyceum.jobs")
record JobProperties(
        @DefaultValue("true") boolean enabled,

        @NotNull @DurationMin(millis = 10) @DefaultValue("PT5S")
        Duration pollingInterval,

        @Min(1) @Max(64) @DefaultValue("4") int threads,

        @NotNull @DurationMin(millis = 100) @DefaultValue("PT1H")
        Duration idempotencyPurgeInterval,

        String instanceName,

        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT15S")
        Duration heartbeatInterval) {}
