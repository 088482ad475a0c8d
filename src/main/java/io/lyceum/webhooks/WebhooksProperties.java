package io.lyceum.webhooks;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outgoing webhook settings ({@code lyceum.webhooks.*}).
 *
 * @param allowLocalReceivers accept {@code http://} URLs and private, loopback and link-local addresses (a receiver on
 *     the developer's machine); the default with the embedded database only, refused in production mode
 * @param secretRotationOverlap how long the previous secret keeps signing (beside the new one) after a rotation
 * @param retryFor how long a message is retried after it is queued (or replayed) before it is given up
 * @param backoffBase the delay before the first retry; each retry doubles it (with jitter of +-20 %)
 * @param backoffMax the longest delay between two attempts
 * @param disableAfter an endpoint whose attempts have all failed for this long is disabled
 * @param disableAfterFailedMessages an endpoint with this many messages given up in a row is disabled
 * @param connectTimeout how long a delivery waits to connect
 * @param responseTimeout how long a delivery waits for the receiver's answer (between two packets)
 * @param responseExcerptBytes how much of the receiver's answer the delivery log keeps
 * @param dispatcherEnabled whether this instance delivers (every instance may; each message goes out once)
 * @param pollInterval how often an idle dispatcher checks the tenants it knows to have due messages (no query)
 * @param sweepInterval how often a dispatcher looks for due messages in every tenant (those queued on other
 *     instances, those of an instance that died)
 * @param concurrency how many deliveries one instance makes at the same time
 * @param batchSize how many messages one claim takes at most
 * @param lease how long a claimed message is reserved for the instance sending it; an instance that dies leaves it to
 *     others after this
 */
@Validated
@ConfigurationProperties("lyceum.webhooks")
record WebhooksProperties(
        boolean allowLocalReceivers,
        @NotNull @DefaultValue("PT24H") Duration secretRotationOverlap,

        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT24H")
        Duration retryFor,

        @NotNull @DurationMin(millis = 1) @DefaultValue("PT10S")
        Duration backoffBase,

        @NotNull @DurationMin(millis = 1) @DefaultValue("PT2H")
        Duration backoffMax,

        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT24H")
        Duration disableAfter,

        @Positive @DefaultValue("50") int disableAfterFailedMessages,
        @NotNull @DefaultValue("PT3S") Duration connectTimeout,
        @NotNull @DefaultValue("PT10S") Duration responseTimeout,
        @Positive @DefaultValue("1024") int responseExcerptBytes,
        @DefaultValue("true") boolean dispatcherEnabled,

        @NotNull @DurationMin(millis = 10) @DefaultValue("PT1S")
        Duration pollInterval,

        @NotNull @DurationMin(millis = 100) @DefaultValue("PT10S")
        Duration sweepInterval,

        @Positive @DefaultValue("32") int concurrency,
        @Positive @DefaultValue("100") int batchSize,

        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT2M")
        Duration lease) {}
