package io.lyceum.messaging;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code messaging} in the health details: whether this instance listens for chat fan-out, how full PostgreSQL's
 * notification queue is ({@code pg_notification_queue_usage()}, 0 to 1; it fills behind a stuck listener and NOTIFY
 * fails when it is full), and the sockets connected here. Down when the queue is 90% full; a listener reconnecting
 * shows as {@code listening: false} without failing the whole application's health.
 */
@Component("messagingHealthIndicator")
class MessagingHealth implements HealthIndicator {

    private final RoomFanout fanout;
    private final ChatHub hub;

    MessagingHealth(RoomFanout fanout, ChatHub hub) {
        this.fanout = fanout;
        this.hub = hub;
    }

    @Override
    public Health health() {
        var details = fanout.health();
        double usage = details.get("notificationQueueUsage") instanceof Number n ? n.doubleValue() : 0;
        var builder = usage < 0.9 ? Health.up() : Health.down();
        return builder.withDetails(details)
                .withDetail("connectedSockets", hub.connectedSockets())
                .build();
    }
}
