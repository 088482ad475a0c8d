package io.lyceum.billing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reconciliation settings ({@code lyceum.payments.reconciliation.*}).
 *
 * @param window how far back a run looks (payments created, orders paid in the window)
 * @param settleGrace payments younger than this are left to the next run (a webhook may still be on its way)
 */
@ConfigurationProperties("lyceum.payments.reconciliation")
record ReconciliationProperties(
        @DefaultValue("P3D") Duration window,
        @DefaultValue("PT10M") Duration settleGrace) {}
