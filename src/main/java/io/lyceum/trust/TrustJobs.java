package io.lyceum.trust;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every {@code lyceum.trust.worker-interval} the scheduler drains the recalculation queue (one instance at a time). */
@Configuration(proxyBeanMethods = false)
class TrustJobs {

    static final String WORKER = "caas-worker";

    @Bean
    RecurringTask<Void> caasWorker(Scoring scoring, TrustProperties properties) {
        return Tasks.recurring(WORKER, Schedules.fixedDelay(properties.workerInterval()))
                .execute((instance, context) -> scoring.drainAll());
    }
}
