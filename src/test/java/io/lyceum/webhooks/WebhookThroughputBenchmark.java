package io.lyceum.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lyceum.tenancy.TenantContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery throughput to a local receiver (the JDK's HTTP server answering 200 at once, so the figure is Lyceum's
 * side: claim, sign, POST, record): N messages are queued in one transaction, then the time until the instance's
 * dispatcher has delivered all of them is measured. Not part of the default build (surefire includes only *Test,
 * *Tests and *Properties); run it with
 * {@code ./mvnw -B -ntp -Dtest=WebhookThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
class WebhookThroughputBenchmark extends WebhookTestBase {

    private static final int WARM_UP = 300;
    private static final int MESSAGES = 5_000;

    @Autowired
    WebhookMessageStore messageStore;

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    WebhooksProperties properties;

    @Test
    void messagesPerSecond() throws IOException {
        AtomicInteger received = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/bench", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/bench";
            UUID subscription = UUID.fromString(owner.api()
                    .contentType("application/json")
                    .body(Map.of("url", url, "eventTypes", List.of("user.registered")))
                    .post(SUBSCRIPTIONS)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("subscription.id"));
            run(subscription, "warm-up", WARM_UP, received);
            received.set(0);
            double perSecond = run(subscription, "measured", MESSAGES, received);
            System.out.printf(
                    "BENCHMARK webhooks: %d messages delivered at %.0f messages/s (concurrency %d, one instance)%n",
                    MESSAGES, perSecond, properties.concurrency());
            assertThat(received.get()).isEqualTo(MESSAGES);
        } finally {
            server.stop(0);
        }
    }

    private double run(UUID subscription, String label, int count, AtomicInteger received) {
        Instant now = testClock.instant();
        String body = "{\"type\":\"user.registered\",\"timestamp\":\"" + now + "\",\"data\":{\"id\":\""
                + UUID.randomUUID() + "\",\"role\":\"STUDENT\"}}";
        TenantContext.runAs(
                tenant(),
                () -> transactions.executeWithoutResult(status -> {
                    for (int i = 0; i < count; i++) {
                        messageStore.enqueue(
                                subscription, "user.registered", label + ":" + i, body, now, now.plusSeconds(3600));
                    }
                }));
        long started = System.nanoTime();
        dispatcher.due(tenant(), now);
        Awaitility.await()
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> delivered(subscription, label) == count);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("BENCHMARK webhooks %s: %d delivered in %.2f s%n", label, count, seconds);
        return count / seconds;
    }

    private long delivered(UUID subscription, String label) {
        return TenantContext.callAs(tenant(), () -> jdbc.sql("""
                        SELECT count(*) FROM webhook_messages
                        WHERE subscription_id = :s AND status = 'DELIVERED' AND event_key LIKE :label
                        """)
                .param("s", subscription)
                .param("label", label + ":%")
                .query(Long.class)
                .single());
    }
}
