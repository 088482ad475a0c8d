package io.lyceum.platform.idempotency;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Housekeeping: deletes idempotency keys past their 24-hour life. */
@Configuration(proxyBeanMethods = false)
class IdempotencyKeyPurgeJob {

    static final String NAME = "idempotency-key-purge";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurgeJob.class);

    @Bean
    RecurringTask<Void> idempotencyKeyPurge(
            IdempotencyStore store, @Value("${lyceum.jobs.idempotency-purge-interval:PT1H}") Duration interval) {
        return Tasks.recurring(NAME, Schedules.fixedDelay(interval)).execute((instance, context) -> {
            int purged = store.purgeExpired();
            if (purged > 0) {
                log.info("Purged {} expired idempotency keys", purged);
            }
        });
    }
}
