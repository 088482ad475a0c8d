package io.lyceum.billing.payments;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reconciliation settings ({@code lyceum.payments.reconciliation.*}).
 *
 * @param window how far back a run looks (payments created, orders paid in the window)
 * @param settleGrace payments younger than this are left to the next run (a webhook may still be on its way)
 */
@Validated
@ConfigurationProperties("lyceum.payments.reconciliation")
public record ReconciliationProperties(
        @NotNull @DurationMin(minutes = 1) @DefaultValue("P3D")
        Duration window,

        @NotNull @DurationMin(millis = 0) @DefaultValue("PT10M")
        Duration settleGrace) {}
