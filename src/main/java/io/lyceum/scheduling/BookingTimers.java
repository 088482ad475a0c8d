package io.lyceum.scheduling;

import io.lyceum.scheduling.BookingJournal.Actor;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bookings' timers, run by the recurring jobs of {@link BookingTimerJobs}: hold warning and expiry, auto-decline of unanswered
 * requests, auto-completion and reminders. Each sweep asks which tenants have a timer due, then goes tenant by tenant
 * with the tenant bound (row-level security) and claims due bookings in batches with {@code FOR UPDATE SKIP LOCKED}: a booking a user is changing right now is
 * skipped until the next sweep, and two sweepers (two instances, or a job and a test calling it) never handle one
 * booking twice. Each batch is one transaction with its history rows and events.
 */
@Component
class BookingTimers {

    private static final Logger log = LoggerFactory.getLogger(BookingTimers.class);
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int MAX_BATCHES_PER_TENANT = 50;

    private final BookingStore store;
    private final Bookings bookings;
    private final BookingJournal journal;
    private final TransactionTemplate transactions;
    private final BookingProperties properties;
    private final Clock clock;

    BookingTimers(
            BookingStore store,
            Bookings bookings,
            BookingJournal journal,
            TransactionTemplate transactions,
            BookingProperties properties,
            Clock clock) {
        this.store = store;
        this.bookings = bookings;
        this.journal = journal;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** PENDING_PAYMENT past its hold becomes EXPIRED. */
    int expireHolds() {
        return sweep(
                "hold expiry", () -> store.claimExpiredHolds(clock.instant(), properties.sweepBatch()), booking -> {
                    Instant now = clock.instant();
                    store.updateState(booking, BookingAction.HOLD_EXPIRY, BookingState.EXPIRED, now);
                    journal.record(
                            booking,
                            booking.state(),
                            BookingState.EXPIRED,
                            Actor.SYSTEM,
                            "payment not received in time",
                            null,
                            now);
                    journal.publish(Bookings.expired(booking, BookingExpired.HOLD_EXPIRED, now));
                });
    }

    /** PENDING_PAYMENT bookings whose hold ends soon: their student side is warned, once. */
    int warnExpiringHolds() {
        return sweep(
                "hold warning",
                () -> store.claimHoldWarnings(clock.instant(), properties.holdWarningLead(), properties.sweepBatch()),
                booking -> {
                    Instant now = clock.instant();
                    store.markHoldWarned(booking.id(), now);
                    journal.publish(new BookingHoldExpiring(
                            TenantContext.require(),
                            BookingId.of(booking.id()),
                            TutorId.of(booking.tutorId()),
                            UserId.of(booking.studentId()),
                            booking.bookedBy(),
                            booking.startsAt(),
                            // claimed for its hold's end: a PENDING_PAYMENT booking always has one
                            Objects.requireNonNull(booking.holdExpiresAt()),
                            now));
                });
    }

    /** REQUESTED bookings the tutor did not answer by their confirmation deadline become DECLINED. */
    int declineUnanswered() {
        return sweep(
                "auto-decline",
                () -> store.claimUnansweredRequests(
                        clock.instant(), properties.confirmationLead(), properties.sweepBatch()),
                booking -> {
                    Instant now = clock.instant();
                    String reason = "The tutor did not confirm the booking in time.";
                    store.updateState(booking, BookingAction.AUTO_DECLINE, BookingState.DECLINED, now);
                    journal.record(booking, booking.state(), BookingState.DECLINED, Actor.SYSTEM, reason, null, now);
                    journal.publish(new BookingDeclined(
                            TenantContext.require(),
                            BookingId.of(booking.id()),
                            TutorId.of(booking.tutorId()),
                            UserId.of(booking.studentId()),
                            booking.bookedBy(),
                            null,
                            true,
                            reason,
                            booking.startsAt(),
                            now));
                });
    }

    /** CONFIRMED bookings past their end plus the grace period become COMPLETED. */
    int completeFinished() {
        return sweep(
                "auto-complete",
                () -> store.claimFinished(clock.instant(), properties.completionGrace(), properties.sweepBatch()),
                booking -> {
                    Instant now = clock.instant();
                    store.updateState(booking, BookingAction.AUTO_COMPLETE, BookingState.COMPLETED, now);
                    journal.record(booking, booking.state(), BookingState.COMPLETED, Actor.SYSTEM, null, null, now);
                    journal.publish(new BookingCompleted(
                            TenantContext.require(),
                            BookingId.of(booking.id()),
                            TutorId.of(booking.tutorId()),
                            UserId.of(booking.studentId()),
                            booking.price(),
                            booking.startsAt(),
                            booking.endsAt(),
                            bookings.disputableUntil(booking),
                            now));
                });
    }

    /** The day-before and hour-before reminders of confirmed lessons, each once. */
    int sendReminders() {
        int day = sweep(
                "24h reminders",
                () -> store.claimReminders(clock.instant(), DAY, HOUR, true, properties.sweepBatch()),
                booking -> remind(booking, true));
        int hour = sweep(
                "1h reminders",
                () -> store.claimReminders(clock.instant(), HOUR, Duration.ZERO, false, properties.sweepBatch()),
                booking -> remind(booking, false));
        return day + hour;
    }

    private void remind(Booking booking, boolean dayBefore) {
        Instant now = clock.instant();
        store.markReminded(booking.id(), dayBefore, now);
        journal.publish(new BookingReminderDue(
                TenantContext.require(),
                BookingId.of(booking.id()),
                TutorId.of(booking.tutorId()),
                UserId.of(booking.studentId()),
                booking.bookedBy(),
                dayBefore ? BookingReminderDue.DAY_BEFORE : BookingReminderDue.HOUR_BEFORE,
                booking.startsAt(),
                booking.endsAt(),
                now));
    }

    /** Claims and handles due bookings batch by batch in every tenant with a timer due; returns how many were handled. */
    private int sweep(String what, Supplier<List<Booking>> claim, Consumer<Booking> handle) {
        int handled = 0;
        for (TenantId tenant : store.tenantsWithDueTimers(clock.instant(), properties)) {
            try {
                handled += TenantContext.callAs(tenant, () -> sweepTenant(claim, handle));
            } catch (RuntimeException e) {
                // one tenant's failure must not starve the others; the next sweep tries again
                log.error("Booking {} failed in tenant {}", what, tenant, e);
            }
        }
        if (handled > 0) {
            log.info("Booking {}: {} bookings", what, handled);
        }
        return handled;
    }

    private int sweepTenant(Supplier<List<Booking>> claim, Consumer<Booking> handle) {
        int handled = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_TENANT; batch++) {
            Integer count = transactions.execute(status -> {
                List<Booking> due = claim.get();
                due.forEach(handle);
                return due.size();
            });
            handled += count == null ? 0 : count;
            if (count == null || count < properties.sweepBatch()) {
                break;
            }
        }
        return handled;
    }
}
