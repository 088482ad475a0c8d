package io.lyceum.platform.jobs;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

/**
 * Redelivers module events whose listener did not complete: one that threw (a lock timeout, an exhausted pool) or one
 * that was running on an instance that died, which Spring Modulith's staleness monitor marks failed after
 * {@code spring.modulith.events.staleness.*}. Spring Modulith republishes outstanding events only when an instance
 * starts; this job does it continuously, on whichever instance runs it, so a failure heals within minutes. Listeners are
 * idempotent, so an event delivered twice changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class EventRedeliveryJob {

    static final String NAME = "event-redelivery";

    @Bean
    RecurringTask<Void> eventRedelivery(
            FailedEventPublications failed, @Value("${lyceum.jobs.event-redelivery-interval:PT1M}") Duration interval) {
        return Tasks.recurring(NAME, Schedules.fixedDelay(interval))
                .execute((instance, context) -> failed.resubmit(ResubmissionOptions.defaults()));
    }
}
