package io.lyceum.scheduling;

import io.lyceum.scheduling.Bookings.Party;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What can happen to a booking: a party's request (a route), billing's answer or a timer. Each says who may do it,
 * which recurring job runs it and which events it publishes; {@link BookingLifecycle} says from which states to which.
 */
enum BookingAction {
    BOOK("book", "booked", parties(Party.STUDENT, Party.GUARDIAN), null, null, BookingPlaced.class),
    PAYMENT_SUCCEEDED(
            "payment succeeded",
            "paid",
            Set.of(),
            null,
            null,
            BookingConfirmed.class,
            BookingRequested.class,
            BookingExpired.class,
            BookingPaymentArrivedTooLate.class),
    PAYMENT_FAILED("payment failed", "failed", Set.of(), null, null, BookingExpired.class),
    HOLD_EXPIRY("hold expired", "expired", Set.of(), BookingTimerJobs.HOLD_EXPIRY, null, BookingExpired.class),
    CANCEL(
            "cancel",
            "cancelled",
            parties(Party.STUDENT, Party.GUARDIAN, Party.TUTOR, Party.ADMIN),
            null,
            null,
            BookingCancelled.class),
    BILLING_RELEASE(
            "billing takes it back", "released", Set.of(), null, null, BookingExpired.class, BookingCancelled.class),
    RESCHEDULE(
            "reschedule",
            "rescheduled",
            parties(Party.STUDENT, Party.GUARDIAN, Party.TUTOR),
            null,
            "Only the booking's parties move it; admins cancel.",
            BookingRescheduled.class,
            BookingRequested.class),
    ASSIGN_STUDENT(
            "guardian assigns a student",
            "reassigned",
            parties(Party.GUARDIAN),
            null,
            "Only the guardian who made the booking assigns a student to it.",
            BookingStudentAssigned.class),
    CONFIRM(
            "tutor confirms",
            "confirmed",
            parties(Party.TUTOR),
            null,
            "Only the booking's tutor confirms it.",
            BookingConfirmed.class),
    DECLINE(
            "tutor declines",
            "declined",
            parties(Party.TUTOR),
            null,
            "Only the booking's tutor declines it.",
            BookingDeclined.class),
    AUTO_DECLINE(
            "no answer by the deadline",
            "declined",
            Set.of(),
            BookingTimerJobs.AUTO_DECLINE,
            null,
            BookingDeclined.class),
    AUTO_COMPLETE(
            "end + grace passed", "completed", Set.of(), BookingTimerJobs.AUTO_COMPLETE, null, BookingCompleted.class),
    MARK_NO_SHOW_STUDENT(
            "tutor reports",
            "reported as a no-show",
            parties(Party.TUTOR),
            null,
            "Only the booking's tutor reports the student absent.",
            BookingNoShowReported.class),
    MARK_NO_SHOW_TUTOR(
            "student side reports",
            "reported as a no-show",
            parties(Party.STUDENT, Party.GUARDIAN, Party.ADMIN),
            null,
            "The student, their guardian or an admin reports the tutor absent.",
            BookingNoShowReported.class),
    DISPUTE(
            "participant, within the window",
            "disputed",
            parties(Party.STUDENT, Party.GUARDIAN, Party.TUTOR),
            null,
            "Only the booking's participants open disputes.",
            BookingDisputed.class),
    RESOLVE(
            "admin",
            "resolved",
            parties(Party.ADMIN),
            null,
            "Only admins resolve disputes.",
            BookingDisputeResolved.class);

    /** The words on the diagram's arrows in {@code docs/bookings.md}. */
    final String label;
    /** How a refusal names it: "A booking in state X cannot be {@code pastTense}." */
    final String pastTense;
    /** Who may ask for it; empty for billing's answers and timers. */
    final Set<Party> parties;
    /** The recurring job ({@link BookingTimerJobs}) that runs it, or null. */
    final @Nullable String timer;
    /** The 403 detail for a party that may see the booking but not do this; null when no party may ask for it. */
    final @Nullable String forbiddenDetail;
    /** The events it may publish. */
    final List<Class<?>> events;

    BookingAction(
            String label,
            String pastTense,
            Set<Party> parties,
            @Nullable String timer,
            @Nullable String forbiddenDetail,
            Class<?>... events) {
        this.label = label;
        this.pastTense = pastTense;
        this.parties = parties;
        this.timer = timer;
        this.forbiddenDetail = forbiddenDetail;
        this.events = List.of(events);
    }

    /** The 403 detail for a party refused: every action that refuses some party has one. */
    String refusal() {
        return Objects.requireNonNull(forbiddenDetail, () -> this + " refuses no party");
    }

    boolean mayBeDoneBy(Party party) {
        return parties.contains(party);
    }

    private static Set<Party> parties(Party first, Party... rest) {
        return Set.copyOf(EnumSet.of(first, rest));
    }
}
