package io.lyceum.analytics;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The report worker as a recurring db-scheduler job, every {@code lyceum.analytics.report-sweep-interval}. The
 * scheduler runs each execution on one instance; the row claims ({@code FOR UPDATE SKIP LOCKED}, attempt-fenced
 * completion) keep it safe even when two sweeps overlap.
 */
@Configuration(proxyBeanMethods = false)
class ReportJobs {

    static final String NAME = "analytics-report-worker";

    @Bean
    RecurringTask<Void> analyticsReportWorker(ReportWorker worker, AnalyticsProperties properties) {
        return Tasks.recurring(NAME, Schedules.fixedDelay(properties.reportSweepInterval()))
                .execute((instance, context) -> worker.sweep());
    }
}
