package io.lyceum.messaging;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.Role;
import io.lyceum.scheduling.BookingCancelled;
import io.lyceum.scheduling.BookingConfirmed;
import io.lyceum.scheduling.BookingPlaced;
import io.lyceum.scheduling.BookingRescheduled;
import io.lyceum.scheduling.PreliminaryMeetingRequested;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens conversations and posts system messages from scheduling's booking events. Runs after the booking's
 * transaction commits, on the JDBC event publication registry, with the event's tenant bound by the tenancy module's
 * listener binding; redeliveries post nothing twice (each system message has a dedupe key per booking event).
 */
@Component
class BookingConversations {

    private final MessagingFacade messaging;
    private final ConversationStore conversations;
    private final AccountsApi accounts;
    private final SchedulingApi scheduling;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BookingConversations(
            MessagingFacade messaging,
            ConversationStore conversations,
            AccountsApi accounts,
            SchedulingApi scheduling,
            TransactionTemplate transactions,
            Clock clock) {
        this.messaging = messaging;
        this.conversations = conversations;
        this.accounts = accounts;
        this.scheduling = scheduling;
        this.transactions = transactions;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(BookingPlaced event) {
        String why = event.coursePackId() != null ? "ENROLLMENT" : "BOOKING";
        messaging.openConversation(
                ConversationType.STUDENT_TUTOR,
                event.studentId().value(),
                event.tutorId().value(),
                why);
        guardian(event.bookedBy(), event.studentId().value())
                .ifPresent(g -> messaging.openConversation(
                        ConversationType.GUARDIAN_TUTOR, g, event.tutorId().value(), why));
    }

    @ApplicationModuleListener
    void on(PreliminaryMeetingRequested event) {
        String why = "PRELIMINARY_MEETING";
        messaging.openConversation(
                ConversationType.STUDENT_TUTOR,
                event.studentId().value(),
                event.tutorId().value(),
                why);
        guardian(event.requestedBy(), event.studentId().value())
                .ifPresent(g -> messaging.openConversation(
                        ConversationType.GUARDIAN_TUTOR, g, event.tutorId().value(), why));
    }

    @ApplicationModuleListener
    void on(BookingConfirmed event) {
        {
            scheduling
                    .findBooking(event.bookingId())
                    .filter(b -> b.price() != null && b.price().amount() > 0)
                    .ifPresent(b -> transactions.executeWithoutResult(status -> {
                        conversations.recordPaidPair(
                                event.studentId().value(), event.tutorId().value(), clock.instant());
                        if (!event.bookedBy().equals(event.studentId().value())) {
                            conversations.recordPaidPair(
                                    event.bookedBy(), event.tutorId().value(), clock.instant());
                        }
                    }));
            post(
                    event.tenantId(),
                    event.bookingId().value(),
                    event.studentId().value(),
                    event.tutorId().value(),
                    event.bookedBy(),
                    "booking.confirmed",
                    "Lesson confirmed for " + event.startsAt() + ".",
                    Map.of(
                            "startsAt",
                            event.startsAt().toString(),
                            "endsAt",
                            event.endsAt().toString()));
        }
    }

    @ApplicationModuleListener
    void on(BookingRescheduled event) {
        post(
                event.tenantId(),
                event.bookingId().value(),
                event.studentId().value(),
                event.tutorId().value(),
                null,
                "booking.rescheduled",
                "Lesson moved from " + event.previousStartsAt() + " to " + event.startsAt() + ".",
                Map.of(
                        "previousStartsAt", event.previousStartsAt().toString(),
                        "startsAt", event.startsAt().toString(),
                        "occurredAt", event.occurredAt().toString()));
    }

    @ApplicationModuleListener
    void on(BookingCancelled event) {
        post(
                event.tenantId(),
                event.bookingId().value(),
                event.studentId().value(),
                event.tutorId().value(),
                null,
                "booking.cancelled",
                "Lesson of " + event.startsAt() + " cancelled" + (event.reason() == null ? "." : ": " + event.reason()),
                Map.of("startsAt", event.startsAt().toString(), "cancelledBy", String.valueOf(event.actorRole())));
    }

    private void post(
            TenantId tenant,
            UUID bookingId,
            UUID studentId,
            UUID tutorId,
            @Nullable UUID bookedBy,
            String action,
            String text,
            Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>(extra);
        data.put("bookingId", bookingId.toString());
        String key = action + ":" + bookingId + ":" + data.getOrDefault("startsAt", "");
        messaging.postSystemMessage(ConversationType.STUDENT_TUTOR, studentId, tutorId, action, text, data, key);
        if (bookedBy != null) {
            guardian(bookedBy, studentId)
                    .ifPresent(g -> messaging.postSystemMessage(
                            ConversationType.GUARDIAN_TUTOR, g, tutorId, action, text, data, key));
        }
    }

    /** The guardian who booked for a student, if a guardian did. */
    private java.util.Optional<UUID> guardian(UUID bookedBy, UUID studentId) {
        if (bookedBy == null || bookedBy.equals(studentId)) {
            return java.util.Optional.empty();
        }
        return accounts.findUser(UserId.of(bookedBy))
                .filter(u -> u.role() == Role.GUARDIAN)
                .map(u -> u.id());
    }
}
