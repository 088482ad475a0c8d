package io.lyceum.scheduling;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Test-only: records every scheduling event whose transaction committed, for assertions on what was published. A plain
 * listener (not a transactional one) so that the event publication registry does not persist a publication for it.
 */
@Component
class RecordedBookingEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(Object event) {
        if (!(event instanceof Record)
                || !event.getClass().getPackageName().equals("io.lyceum.scheduling")
                || !event.getClass().getSimpleName().startsWith("Booking")) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.add(event);
                }
            });
        } else {
            events.add(event);
        }
    }

    /** The committed events of a type, in publication order. */
    <T extends Record> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The committed events of a type about one booking, in publication order. */
    <T extends Record> List<T> of(Class<T> type, UUID bookingId) {
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(e -> bookingId.equals(bookingIdOf(e)))
                .toList();
    }

    private static UUID bookingIdOf(Record event) {
        try {
            Object id = event.getClass().getMethod("bookingId").invoke(event);
            return id instanceof io.lyceum.shared.BookingId typed ? typed.value() : (UUID) id;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
