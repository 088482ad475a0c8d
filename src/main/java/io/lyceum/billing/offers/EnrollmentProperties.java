package io.lyceum.billing.offers;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Course-pack enrollments ({@code lyceum.payments.enrollments.*}).
 *
 * @param paymentWindow how long a PENDING enrollment (and its lessons' hold) waits for its payment
 * @param cleanupInterval how often unpaid enrollments past their window are cancelled
 */
@Validated
@ConfigurationProperties("lyceum.payments.enrollments")
public record EnrollmentProperties(
        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT60M")
        Duration paymentWindow,

        @NotNull @DurationMin(millis = 1) @DefaultValue("PT1M")
        Duration cleanupInterval) {}
