package io.lyceum.notifications;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.UserSummary;
import io.lyceum.scheduling.BookingCancelled;
import io.lyceum.scheduling.BookingConfirmed;
import io.lyceum.scheduling.BookingDeclined;
import io.lyceum.scheduling.BookingDisputeResolved;
import io.lyceum.scheduling.BookingDisputed;
import io.lyceum.scheduling.BookingExpired;
import io.lyceum.scheduling.BookingHoldExpiring;
import io.lyceum.scheduling.BookingNoShowReported;
import io.lyceum.scheduling.BookingReminderDue;
import io.lyceum.scheduling.BookingRequested;
import io.lyceum.scheduling.BookingRescheduled;
import io.lyceum.scheduling.BookingState;
import io.lyceum.scheduling.BookingSummary;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Who hears about what happens to a booking. The student side is the student and, when someone else booked, that
 * guardian; whoever acted is not told of their own act.
 */
@Component
class BookingNotifications {

    private final Notifier notifier;
    private final AccountsApi accounts;
    private final SchedulingApi scheduling;

    BookingNotifications(Notifier notifier, AccountsApi accounts, SchedulingApi scheduling) {
        this.notifier = notifier;
        this.accounts = accounts;
        this.scheduling = scheduling;
    }

    /** The tutor of a request waiting for their answer: with links to confirm and decline. */
    @ApplicationModuleListener
    void on(BookingRequested event) {
        Map<String, Object> values = values(event.bookingId().value(), event.startsAt());
        values.put("student", name(event.studentId().value()));
        values.put("confirmBy", event.confirmBy());
        notifier.notify(
                event.tutorId().value(),
                NotificationKind.BOOKING_REQUESTED,
                requestKey(event.bookingId().value(), event.startsAt()),
                values);
    }

    @ApplicationModuleListener
    void on(BookingConfirmed event) {
        String key = "booking.confirmed:" + event.bookingId() + ":" + event.startsAt();
        for (UUID person : studentSide(event.studentId().value(), event.bookedBy())) {
            notifyParty(
                    person,
                    event.tutorId().value(),
                    NotificationKind.BOOKING_CONFIRMED,
                    key,
                    event.bookingId().value(),
                    event.startsAt());
        }
        // a tutor who answered a request confirmed it themselves; one whose bookings confirm automatically learns here
        if (!notifier.notified(
                event.tutorId().value(), requestKey(event.bookingId().value(), event.startsAt()))) {
            notifyParty(
                    event.tutorId().value(),
                    event.studentId().value(),
                    NotificationKind.BOOKING_CONFIRMED,
                    key,
                    event.bookingId().value(),
                    event.startsAt());
        }
    }

    @ApplicationModuleListener
    void on(BookingDeclined event) {
        String key = "booking.declined:" + event.bookingId();
        for (UUID person : studentSide(event.studentId().value(), event.bookedBy())) {
            notifyParty(
                    person,
                    event.tutorId().value(),
                    NotificationKind.BOOKING_DECLINED,
                    key,
                    event.bookingId().value(),
                    event.startsAt());
        }
    }

    @ApplicationModuleListener
    void on(BookingCancelled event) {
        BookingSummary booking = scheduling.findBooking(event.bookingId()).orElse(null);
        UUID bookedBy = booking == null ? null : booking.bookedBy();
        String key = "booking.cancelled:" + event.bookingId();
        Map<String, Object> money = new HashMap<>();
        if (event.decision() != null) {
            money.put("refund", event.decision().refund());
            money.put("fee", event.decision().fee());
        }
        for (UUID person : studentSide(event.studentId().value(), bookedBy)) {
            if (!person.equals(event.actorId())) {
                notifyParty(
                        person,
                        event.tutorId().value(),
                        NotificationKind.BOOKING_CANCELLED,
                        key,
                        event.bookingId().value(),
                        event.startsAt(),
                        money);
            }
        }
        if (!event.tutorId().value().equals(event.actorId())) {
            notifyParty(
                    event.tutorId().value(),
                    event.studentId().value(),
                    NotificationKind.BOOKING_CANCELLED,
                    key,
                    event.bookingId().value(),
                    event.startsAt(),
                    money);
        }
    }

    @ApplicationModuleListener
    void on(BookingRescheduled event) {
        BookingSummary booking = scheduling.findBooking(event.bookingId()).orElse(null);
        UUID bookedBy = booking == null ? null : booking.bookedBy();
        String key = "booking.rescheduled:" + event.bookingId() + ":" + event.startsAt();
        Map<String, Object> extra = Map.of("previous", event.previousStartsAt());
        for (UUID person : studentSide(event.studentId().value(), bookedBy)) {
            if (!person.equals(event.actorId())) {
                notifyParty(
                        person,
                        event.tutorId().value(),
                        NotificationKind.BOOKING_RESCHEDULED,
                        key,
                        event.bookingId().value(),
                        event.startsAt(),
                        extra);
            }
        }
        if (!event.tutorId().value().equals(event.actorId())) {
            notifyParty(
                    event.tutorId().value(),
                    event.studentId().value(),
                    NotificationKind.BOOKING_RESCHEDULED,
                    key,
                    event.bookingId().value(),
                    event.startsAt(),
                    extra);
        }
    }

    /** The hold of an unpaid lesson ends soon: the student side, while there is still time to pay. */
    @ApplicationModuleListener
    void on(BookingHoldExpiring event) {
        String key = "booking.hold_expiring:" + event.bookingId();
        for (UUID person : studentSide(event.studentId().value(), event.bookedBy())) {
            notifyParty(
                    person,
                    event.tutorId().value(),
                    NotificationKind.BOOKING_HOLD_EXPIRING,
                    key,
                    event.bookingId().value(),
                    event.startsAt(),
                    Map.of("expires", event.holdExpiresAt()));
        }
    }

    /** A held lesson released: the hold expired, or the payment failed (the student side). */
    @ApplicationModuleListener
    void on(BookingExpired event) {
        BookingSummary booking = scheduling.findBooking(event.bookingId()).orElse(null);
        UUID bookedBy = booking == null ? null : booking.bookedBy();
        Instant startsAt = booking == null ? null : booking.startsAt();
        NotificationKind kind = BookingExpired.PAYMENT_FAILED.equals(event.cause())
                ? NotificationKind.PAYMENT_FAILED
                : NotificationKind.BOOKING_HOLD_EXPIRED;
        String key = kind.key + ":" + event.bookingId();
        for (UUID person : studentSide(event.studentId().value(), bookedBy)) {
            notifyParty(
                    person,
                    event.tutorId().value(),
                    kind,
                    key,
                    event.bookingId().value(),
                    startsAt);
        }
    }

    /** 24 hours and 1 hour before: everyone taking part. */
    @ApplicationModuleListener
    void on(BookingReminderDue event) {
        NotificationKind kind = BookingReminderDue.HOUR_BEFORE.equals(event.kind())
                ? NotificationKind.REMINDER_HOUR_BEFORE
                : NotificationKind.REMINDER_DAY_BEFORE;
        String key = kind.key + ":" + event.bookingId() + ":" + event.startsAt();
        for (UUID person : studentSide(event.studentId().value(), event.bookedBy())) {
            notifyParty(
                    person,
                    event.tutorId().value(),
                    kind,
                    key,
                    event.bookingId().value(),
                    event.startsAt());
        }
        notifyParty(
                event.tutorId().value(),
                event.studentId().value(),
                kind,
                key,
                event.bookingId().value(),
                event.startsAt());
    }

    /** The party reported absent (and the student side when an admin reported the tutor). */
    @ApplicationModuleListener
    void on(BookingNoShowReported event) {
        boolean studentAbsent = event.state() == BookingState.NO_SHOW_STUDENT;
        Map<String, Object> extra = new HashMap<>();
        extra.put(
                "absent",
                name(studentAbsent ? event.studentId().value() : event.tutorId().value()));
        extra.put("disputableUntil", event.disputableUntil());
        tellBothSides(
                event.bookingId(),
                event.studentId(),
                event.tutorId(),
                event.actorId(),
                NotificationKind.NO_SHOW_REPORTED,
                "booking.no_show:" + event.bookingId(),
                extra);
    }

    @ApplicationModuleListener
    void on(BookingDisputed event) {
        Map<String, Object> extra = Map.of("reason", event.reason() == null ? "" : event.reason());
        String key = "dispute.opened:" + event.bookingId();
        Told told = tellBothSides(
                event.bookingId(),
                event.studentId(),
                event.tutorId(),
                event.actorId(),
                NotificationKind.DISPUTE_OPENED,
                key,
                extra);
        // the tenant's staff settle disputes
        for (UUID admin : UserId.valuesOf(accounts.staff())) {
            if (!told.people().contains(admin) && !admin.equals(event.actorId())) {
                notifyParty(
                        admin,
                        event.tutorId().value(),
                        NotificationKind.DISPUTE_OPENED,
                        key,
                        event.bookingId().value(),
                        told.startsAt(),
                        extra);
            }
        }
    }

    @ApplicationModuleListener
    void on(BookingDisputeResolved event) {
        tellBothSides(
                event.bookingId(),
                event.studentId(),
                event.tutorId(),
                null, // an admin settles: both sides hear the outcome
                NotificationKind.DISPUTE_SETTLED,
                "dispute.settled:" + event.bookingId(),
                Map.of("refund", event.studentRefund(), "tutorAmount", event.tutorAmount()));
    }

    /** Who heard of a booking's news, and when its lesson starts (null when the booking is gone). */
    private record Told(Set<UUID> people, @Nullable Instant startsAt) {}

    /**
     * Tells the student's side (the student and whoever booked for them) and the tutor, except the person who acted,
     * each naming the other side.
     */
    private Told tellBothSides(
            BookingId bookingId,
            UserId studentId,
            TutorId tutorId,
            @Nullable UUID actorId,
            NotificationKind kind,
            String key,
            Map<String, Object> extra) {
        BookingSummary booking = scheduling.findBooking(bookingId).orElse(null);
        UUID bookedBy = booking == null ? null : booking.bookedBy();
        Instant startsAt = booking == null ? null : booking.startsAt();
        Set<UUID> told = new LinkedHashSet<>(studentSide(studentId.value(), bookedBy));
        told.add(tutorId.value());
        if (actorId != null) {
            told.remove(actorId);
        }
        for (UUID person : told) {
            UUID other = person.equals(tutorId.value()) ? studentId.value() : tutorId.value();
            notifyParty(person, other, kind, key, bookingId.value(), startsAt, extra);
        }
        return new Told(told, startsAt);
    }

    // ----

    private static String requestKey(UUID bookingId, Instant startsAt) {
        return "booking.requested:" + bookingId + ":" + startsAt;
    }

    private static Set<UUID> studentSide(UUID studentId, @Nullable UUID bookedBy) {
        Set<UUID> side = new LinkedHashSet<>();
        side.add(studentId);
        if (bookedBy != null) {
            side.add(bookedBy);
        }
        return side;
    }

    private void notifyParty(
            UUID person, UUID other, NotificationKind kind, String key, UUID bookingId, @Nullable Instant startsAt) {
        notifyParty(person, other, kind, key, bookingId, startsAt, Map.of());
    }

    private void notifyParty(
            UUID person,
            UUID other,
            NotificationKind kind,
            String key,
            UUID bookingId,
            @Nullable Instant startsAt,
            Map<String, Object> extra) {
        Map<String, Object> values = values(bookingId, startsAt);
        values.put("other", name(other));
        values.putAll(extra);
        notifier.notify(person, kind, key, values);
    }

    private static Map<String, Object> values(UUID bookingId, @Nullable Instant startsAt) {
        Map<String, Object> values = new HashMap<>();
        values.put("bookingId", bookingId);
        values.put("when", startsAt);
        return values;
    }

    private String name(UUID userId) {
        return userId == null
                ? ""
                : accounts.findUser(UserId.of(userId))
                        .map(UserSummary::fullName)
                        .orElse("");
    }
}
