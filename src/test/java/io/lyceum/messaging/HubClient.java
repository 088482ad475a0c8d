package io.lyceum.messaging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) for the hub: sends JSON frames, collects what arrives. */
final class HubClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile WebSocket socket;

    private HubClient() {}

    static HubClient connect(int port) {
        return connect(port, Map.of());
    }

    static HubClient connect(int port, Map<String, String> headers) {
        HubClient client = new HubClient();
        var listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    client.frames.add(JSON.readTree(partial.toString()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                client.closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                client.closed.complete(-1);
            }
        };
        var builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(URI.create("ws://localhost:" + port + "/api/v1/ws"), listener)
                .join();
        return client;
    }

    static HubClient authenticated(int port, String token) {
        HubClient client = connect(port);
        client.send(Map.of("type", "auth", "token", token));
        client.await("authenticated");
        return client;
    }

    void send(Object frame) {
        sendText(JSON.writeValueAsString(frame));
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** The next frame of a type, skipping others (kept in order in {@link #skipped}). */
    JsonNode await(String type) {
        return await(f -> type.equals(f.path("type").asString()), type);
    }

    final List<JsonNode> skipped = new ArrayList<>();

    /**
     * The first frame of a type, whether it came before frames awaited earlier (then it is taken from
     * {@link #skipped}) or still has to come: for frames whose order the hub does not promise, such as a sender's own
     * {@code message} and its {@code ack}.
     */
    JsonNode awaitInAnyOrder(String type) {
        for (var frames = skipped.iterator(); frames.hasNext(); ) {
            JsonNode frame = frames.next();
            if (type.equals(frame.path("type").asString())) {
                frames.remove();
                return frame;
            }
        }
        return await(type);
    }

    JsonNode await(Predicate<JsonNode> match, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            JsonNode frame;
            try {
                frame = frames.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (frame == null) {
                continue;
            }
            if (match.test(frame)) {
                return frame;
            }
            skipped.add(frame);
        }
        throw new AssertionError("No " + what + " frame within 15 s; skipped: " + skipped);
    }

    JsonNode error(String code) {
        return await(
                f -> "error".equals(f.path("type").asString())
                        && code.equals(f.path("code").asString()),
                "error " + code);
    }

    /** Joins a room and returns the history frame (the joined frame is in {@link #skipped}). */
    JsonNode join(Object roomId) {
        send(Map.of("type", "join", "roomId", roomId.toString()));
        JsonNode joined = await("joined");
        skipped.add(joined);
        return await("history");
    }

    int awaitClose() {
        try {
            return closed.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("The socket was not closed", e);
        }
    }

    boolean isOpen() {
        return !closed.isDone() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
