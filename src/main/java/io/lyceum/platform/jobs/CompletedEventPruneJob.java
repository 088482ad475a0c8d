package io.lyceum.platform.jobs;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.CompletedEventPublications;

/**
 * Deletes completed module event publications once they are older than {@code lyceum.jobs.completed-event-retention}
 * (7 days): the registry keeps every publication it completed, so without this the {@code event_publication} table
 * grows with every booking, payment and message for ever. A week keeps recent ones for looking into what a listener
 * did; incomplete publications are never touched (the redelivery job owns them).
 */
@Configuration(proxyBeanMethods = false)
class CompletedEventPruneJob {

    static final String NAME = "completed-event-prune";

    @Bean
    RecurringTask<Void> completedEventPrune(
            CompletedEventPublications completed,
            @Value("${lyceum.jobs.completed-event-retention:P7D}") Duration retention,
            @Value("${lyceum.jobs.completed-event-prune-interval:PT1H}") Duration interval) {
        if (retention.isNegative() || retention.isZero() || interval.isNegative() || interval.isZero()) {
            throw new IllegalStateException("lyceum.jobs.completed-event-retention and"
                    + " lyceum.jobs.completed-event-prune-interval must be positive durations, not " + retention
                    + " and " + interval);
        }
        return Tasks.recurring(NAME, Schedules.fixedDelay(interval))
                .execute((instance, context) -> completed.deletePublicationsOlderThan(retention));
    }
}
