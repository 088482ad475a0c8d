package io.lyceum.billing.documents;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Daily at 00:30 UTC: overdue invoices and expired quotes ({@link DocumentTimers}). One instance runs each day's. */
@Configuration(proxyBeanMethods = false)
class DocumentJobs {

    static final String NAME = "billing-documents-lapse";

    @Bean
    RecurringTask<Void> billingDocumentsLapse(DocumentTimers timers) {
        return Tasks.recurring(NAME, Schedules.daily(ZoneOffset.UTC, LocalTime.of(0, 30)))
                .execute((instance, context) -> timers.sweep());
    }
}
