package io.lyceum.scheduling;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bookings' timers as recurring db-scheduler jobs, every {@code lyceum.scheduling.bookings.sweep-interval}. The
 * scheduler runs each due execution on one instance only; the sweeps' row claims ({@code FOR UPDATE SKIP LOCKED}) keep
 * them safe even when run concurrently.
 */
@Configuration(proxyBeanMethods = false)
class BookingTimerJobs {

    static final String HOLD_WARNING = "booking-hold-warning";
    static final String HOLD_EXPIRY = "booking-hold-expiry";
    static final String AUTO_DECLINE = "booking-auto-decline";
    static final String AUTO_COMPLETE = "booking-auto-complete";
    static final String REMINDERS = "booking-reminders";

    @Bean
    RecurringTask<Void> bookingHoldWarning(BookingTimers timers, BookingProperties properties) {
        return Tasks.recurring(HOLD_WARNING, Schedules.fixedDelay(properties.sweepInterval()))
                .execute((instance, context) -> timers.warnExpiringHolds());
    }

    @Bean
    RecurringTask<Void> bookingHoldExpiry(BookingTimers timers, BookingProperties properties) {
        return Tasks.recurring(HOLD_EXPIRY, Schedules.fixedDelay(properties.sweepInterval()))
                .execute((instance, context) -> timers.expireHolds());
    }

    @Bean
    RecurringTask<Void> bookingAutoDecline(BookingTimers timers, BookingProperties properties) {
        return Tasks.recurring(AUTO_DECLINE, Schedules.fixedDelay(properties.sweepInterval()))
                .execute((instance, context) -> timers.declineUnanswered());
    }

    @Bean
    RecurringTask<Void> bookingAutoComplete(BookingTimers timers, BookingProperties properties) {
        return Tasks.recurring(AUTO_COMPLETE, Schedules.fixedDelay(properties.sweepInterval()))
                .execute((instance, context) -> timers.completeFinished());
    }

    @Bean
    RecurringTask<Void> bookingReminders(BookingTimers timers, BookingProperties properties) {
        return Tasks.recurring(REMINDERS, Schedules.fixedDelay(properties.sweepInterval()))
                .execute((instance, context) -> timers.sendReminders());
    }
}
