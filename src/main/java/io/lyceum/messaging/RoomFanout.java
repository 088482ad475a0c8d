package io.lyceum.messaging;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries room events to every application instance, this one included. The default is PostgreSQL LISTEN/NOTIFY
 * ({@link PostgresRoomFanout}); a message broker can replace it behind this interface. Delivery is at most once and
 * may be lost (a listener's connection drops): clients resume by message sequence, so nothing is lost to them.
 */
interface RoomFanout {

    /** Announces an event. Inside a transaction it is sent only if, and when, the transaction commits. */
    void publish(RoomEvent event);

    /** Registers the receiver of every event (one per instance: the hub). */
    void subscribe(Consumer<RoomEvent> receiver);

    /** Details for the health endpoint. */
    Map<String, Object> health();
}
