package io.lyceum.billing.payments;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The payment recovery job's settings ({@code lyceum.payments.recovery.*}); see {@link PaymentRecovery}.
 *
 * @param interval how often the job runs
 * @param startedAfter how long an attempt, refund or withdrawal may wait for the provider's answer before the job asks
 *     (longer than a provider call can take with its retries, so a request still in flight is left alone)
 * @param underWayAfter how long an intent may wait for the cardholder or the bank, with no news, before the job asks
 *     the provider about it (a webhook that never came)
 * @param batch how many rows of each kind one run looks at per tenant
 */
@Validated
@ConfigurationProperties("lyceum.payments.recovery")
public record PaymentRecoveryProperties(
        @NotNull @DurationMin(millis = 1) @DefaultValue("PT1M")
        Duration interval,

        @NotNull @DurationMin(millis = 1) @DefaultValue("PT5M")
        Duration startedAfter,

        @NotNull @DurationMin(millis = 1) @DefaultValue("PT30M")
        Duration underWayAfter,

        @Positive @Max(1000) @DefaultValue("50") int batch) {}
