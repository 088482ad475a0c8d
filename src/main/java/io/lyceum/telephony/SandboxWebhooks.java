package io.lyceum.telephony;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the sandboxes' webhooks as the providers do: Twilio's status callbacks form-encoded and signed with
 * {@code X-Twilio-Signature}, Vapi's server messages as JSON with Vapi's credential headers; at least once (retried
 * with backoff until the endpoint answers 2xx), from any number of instances (rows claimed with
 * {@code FOR UPDATE SKIP LOCKED}, a lease keeping a batch to one sender). Signed when sent, so a retry carries a fresh
 * timestamp as the providers' own retries do.
 */
@Component
class SandboxWebhooks implements SmartLifecycle {

    static final String TWILIO = "twilio";
    static final String VAPI = "vapi";
    private static final Logger log = LoggerFactory.getLogger(SandboxWebhooks.class);
    private static final int BATCH = 50;
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final SandboxSecrets secrets;
    private final TelephonyProperties properties;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile @Nullable ScheduledExecutorService executor;

    SandboxWebhooks(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            SandboxSecrets secrets,
            TelephonyProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
    }

    /** Queues a webhook, due after {@code delay}; in its own transaction (the sandbox is the provider, not us). */
    void enqueue(String provider, String url, String contentType, String body, Duration delay) {
        transaction.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO telephony_sandbox_webhooks (provider, url, content_type, body, created_at,
                                                               next_attempt_at)
                        VALUES (:provider, :url, :type, :body, :now, :due)
                        """)
                .param("provider", provider)
                .param("url", url)
                .param("type", contentType)
                .param("body", body)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("due", clock.instant().plus(delay).atOffset(ZoneOffset.UTC))
                .update());
    }

    /** Delivers what is due now; returns how many webhooks were attempted. */
    int deliverDue() {
        List<Due> due = transaction.execute(status -> {
            List<Due> claimed = jdbc.sql("""
                            SELECT seq, provider, url, content_type, body, attempts FROM telephony_sandbox_webhooks
                            WHERE delivered_at IS NULL AND next_attempt_at <= :now
                            ORDER BY seq LIMIT :batch FOR UPDATE SKIP LOCKED
                            """)
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .param("batch", BATCH)
                    .query((rs, n) -> new Due(
                            rs.getLong("seq"),
                            rs.getString("provider"),
                            rs.getString("url"),
                            rs.getString("content_type"),
                            rs.getString("body"),
                            rs.getInt("attempts")))
                    .list();
            if (!claimed.isEmpty()) {
                jdbc.sql("UPDATE telephony_sandbox_webhooks SET next_attempt_at = :lease WHERE seq IN (:seqs)")
                        .param("lease", clock.instant().plus(LEASE).atOffset(ZoneOffset.UTC))
                        .param("seqs", claimed.stream().map(Due::seq).toList())
                        .update();
            }
            return claimed;
        });
        if (due == null) {
            return 0;
        }
        // sent one by one, in order, with no connection held: the endpoint needs one of the pool's connections
        for (Due webhook : due) {
            String error = send(webhook);
            transaction.executeWithoutResult(status -> {
                if (error == null) {
                    jdbc.sql("""
                                    UPDATE telephony_sandbox_webhooks SET delivered_at = :now, attempts = attempts + 1,
                                           last_error = NULL WHERE seq = :seq
                                    """)
                            .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                            .param("seq", webhook.seq())
                            .update();
                } else {
                    long backoff = Math.min(300, 1L << Math.min(webhook.attempts(), 8));
                    jdbc.sql("""
                                    UPDATE telephony_sandbox_webhooks SET attempts = attempts + 1, last_error = :error,
                                           next_attempt_at = :next WHERE seq = :seq
                                    """)
                            .param("error", error)
                            .param("next", clock.instant().plusSeconds(backoff).atOffset(ZoneOffset.UTC))
                            .param("seq", webhook.seq())
                            .update();
                }
            });
        }
        return due.size();
    }

    private record Due(long seq, String provider, String url, String contentType, String body, int attempts) {}

    private @Nullable String send(Due webhook) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", webhook.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(webhook.body()));
            if (TWILIO.equals(webhook.provider())) {
                request.header("User-Agent", "TwilioProxy/1.1 LyceumSandbox");
                request.header(
                        "X-Twilio-Signature",
                        TwilioSignature.sign(
                                secrets.get(SandboxSecrets.TWILIO_AUTH_TOKEN),
                                webhook.url(),
                                FormBody.parse(webhook.body())));
            } else {
                String secret = secrets.get(SandboxSecrets.VAPI_WEBHOOK_SECRET);
                if ("secret".equals(properties.vapi().webhookAuth())) {
                    request.header(VapiSignature.SECRET_HEADER, secret);
                } else {
                    long timestamp = clock.instant().getEpochSecond();
                    request.header(VapiSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
                    request.header(
                            VapiSignature.SIGNATURE_HEADER, VapiSignature.sign(secret, timestamp, webhook.body()));
                }
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
            while (deliverDue() == BATCH) {
                // keep draining a burst
            }
        } catch (RuntimeException e) {
            log.warn("Telephony sandbox webhook delivery failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        if (properties.usesTwilio() && properties.usesVapi()) {
            return; // no sandbox in use
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("telephony-sandbox-webhooks")
                .daemon(true)
                .factory());
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

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }
}
