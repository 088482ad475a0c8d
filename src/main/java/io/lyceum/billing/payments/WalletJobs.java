package io.lyceum.billing.payments;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.lyceum.billing.ledger.WalletProperties;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Billing's recurring db-scheduler jobs: releasing earnings whose dispute window has closed (every
 * {@code lyceum.payments.wallet.release-interval}) and the daily reconciliation with the provider (03:15 UTC). The
 * release asks which tenants have an earning due and visits only those, the reconciliation every tenant; each works
 * with the tenant bound, and the release claims rows {@code FOR UPDATE SKIP LOCKED}.
 */
@Configuration(proxyBeanMethods = false)
class WalletJobs {

    static final String RELEASE = "billing-earnings-release";
    static final String RECONCILIATION = "billing-reconciliation";
    private static final Logger log = LoggerFactory.getLogger(WalletJobs.class);

    @Bean
    RecurringTask<Void> billingEarningsRelease(
            Earnings earnings, PlatformTransactionManager transactions, WalletProperties properties, Clock clock) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        return Tasks.recurring(RELEASE, Schedules.fixedDelay(properties.releaseInterval()))
                .execute((instance, context) -> {
                    for (TenantId tenant : earnings.tenantsWithDueReleases(clock.instant())) {
                        try {
                            int released =
                                    TenantContext.callAs(tenant, () -> transaction.execute(s -> earnings.releaseDue()));
                            if (released > 0) {
                                log.info("Released {} earnings in tenant {}", released, tenant.value());
                            }
                        } catch (RuntimeException e) {
                            log.error("Releasing earnings failed in tenant {}", tenant.value(), e);
                        }
                    }
                });
    }

    @Bean
    RecurringTask<Void> billingReconciliation(Reconciliation reconciliation, TenancyApi tenancy) {
        return Tasks.recurring(RECONCILIATION, Schedules.daily(ZoneOffset.UTC, LocalTime.of(3, 15)))
                .execute((instance, context) -> {
                    for (TenantId tenant : tenancy.tenantIds()) {
                        try {
                            TenantContext.runAs(tenant, () -> reconciliation.run(null, null, null));
                        } catch (RuntimeException e) {
                            log.error("Reconciliation failed in tenant {}", tenant.value(), e);
                        }
                    }
                });
    }
}
