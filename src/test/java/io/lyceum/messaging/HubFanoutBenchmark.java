package io.lyceum.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Realtime fan-out over two instances on one database: {@code bench.clients} WebSocket clients (default 1,000), half
 * connected to each instance, in rooms of {@code bench.socketsPerRoom} sockets (two users, each with sockets on both
 * instances). One sender per user sends {@code bench.messages} messages, each after the previous one's ack (closed
 * loop). Measures, for every delivery to every socket, the time from sending the frame to receiving the message
 * frame, and the messages committed and deliveries made per second. The per-user send limit is lifted for the run.
 * Not part of the default build (surefire includes only *Test, *Tests and *Properties); run it with
 * {@code ./mvnw -B -ntp -Dtest=HubFanoutBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
@TestPropertySource(properties = "lyceum.messaging.messages-per-minute=1000000")
class HubFanoutBenchmark extends MessagingTestBase {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 1000);
    private static final int SOCKETS_PER_ROOM = Integer.getInteger("bench.socketsPerRoom", 20);
    private static final int MESSAGES = Integer.getInteger("bench.messages", 20);

    @Autowired
    EmbeddedPostgres postgres;

    /** A benchmark socket: timestamps every message frame by client id. */
    static final class Socket implements WebSocket.Listener {
        final UUID room;
        final Map<String, Long> sentAt;
        final List<Long> latencies;
        final CountDownLatch delivered;
        final AtomicLong deliveries;
        final CompletableFuture<Void> joined = new CompletableFuture<>();
        volatile CompletableFuture<JsonNode> ack = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        Socket(
                UUID room,
                Map<String, Long> sentAt,
                List<Long> latencies,
                CountDownLatch delivered,
                AtomicLong deliveries) {
            this.room = room;
            this.sentAt = sentAt;
            this.latencies = latencies;
            this.delivered = delivered;
            this.deliveries = deliveries;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                JsonNode frame = HubClient.JSON.readTree(partial.toString());
                partial.setLength(0);
                switch (frame.path("type").asString()) {
                    case "message" -> {
                        Long sent = sentAt.get(
                                frame.path("message").path("clientId").asString());
                        if (sent != null) {
                            synchronized (latencies) {
                                latencies.add(now - sent);
                            }
                            deliveries.incrementAndGet();
                            delivered.countDown();
                        }
                    }
                    case "history" -> joined.complete(null);
                    case "ack", "error" -> ack.complete(frame);
                    default -> {}
                }
            }
            webSocket.request(1);
            return null;
        }

        void send(String text) {
            synchronized (this) {
                ws.sendText(text, true).join();
            }
        }
    }

    @Test
    void fanOutLatencyAndThroughputOverTwoInstances() throws Exception {
        int rooms = Math.max(1, CLIENTS / SOCKETS_PER_ROOM);
        int socketsPerUser = SOCKETS_PER_ROOM / 2;
        List<SignedIn[]> pairs = new ArrayList<>();
        while (pairs.size() < rooms) { // a few at a time: sign-up under load is the slow part, and not measured
            pairs.addAll(Parallel.run(Math.min(4, rooms - pairs.size()), i -> new SignedIn[] {student(), tutor()}));
        }
        List<UUID> roomIds = pairs.stream().map(p -> conversation(p[0], p[1])).toList();
        int senders = rooms * 2;
        int expectedDeliveries = senders * MESSAGES * SOCKETS_PER_ROOM;

        var beta =
                SecondInstance.start(postgres, "bench-beta", Map.of("lyceum.messaging.messages-per-minute", "1000000"));
        int[] ports = {port, SecondInstance.port(beta)};
        var http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4))
                .build();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>(expectedDeliveries);
        CountDownLatch delivered = new CountDownLatch(expectedDeliveries);
        AtomicLong deliveries = new AtomicLong();
        List<Socket> sockets = new ArrayList<>();
        List<Socket> senderSockets = new ArrayList<>();
        try {
            long connectStart = System.nanoTime();
            for (int r = 0; r < rooms; r++) {
                for (int u = 0; u < 2; u++) {
                    SignedIn user = pairs.get(r)[u];
                    for (int s = 0; s < socketsPerUser; s++) {
                        int instance = (s + u) % 2;
                        Socket socket = new Socket(roomIds.get(r), sentAt, latencies, delivered, deliveries);
                        socket.ws = http.newWebSocketBuilder()
                                .buildAsync(URI.create("ws://localhost:" + ports[instance] + "/api/v1/ws"), socket)
                                .get(30, TimeUnit.SECONDS);
                        socket.send(
                                HubClient.JSON.writeValueAsString(Map.of("type", "auth", "token", user.accessToken())));
                        socket.send(HubClient.JSON.writeValueAsString(
                                Map.of("type", "join", "roomId", roomIds.get(r).toString())));
                        sockets.add(socket);
                        if (s == 0) {
                            senderSockets.add(socket);
                        }
                    }
                }
            }
            for (Socket socket : sockets) {
                socket.joined.get(60, TimeUnit.SECONDS);
            }
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;

            long started = System.nanoTime();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < senderSockets.size(); i++) {
                    Socket sender = senderSockets.get(i);
                    int senderNo = i;
                    pool.submit(() -> {
                        for (int m = 0; m < MESSAGES; m++) {
                            String clientId = senderNo + "-" + m;
                            sender.ack = new CompletableFuture<>();
                            sentAt.put(clientId, System.nanoTime());
                            sender.send(HubClient.JSON.writeValueAsString(Map.of(
                                    "type",
                                    "send",
                                    "roomId",
                                    sender.room.toString(),
                                    "clientId",
                                    clientId,
                                    "content",
                                    Map.of("body", "benchmark message " + clientId))));
                            JsonNode ack = sender.ack.get(60, TimeUnit.SECONDS);
                            assertThat(ack.path("type").asString())
                                    .as(ack.toString())
                                    .isEqualTo("ack");
                        }
                        return null;
                    });
                }
            }
            double sendSeconds = (System.nanoTime() - started) / 1e9;
            boolean all = delivered.await(5, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - started) / 1e9;

            long[] sorted;
            synchronized (latencies) {
                sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            int messages = senders * MESSAGES;
            System.out.printf(
                    Locale.ROOT,
                    "%nHubFanoutBenchmark: %d sockets (%d rooms of %d, half on each of 2 instances), connected and "
                            + "joined in %.1f s; %d senders x %d messages = %d messages, %d of %d deliveries%n"
                            + "  send->receipt latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n"
                            + "  %.0f messages/s committed (all sends in %.1f s), %.0f deliveries/s (all in %.1f s)%n",
                    sockets.size(),
                    rooms,
                    SOCKETS_PER_ROOM,
                    connectSeconds,
                    senders,
                    MESSAGES,
                    messages,
                    deliveries.get(),
                    expectedDeliveries,
                    percentile(sorted, 50),
                    percentile(sorted, 90),
                    percentile(sorted, 99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                    messages / sendSeconds,
                    sendSeconds,
                    deliveries.get() / seconds,
                    seconds);
            assertThat(all).as("every message reached every socket of its room").isTrue();
            assertThat(deliveries.get()).isEqualTo(expectedDeliveries);
        } finally {
            for (Socket socket : sockets) {
                socket.ws.abort();
            }
            beta.close();
        }
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
