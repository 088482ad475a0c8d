package io.lyceum.scheduling;

import io.lyceum.shared.LyceumException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/** Makes a booking's lesson room as soon as it is confirmed. Idempotent: a booking that has a room keeps it. */
@Component
class LessonRoomListener {

    private static final Logger log = LoggerFactory.getLogger(LessonRoomListener.class);

    private final LessonRoomService rooms;

    LessonRoomListener(LessonRoomService rooms) {
        this.rooms = rooms;
    }

    // no transaction: making a room may call the room provider (DESIGN.md section 12)
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(BookingConfirmed event) {
        try {
            rooms.ensureRoom(event.bookingId().value());
        } catch (LyceumException e) {
            // the provider is down: the first launch makes the room instead
            log.warn("Could not make the room of booking {} now: {}", event.bookingId(), e.getMessage());
        }
    }
}
