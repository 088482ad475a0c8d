package io.lyceum.billing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Course-pack enrollments ({@code lyceum.payments.enrollments.*}).
 *
 * @param paymentWindow how long a PENDING enrollment (and its lessons' hold) waits for its payment
 * @param cleanupInterval how often unpaid enrollments past their window are cancelled
 */
@ConfigurationProperties("lyceum.payments.enrollments")
record EnrollmentProperties(
        @DefaultValue("PT60M") Duration paymentWindow,
        @DefaultValue("PT1M") Duration cleanupInterval) {}
