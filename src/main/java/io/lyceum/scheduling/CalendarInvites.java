package io.lyceum.scheduling;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.UserSummary;
import io.lyceum.mail.Attachment;
import io.lyceum.mail.Outbox;
import io.lyceum.scheduling.CalendarDocuments.Person;
import io.lyceum.scheduling.CalendarFeedStore.CalendarBooking;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Emails with an .ics invite to everyone taking part in a lesson (tutor, student, and the guardian who booked): a
 * {@code METHOD:REQUEST} when it is confirmed, another (same UID, higher SEQUENCE) when it moves, a
 * {@code METHOD:CANCEL} when it is cancelled. Updates and cancellations go only to lessons whose confirmation was
 * sent, so a request that was never confirmed leaves no trace in anyone's calendar. Each (booking, event) is sent
 * once, however often its event is delivered.
 */
@Component
class CalendarInvites {

    static final String CONFIRMED = "confirmed";
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final CalendarFeedStore store;
    private final AccountsApi accounts;
    private final Outbox outbox;
    private final CalendarProperties properties;
    private final RoomsProperties rooms;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CalendarInvites(
            CalendarFeedStore store,
            AccountsApi accounts,
            Outbox outbox,
            CalendarProperties properties,
            RoomsProperties rooms,
            TransactionTemplate transactions,
            Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.outbox = outbox;
        this.properties = properties;
        this.rooms = rooms;
        this.transactions = transactions;
        this.clock = clock;
    }

    private enum Kind {
        CONFIRMED("confirmed"),
        MOVED("moved"),
        CANCELLED("cancelled");

        final String subjectKey;
        final String bodyKey;

        Kind(String key) {
            this.subjectKey = "invite.subject." + key;
            this.bodyKey = "invite.body." + key;
        }
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(BookingConfirmed event) {
        send(event.tenantId(), event.bookingId().value(), CONFIRMED, Kind.CONFIRMED);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(BookingRescheduled event) {
        send(
                event.tenantId(),
                event.bookingId().value(),
                "rescheduled:" + event.occurredAt().toEpochMilli(),
                Kind.MOVED);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(BookingCancelled event) {
        send(event.tenantId(), event.bookingId().value(), "cancelled", Kind.CANCELLED);
    }

    private void send(TenantId tenant, UUID bookingId, String eventKey, Kind kind) {
        if (!properties.invites()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            CalendarBooking booking = store.booking(bookingId).orElse(null);
            if (booking == null || !applies(booking, kind)) {
                return;
            }
            if (kind != Kind.CONFIRMED && !store.inviteSent(bookingId, CONFIRMED)) {
                return; // never confirmed: no calendar holds it
            }
            Instant now = clock.instant();
            if (!store.markInviteSent(bookingId, eventKey, now)) {
                return; // sent already
            }
            Person organizer = new Person(properties.organizerName(), properties.organizerEmail());
            var everyone = new LessonTexts(accounts, rooms.launchLeadTime());
            for (UUID participant : booking.participants()) {
                // each reads the invite in their own language and time zone
                var texts = everyone.forReader(participant);
                UserSummary user = texts.user(participant).orElse(null);
                if (user == null || user.email() == null || user.email().isBlank()) {
                    continue;
                }
                var lesson = texts.lesson(booking, participant, true);
                String ics = CalendarDocuments.invite(lesson, organizer, now);
                String method = lesson.cancelled() ? "CANCEL" : "REQUEST";
                String when = when(booking, user, texts);
                outbox.email(
                        user.email(),
                        texts.text(kind.subjectKey, when),
                        texts.text(
                                kind.bodyKey,
                                lesson.summary(),
                                when,
                                String.valueOf(rooms.launchLeadTime().toMinutes())),
                        List.of(Attachment.text(
                                lesson.cancelled() ? "cancel.ics" : "invite.ics",
                                "text/calendar; method=" + method + "; charset=UTF-8",
                                ics)));
            }
        });
    }

    /**
     * The booking's invite as a participant's calendar should hold it now: a REQUEST while the lesson occupies its slot,
     * a CANCEL once it no longer does (its SEQUENCE follows the reschedules). Empty for anyone else or no such booking.
     */
    java.util.Optional<Attachment> inviteFor(UUID bookingId, UUID participant) {
        CalendarBooking booking = store.booking(bookingId).orElse(null);
        if (booking == null || !booking.participants().contains(participant)) {
            return java.util.Optional.empty();
        }
        var lesson = new LessonTexts(accounts, rooms.launchLeadTime())
                .forReader(participant)
                .lesson(booking, participant, true);
        Person organizer = new Person(properties.organizerName(), properties.organizerEmail());
        String ics = CalendarDocuments.invite(lesson, organizer, clock.instant());
        return java.util.Optional.of(Attachment.text(
                lesson.cancelled() ? "cancel.ics" : "invite.ics",
                "text/calendar; method=" + (lesson.cancelled() ? "CANCEL" : "REQUEST") + "; charset=UTF-8",
                ics));
    }

    /** Whether the booking is still in the state the event speaks of (a later change sends its own email). */
    private static boolean applies(CalendarBooking booking, Kind kind) {
        return switch (kind) {
            case CONFIRMED, MOVED -> booking.state() == BookingState.CONFIRMED;
            case CANCELLED -> booking.state() == BookingState.CANCELLED;
        };
    }

    private static String when(CalendarBooking booking, UserSummary user, LessonTexts texts) {
        ZoneId zone;
        try {
            zone = user.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(user.timeZone());
        } catch (DateTimeException e) {
            zone = ZoneOffset.UTC;
        }
        DateTimeFormatter day = DateTimeFormatter.ofPattern(texts.text("when.pattern"), texts.locale());
        return day.format(booking.startsAt().atZone(zone)) + "–"
                + UNTIL.format(booking.endsAt().atZone(zone)) + " (" + zone.getId() + ")";
    }
}
