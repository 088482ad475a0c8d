package io.lyceum.scheduling;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Test-only listener that records every {@link AvailabilityChanged} the application publishes. */
@Component
class AvailabilityEventsProbe {

    private final ConcurrentLinkedQueue<AvailabilityChanged> received = new ConcurrentLinkedQueue<>();

    @EventListener
    void on(AvailabilityChanged event) {
        received.add(event);
    }

    List<AvailabilityChanged> of(UUID tutorId) {
        return received.stream()
                .filter(e -> e.tutorId().value().equals(tutorId))
                .toList();
    }

    void clear() {
        received.clear();
    }
}
