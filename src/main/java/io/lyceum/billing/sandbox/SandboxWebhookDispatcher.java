package io.lyceum.billing.sandbox;

import com.stripe.net.Webhook;
import io.lyceum.billing.BillingProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the sandbox provider's events to the webhook endpoint as Stripe does: signed with the webhook secret in a
 * {@code Stripe-Signature} header, at least once (retried with backoff until the endpoint answers 2xx), from any
 * number of instances (rows are claimed with {@code FOR UPDATE SKIP LOCKED}). With the chaos switches it delivers
 * each event twice and a batch in random order. Each tick also settles the sandbox's due bank debits and payouts.
 */
@Component
@ConditionalOnProperty(name = "lyceum.payments.provider", havingValue = "sandbox", matchIfMissing = true)
public class SandboxWebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SandboxWebhookDispatcher.class);
    private static final int BATCH = 50;
    /** How long a claimed batch is left to one dispatcher before another instance may send it again. */
    public static final Duration LEASE = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final SandboxPaymentProvider sandbox;
    private final BillingProperties properties;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile @Nullable ScheduledExecutorService executor;
    private volatile @Nullable String endpoint;
    private volatile boolean paused;
    private volatile boolean duplicate;
    private volatile boolean shuffle;

    SandboxWebhookDispatcher(SandboxPaymentProvider sandbox, BillingProperties properties, Clock clock) {
        this.jdbc = sandbox.jdbc();
        this.transaction = sandbox.newTransaction();
        this.sandbox = sandbox;
        this.properties = properties;
        this.clock = clock;
        String configured = properties.sandbox().webhookUrl();
        this.endpoint = configured == null || configured.isBlank() ? null : configured;
        this.duplicate = properties.sandbox().duplicateWebhooks();
        this.shuffle = properties.sandbox().shuffleWebhooks();
    }

    /** Without a configured URL the sandbox calls this server itself, on the port it listens on. */
    @EventListener
    void on(WebServerInitializedEvent event) {
        if (endpoint == null && event.getApplicationContext().getServerNamespace() == null) {
            endpoint = "http://127.0.0.1:" + event.getWebServer().getPort() + "/api/v1/payments/webhook";
        }
    }

    /** Holds deliveries back (events keep queueing) until {@link #resume}; for tests that release a burst at once. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /**
     * Turns the chaos switches on or off at runtime (tests): {@code duplicate} delivers every event twice,
     * {@code shuffle} delivers a batch in random order. They start as {@code lyceum.payments.sandbox.*} says.
     */
    void chaos(boolean duplicate, boolean shuffle) {
        this.duplicate = duplicate;
        this.shuffle = shuffle;
    }

    /** Where events go: the configured URL or this server's own webhook endpoint (null until the server is up). */
    @Nullable
    String endpoint() {
        return endpoint;
    }

    /** Delivers what is due now; returns how many events were attempted. */
    int deliverDue() {
        if (endpoint == null || paused) {
            return 0;
        }
        // claim a batch in a short transaction: pushing next_attempt_at ahead is a lease, so another instance skips
        // them while they are sent, and a crash leaves them due again once the lease has run out
        List<Due> due = transaction.execute(status -> {
            List<Due> claimed = jdbc.sql("""
                            SELECT seq, id, payload, attempts FROM sandbox_events
                            WHERE delivered_at IS NULL AND next_attempt_at <= :now
                            ORDER BY seq LIMIT :batch FOR UPDATE SKIP LOCKED
                            """)
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .param("batch", BATCH)
                    .query((rs, n) -> new Due(
                            rs.getLong("seq"), rs.getString("id"), rs.getString("payload"), rs.getInt("attempts")))
                    .list();
            if (!claimed.isEmpty()) {
                jdbc.sql("UPDATE sandbox_events SET next_attempt_at = :lease WHERE seq IN (:seqs)")
                        .param("lease", clock.instant().plus(LEASE).atOffset(ZoneOffset.UTC))
                        .param("seqs", claimed.stream().map(Due::seq).toList())
                        .update();
            }
            return claimed;
        });
        if (due == null || due.isEmpty()) {
            return 0;
        }
        // sent with no connection held: the webhook endpoint needs one of the pool's connections itself
        List<Due> order = new ArrayList<>(due);
        if (duplicate) {
            order.addAll(due);
        }
        if (shuffle) {
            Collections.shuffle(order);
        }
        Set<Long> delivered = new LinkedHashSet<>();
        Map<Long, String> failed = new LinkedHashMap<>();
        for (Due event : order) {
            String error = send(event.payload());
            if (error == null) {
                delivered.add(event.seq());
            } else {
                failed.put(event.seq(), error);
            }
        }
        transaction.executeWithoutResult(status -> {
            // an event counts as delivered when any copy was accepted; otherwise it is retried once, later
            for (Due event : due) {
                if (!delivered.contains(event.seq()) && failed.containsKey(event.seq())) {
                    retryLater(event, failed.get(event.seq()));
                }
            }
            if (!delivered.isEmpty()) {
                jdbc.sql("UPDATE sandbox_events SET delivered_at = :now, attempts = attempts + 1, last_error = NULL"
                                + " WHERE seq IN (:seqs)")
                        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                        .param("seqs", List.copyOf(delivered))
                        .update();
            }
        });
        return due.size();
    }

    private record Due(long seq, String id, String payload, int attempts) {}

    private void retryLater(Due event, String error) {
        // 1 s, 2 s, 4 s ... capped at 5 minutes, as providers back off
        long backoff = Math.min(300, 1L << Math.min(event.attempts(), 8));
        jdbc.sql("UPDATE sandbox_events SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next"
                        + " WHERE seq = :seq")
                .param("error", error)
                .param("next", clock.instant().plusSeconds(backoff).atOffset(ZoneOffset.UTC))
                .param("seq", event.seq())
                .update();
    }

    /** Posts one event; returns null on a 2xx answer, else what went wrong. */
    @Nullable
    String send(String payload) {
        try {
            String signature = Webhook.Signature.generateSignatureHeader(
                    payload, sandbox.webhookSecret(), clock.instant().getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Stripe-Signature", signature)
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks) LyceumSandbox")
                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private void tick() {
        try {
            sandbox.settleProcessingPayments();
            sandbox.settlePayouts();
            while (deliverDue() == BATCH) {
                // keep draining a burst
            }
        } catch (RuntimeException e) {
            log.warn("Sandbox webhook delivery failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sandbox-webhooks").daemon(true).factory());
        long interval = properties.sandbox().deliveryInterval().toMillis();
        executor.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Stop before the web server and the database pool go away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    Instant now() {
        return clock.instant();
    }
}
