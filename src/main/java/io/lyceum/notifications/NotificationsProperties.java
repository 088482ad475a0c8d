package io.lyceum.notifications;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param publicBaseUrl where links in messages point; blank: {@code http://localhost:<port>}
 * @param emailTransport {@code outbox} (the development default) or {@code smtp} (Spring Mail, {@code spring.mail.*})
 * @param deliveryInterval how often the recurring job polls the queue (new deliveries are also sent at once)
 * @param batchSize deliveries one claim takes
 * @param claimDuration how long a claimed delivery stays with its claimer before another instance may retry it
 * @param maxAttempts attempts before a delivery is FAILED for good
 * @param firstRetryDelay the wait after the first failed attempt; it doubles each time up to {@code maxRetryDelay}
 * @param digestHour the recipient's local hour at which the daily digest leaves
 */
@Validated
@ConfigurationProperties("lyceum.notifications")
record NotificationsProperties(
        @DefaultValue("") String publicBaseUrl,

        @NotNull @Pattern(regexp = "outbox|smtp") @DefaultValue("outbox")
        String emailTransport,

        @NotBlank @DefaultValue("Lyceum <no-reply@lyceum.invalid>")
        String from,

        @NotNull @DurationMin(millis = 100) @DefaultValue("PT2S")
        Duration deliveryInterval,

        @Min(1) @Max(1000) @DefaultValue("50") int batchSize,

        @NotNull @DurationMin(seconds = 5) @DefaultValue("PT2M")
        Duration claimDuration,

        @Min(1) @Max(50) @DefaultValue("8") int maxAttempts,

        @NotNull @DurationMin(millis = 1) @DefaultValue("PT30S")
        Duration firstRetryDelay,

        @NotNull @DurationMin(millis = 1) @DefaultValue("PT1H")
        Duration maxRetryDelay,

        @Min(0) @Max(23) @DefaultValue("8") int digestHour) {

    /** The wait after failed attempt {@code attempt} (1-based): exponential, capped. */
    Duration retryDelay(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration delay = firstRetryDelay.multipliedBy(factor);
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
