package io.lyceum.notifications;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recurring jobs: the delivery queue's poll (retries, quiet hours ending) and the hourly digest run. */
@Configuration(proxyBeanMethods = false)
class NotificationJobs {

    static final String DELIVERIES = "notifications-deliveries";
    static final String DIGESTS = "notifications-digests";

    @Bean
    RecurringTask<Void> notificationDeliveries(DeliveryWorker worker, NotificationsProperties properties) {
        return Tasks.recurring(DELIVERIES, Schedules.fixedDelay(properties.deliveryInterval()))
                .execute((instance, context) -> worker.runOnce());
    }

    @Bean
    RecurringTask<Void> notificationDigests(Digests digests) {
        return Tasks.recurring(DIGESTS, Schedules.fixedDelay(Duration.ofMinutes(10)))
                .execute((instance, context) -> digests.run());
    }
}
