package io.lyceum.platform.idempotency;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Idempotency-Key settings ({@code lyceum.idempotency.*}), checked when bound: a bad value stops start-up naming the
 * property.
 *
 * @param ttl how long a key and its stored response are kept (24 hours by default, at least a minute)
 * @param maxBodyBytes largest request body accepted together with an Idempotency-Key
 * @param lockTimeout after this long an unfinished first request (its instance crashed) no longer blocks retries
 */
@Validated
@ConfigurationProperties("lyceum.idempotency")
record IdempotencyProperties(
        @NotNull @DurationMin(minutes = 1) @DefaultValue("PT24H")
        Duration ttl,

        @Min(1) @DefaultValue("33554432") long maxBodyBytes,

        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT1M")
        Duration lockTimeout) {}
