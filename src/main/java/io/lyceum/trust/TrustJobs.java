package io.lyceum.trust;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@code lyceum.trust.worker-interval} the scheduler drains the recalculation queue (one instance at a time);
 * daily at 04:00 UTC it enqueues every scored tutor, whose tenure grew without any event.
 */
@Configuration(proxyBeanMethods = false)
class TrustJobs {

    static final String WORKER = "caas-worker";
    static final String DAILY = "caas-daily-tenure";

    @Bean
    RecurringTask<Void> caasWorker(Scoring scoring, TrustProperties properties) {
        return Tasks.recurring(WORKER, Schedules.fixedDelay(properties.workerInterval()))
                .execute((instance, context) -> scoring.drainAll());
    }

    @Bean
    RecurringTask<Void> caasDailyTenure(Scoring scoring) {
        return Tasks.recurring(DAILY, Schedules.daily(java.time.ZoneOffset.UTC, java.time.LocalTime.of(4, 0)))
                .execute((instance, context) -> scoring.enqueueScoredTutors());
    }
}
