package io.lyceum.notifications;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Empties the delivery queue: claim (a short transaction, committed) → send (no transaction, no lock) → record (another
 * short transaction). Any number of instances run it at once: {@code SKIP LOCKED} gives each delivery to one claimer.
 * Runs from the recurring job and, so that a new notification leaves at once, after each commit that queued one. Each run
 * asks which tenants have a delivery due and drains only those, each with the tenant bound.
 */
@Component
class DeliveryWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int MAX_ROUNDS_PER_TENANT = 200;

    private final DeliveryStore store;
    private final Map<NotificationChannel, DeliveryChannel> channels = new EnumMap<>(NotificationChannel.class);
    private final TransactionTemplate transactions;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final ExecutorService kicks = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("notification-kick").factory());
    private final AtomicBoolean kickQueued = new AtomicBoolean();

    DeliveryWorker(
            DeliveryStore store,
            List<DeliveryChannel> channels,
            TransactionTemplate transactions,
            NotificationsProperties properties,
            Clock clock) {
        this.store = store;
        channels.forEach(channel -> this.channels.put(channel.channel(), channel));
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Delivers soon on a background thread; kicks arriving while one is queued are folded into it. */
    void kick() {
        if (kickQueued.compareAndSet(false, true)) {
            try {
                kicks.execute(() -> {
                    kickQueued.set(false);
                    runOnce();
                });
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                kickQueued.set(false);
            }
        }
    }

    /** Delivers everything due in every tenant with a delivery due; returns how many attempts were made. */
    int runOnce() {
        int attempts = 0;
        for (TenantId tenant : store.tenantsWithDueDeliveries(clock.instant())) {
            try {
                attempts += TenantContext.callAs(tenant, this::drainTenant);
            } catch (RuntimeException e) {
                // one tenant's failure must not starve the others; the next run tries again
                log.error("Notification deliveries failed in tenant {}", tenant.value(), e);
            }
        }
        return attempts;
    }

    /** Claims and sends batches of the bound tenant's due deliveries until none is left. */
    int drainTenant() {
        int attempts = 0;
        for (int round = 0; round < MAX_ROUNDS_PER_TENANT; round++) {
            List<Delivery> claimed = claimBatch();
            sendAll(claimed);
            attempts += claimed.size();
            if (claimed.size() < properties.batchSize()) {
                break;
            }
        }
        return attempts;
    }

    /**
     * Sends a claimed batch, each delivery on a virtual thread of its own (providers answer slowly; the batch must be
     * done well within its claim), and returns when all are recorded.
     */
    private void sendAll(List<Delivery> claimed) {
        if (claimed.size() == 1) {
            deliver(claimed.getFirst());
            return;
        }
        TenantId tenant = TenantContext.require();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Delivery delivery : claimed) {
                senders.execute(() -> TenantContext.runAs(tenant, () -> deliver(delivery)));
            }
        }
    }

    List<Delivery> claimBatch() {
        Instant now = clock.instant();
        List<Delivery> claimed = transactions.execute(
                status -> store.claim(now, now.plus(properties.claimDuration()), properties.batchSize()));
        return claimed == null ? List.of() : claimed;
    }

    /** Sends one claimed delivery (no transaction open) and records the outcome. */
    void deliver(Delivery delivery) {
        Delivery.Outcome outcome;
        DeliveryChannel channel = channels.get(delivery.channel());
        try {
            outcome = channel == null
                    ? Delivery.Outcome.failed("channel.unavailable: " + delivery.channel())
                    : channel.send(delivery);
        } catch (RuntimeException e) {
            outcome = Delivery.Outcome.retry("error: " + e);
        }
        record(delivery, outcome);
    }

    private void record(Delivery delivery, Delivery.Outcome outcome) {
        Instant now = clock.instant();
        int attempt = delivery.attempts();
        String error = outcome.error() == null ? null : clip(outcome.error());
        boolean recorded = Boolean.TRUE.equals(transactions.execute(status -> switch (outcome.result()) {
            case SENT ->
                store.record(delivery.id(), attempt, DeliveryStatus.SENT, "SENT", outcome.providerId(), null, now, now);
            case DELIVERED ->
                store.record(
                        delivery.id(),
                        attempt,
                        DeliveryStatus.DELIVERED,
                        "DELIVERED",
                        outcome.providerId(),
                        null,
                        now,
                        now);
            case FAILED -> store.record(delivery.id(), attempt, DeliveryStatus.FAILED, "FAILED", null, error, now, now);
            case RETRY ->
                attempt >= delivery.maxAttempts()
                        ? store.record(delivery.id(), attempt, DeliveryStatus.FAILED, "FAILED", null, error, now, now)
                        : store.record(
                                delivery.id(),
                                attempt,
                                DeliveryStatus.PENDING,
                                "RETRY",
                                null,
                                error,
                                now.plus(properties.retryDelay(attempt)),
                                now);
        }));
        if (!recorded) {
            log.warn("Delivery {} attempt {} outcome arrived after its claim lapsed", delivery.id(), attempt);
        }
    }

    private static String clip(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }

    @Override
    public void destroy() {
        kicks.shutdownNow();
    }
}
