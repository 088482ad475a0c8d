package io.lyceum.scheduling;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Daily at 00:20 UTC: rolls every tutor's open time ({@link OpenTimeIndex}) forward so that it always reaches past the
 * booking horizon, and repairs any row computed from an older schedule version. Tenant by tenant, one tutor per
 * transaction.
 */
@Configuration(proxyBeanMethods = false)
class OpenTimeRefreshJob {

    static final String NAME = "scheduling-open-time-refresh";
    private static final Logger log = LoggerFactory.getLogger(OpenTimeRefreshJob.class);

    @Bean
    RecurringTask<Void> openTimeRefresh(Refresher refresher) {
        return Tasks.recurring(NAME, Schedules.daily(ZoneOffset.UTC, LocalTime.of(0, 20)))
                .execute((instance, context) -> {
                    int refreshed = refresher.refreshStale();
                    if (refreshed > 0) {
                        log.info("Recomputed the open time of {} tutors", refreshed);
                    }
                });
    }

    @Component
    static class Refresher {

        private static final int BATCH = 200;

        private final TenancyApi tenancy;
        private final OpenTimeIndex index;
        private final TransactionTemplate transactions;

        Refresher(TenancyApi tenancy, OpenTimeIndex index, TransactionTemplate transactions) {
            this.tenancy = tenancy;
            this.index = index;
            this.transactions = transactions;
        }

        /** Recomputes every stale open time in every tenant; returns how many. */
        int refreshStale() {
            List<TenantId> tenants = tenancy.tenantIds();
            int refreshed = 0;
            for (TenantId tenant : tenants) {
                refreshed += TenantContext.callAs(tenant, this::refreshTenant);
            }
            return refreshed;
        }

        /** Recomputes the stale open times of the current tenant. */
        int refreshTenant() {
            int refreshed = 0;
            UUID after = null;
            List<UUID> stale;
            do {
                stale = index.stale(after, BATCH);
                for (UUID tutorId : stale) {
                    try {
                        transactions.executeWithoutResult(status -> index.refreshLocked(tutorId));
                        refreshed++;
                    } catch (RuntimeException e) {
                        log.error("Could not recompute the open time of tutor {}", tutorId, e);
                    }
                    after = tutorId;
                }
            } while (stale.size() == BATCH);
            return refreshed;
        }
    }
}
