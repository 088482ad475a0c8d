package io.lyceum.scheduling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of bookings and their timers ({@code lyceum.scheduling.bookings.*}).
 *
 * @param holdDuration how long a PENDING_PAYMENT booking holds its slot while the student pays (default 15 minutes)
 * @param holdWarningLead how long before a hold ends its student side is told that it is about to end (default 5
 *     minutes); a hold shorter than this gets no warning
 * @param sweepInterval how often the timers look for due bookings (default 30 seconds)
 * @param sweepBatch how many bookings one timer transaction handles at most (default 100)
 * @param confirmationLead how long before the start a REQUESTED booking must be confirmed; it is declined
 *     automatically at {@code start - confirmationLead} (default 0: at the start)
 * @param completionGrace how long after the end a CONFIRMED booking is completed automatically, leaving time to
 *     report a no-show (default 2 hours)
 * @param disputeWindow how long after the end a participant may dispute a completed or no-show booking (default 3
 *     days)
 * @param defaultPolicy the cancellation and reschedule policy of a tenant that has not set its own
 */
@ConfigurationProperties("lyceum.scheduling.bookings")
record BookingProperties(
        Duration holdDuration,
        Duration holdWarningLead,
        Duration sweepInterval,
        Integer sweepBatch,
        Duration confirmationLead,
        Duration completionGrace,
        Duration disputeWindow,
        DefaultPolicy defaultPolicy) {

    BookingProperties {
        holdDuration = positiveOr(holdDuration, Duration.ofMinutes(15));
        holdWarningLead = positiveOr(holdWarningLead, Duration.ofMinutes(5));
        sweepInterval = positiveOr(sweepInterval, Duration.ofSeconds(30));
        sweepBatch = sweepBatch != null && sweepBatch > 0 ? sweepBatch : 100;
        confirmationLead =
                confirmationLead != null && !confirmationLead.isNegative() ? confirmationLead : Duration.ZERO;
        completionGrace =
                completionGrace != null && !completionGrace.isNegative() ? completionGrace : Duration.ofHours(2);
        disputeWindow = positiveOr(disputeWindow, Duration.ofDays(3));
        defaultPolicy = defaultPolicy != null ? defaultPolicy : new DefaultPolicy(null, null, null, null);
    }

    /** The policy a tenant has before its admins set one (defaults 24 hours, 50 %, 12 hours, 2). */
    record DefaultPolicy(
            Integer freeCancellationHours,
            Integer lateFeePercent,
            Integer rescheduleUntilHours,
            Integer maxReschedules) {

        CancellationPolicy policy() {
            return new CancellationPolicy(
                    freeCancellationHours != null ? freeCancellationHours : 24,
                    lateFeePercent != null ? lateFeePercent : 50,
                    rescheduleUntilHours != null ? rescheduleUntilHours : 12,
                    maxReschedules != null ? maxReschedules : 2);
        }
    }

    private static Duration positiveOr(Duration value, Duration fallback) {
        return value != null && value.isPositive() ? value : fallback;
    }
}
