package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes a booking's history and publishes {@link BookingStateChanged} for every change of state, in the caller's
 * transaction: a transition, its history row and its events commit together or not at all.
 */
@Component
class BookingJournal {

    /** Who made a change: a signed-in user, or the system (timers) or billing (payment answers) with no user. */
    record Actor(@Nullable UUID id, String role) {

        static final Actor SYSTEM = new Actor(null, "SYSTEM");
        static final Actor BILLING = new Actor(null, "BILLING");
    }

    private final BookingStore store;
    private final ApplicationEventPublisher events;

    BookingJournal(BookingStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    void record(
            Booking booking,
            @Nullable BookingState from,
            BookingState to,
            Actor actor,
            @Nullable String reason,
            @Nullable Map<String, Object> details,
            Instant at) {
        store.appendHistory(booking.id(), from, to, actor.id(), actor.role(), reason, details, at);
        if (from != to) {
            events.publishEvent(new BookingStateChanged(
                    TenantContext.require(),
                    BookingId.of(booking.id()),
                    TutorId.of(booking.tutorId()),
                    UserId.of(booking.studentId()),
                    from,
                    to,
                    actor.id(),
                    actor.role(),
                    reason,
                    at));
        }
    }

    void publish(Object event) {
        events.publishEvent(event);
    }
}
