package io.lyceum.reviews;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@code lyceum.reviews.reveal-interval}: reviews whose window has ended become visible and count in their
 * tutors' aggregates, in each tenant that has one due, in batches claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
@Configuration(proxyBeanMethods = false)
class ReviewJobs {

    static final String REVEAL = "reviews-reveal";
    private static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(ReviewJobs.class);

    @Bean
    RecurringTask<Void> reviewsReveal(Reviews reviews, ReviewProperties properties) {
        return Tasks.recurring(REVEAL, Schedules.fixedDelay(properties.revealInterval()))
                .execute((instance, context) -> {
                    for (TenantId tenant : reviews.tenantsWithDueReveals()) {
                        try {
                            TenantContext.runAs(tenant, () -> {
                                while (reviews.revealDue(BATCH) > 0) {
                                    // until no review is due in this tenant
                                }
                            });
                        } catch (RuntimeException e) {
                            log.error("Revealing reviews failed in tenant {}", tenant, e);
                        }
                    }
                });
    }
}
