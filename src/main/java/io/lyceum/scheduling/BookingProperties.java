package io.lyceum.scheduling;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of bookings and their timers ({@code lyceum.scheduling.bookings.*}), validated when bound: a bad value stops
 * start-up with a message naming the property instead of being replaced silently.
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
@Validated
@ConfigurationProperties("lyceum.scheduling.bookings")
record BookingProperties(
        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT15M")
        Duration holdDuration,

        @NotNull @DurationMin(seconds = 1) @DefaultValue("PT5M")
        Duration holdWarningLead,

        @NotNull @DurationMin(millis = 1) @DefaultValue("PT30S")
        Duration sweepInterval,

        @NotNull @Min(1) @Max(10_000) @DefaultValue("100") Integer sweepBatch,

        @NotNull @DurationMin(seconds = 0) @DefaultValue("PT0S")
        Duration confirmationLead,

        @NotNull @DurationMin(seconds = 0) @DefaultValue("PT2H")
        Duration completionGrace,

        @NotNull @DurationMin(seconds = 1) @DefaultValue("P3D")
        Duration disputeWindow,

        @Valid @DefaultValue DefaultPolicy defaultPolicy) {

    /** The policy a tenant has before its admins set one (defaults 24 hours, 50 %, 12 hours, 2). */
    record DefaultPolicy(
            @NotNull @Min(0) @DefaultValue("24") Integer freeCancellationHours,
            @NotNull @Min(0) @Max(100) @DefaultValue("50") Integer lateFeePercent,
            @NotNull @Min(0) @DefaultValue("12") Integer rescheduleUntilHours,
            @NotNull @Min(0) @DefaultValue("2") Integer maxReschedules) {

        CancellationPolicy policy() {
            return new CancellationPolicy(freeCancellationHours, lateFeePercent, rescheduleUntilHours, maxReschedules);
        }
    }
}
