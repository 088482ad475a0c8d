package io.lyceum.messaging;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fan-out through PostgreSQL LISTEN/NOTIFY. {@code pg_notify} runs on the caller's connection, so within a transaction
 * PostgreSQL delivers it only on commit. Each instance keeps one dedicated listening connection, opened with the
 * application's credentials but outside the pool (a pooled connection would be handed to others, and a
 * transaction-pooling proxy would drop the LISTEN), and polls it on a virtual thread; a broken connection is
 * reopened with back-off. Notifications lost meanwhile cost nothing: the hub fills gaps from the table by sequence.
 */
@Component
class PostgresRoomFanout implements RoomFanout, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresRoomFanout.class);

    private final JdbcClient jdbc;
    private final JdbcConnectionDetails connection;
    private final JsonMapper json;
    private final String channel;
    private final List<Consumer<RoomEvent>> receivers = new CopyOnWriteArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean running;
    private volatile boolean listening;
    private volatile @Nullable Connection listener;
    private @Nullable Thread thread;

    PostgresRoomFanout(
            JdbcClient jdbc, JdbcConnectionDetails connection, JsonMapper json, MessagingProperties properties) {
        this.jdbc = jdbc;
        this.connection = connection;
        this.json = json;
        this.channel = properties.fanoutChannel();
    }

    record Payload(
            UUID t,
            @Nullable UUID r,
            String k,
            @Nullable Long s,
            @Nullable UUID m,
            @Nullable UUID u,
            @Nullable String n) {}

    @Override
    public void publish(RoomEvent event) {
        String payload = json.writeValueAsString(new Payload(
                event.tenantId(),
                event.roomId(),
                event.kind(),
                event.seq(),
                event.messageId(),
                event.userId(),
                event.note()));
        jdbc.sql("SELECT pg_notify(:channel, :payload)")
                .param("channel", channel)
                .param("payload", payload)
                .query((rs, i) -> 1)
                .single();
    }

    @Override
    public void subscribe(Consumer<RoomEvent> receiver) {
        receivers.add(receiver);
    }

    @Override
    public Map<String, Object> health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fanout", "postgres-listen-notify");
        details.put("listening", listening);
        details.put("notificationsReceived", received.get());
        details.put("reconnects", reconnects.get());
        details.put(
                "notificationQueueUsage",
                jdbc.sql("SELECT pg_notification_queue_usage()")
                        .query(Double.class)
                        .single());
        return details;
    }

    boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("chat-fanout-listener").start(this::listenLoop);
    }

    @Override
    public void stop() {
        running = false;
        closeListener();
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listenLoop() {
        long backoff = 100;
        while (running) {
            try (Connection conn = DriverManager.getConnection(
                    connection.getJdbcUrl(), connection.getUsername(), connection.getPassword())) {
                listener = conn;
                try (Statement statement = conn.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                listening = true;
                backoff = 100;
                PGConnection pg = conn.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        received.incrementAndGet();
                        dispatch(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Chat fan-out listener lost its connection ({}); reconnecting", e.getMessage());
                }
            } finally {
                listening = false;
                listener = null;
            }
            if (running) {
                reconnects.incrementAndGet();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void dispatch(String text) {
        RoomEvent event;
        try {
            Payload p = json.readValue(text, Payload.class);
            event = new RoomEvent(p.t(), p.r(), p.k(), p.s(), p.m(), p.u(), p.n());
        } catch (RuntimeException e) {
            log.warn("Ignoring a malformed chat notification: {}", text);
            return;
        }
        for (Consumer<RoomEvent> receiver : receivers) {
            try {
                receiver.accept(event);
            } catch (RuntimeException e) {
                log.warn("A chat event receiver failed on {}: {}", event.kind(), e.toString());
            }
        }
    }

    private void closeListener() {
        Connection conn = listener;
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // closing to stop: nothing to do
            }
        }
    }
}
