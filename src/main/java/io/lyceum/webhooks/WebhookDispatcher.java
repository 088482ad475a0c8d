package io.lyceum.webhooks;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.webhooks.WebhookMessageStore.Claimed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every instance's webhook sender: a loop that claims due messages (as many as it has free delivery slots) and sends
 * each on a virtual thread, at most {@code concurrency} at a time. It knows which tenants have work from hints this
 * instance leaves itself (a message queued or replayed here, a retry scheduled here: {@link #due}), checked every poll
 * interval without touching the database, and each sweep interval it asks the database which tenants have a message
 * due and sweeps those for the rest (messages queued on other instances, leases of instances that died). Instances never coordinate beyond the claim:
 * {@code FOR UPDATE SKIP LOCKED} gives each due message to one of them.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookMessageStore messages;
    private final WebhookDeliveries deliveries;
    private final TransactionTemplate transactions;
    private final WebhooksProperties properties;
    private final Clock clock;
    private final Semaphore slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nudged = lock.newCondition();
    private boolean woken;

    /** Tenants with a message due at (or after) the instant, as far as this instance knows. */
    private final Map<TenantId, Instant> hints = new ConcurrentHashMap<>();

    private Instant nextSweep = Instant.MIN;
    private volatile boolean running;
    private @Nullable Thread loop;
    private @Nullable ExecutorService senders;

    WebhookDispatcher(
            WebhookMessageStore messages,
            WebhookDeliveries deliveries,
            TransactionTemplate transactions,
            WebhooksProperties properties,
            Clock clock) {
        this.messages = messages;
        this.deliveries = deliveries;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.slots = new Semaphore(properties.concurrency());
    }

    /** A message of {@code tenant} is due at {@code at}: the loop claims there then (or at once, if already due). */
    void due(TenantId tenant, Instant at) {
        hints.merge(tenant, at, (a, b) -> a.isBefore(b) ? a : b);
        if (!at.isAfter(clock.instant())) {
            wake();
        }
    }

    /** Wakes an idle loop at once. */
    void wake() {
        lock.lock();
        try {
            woken = true;
            nudged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Claims and sends, on the calling thread, what is due in every tenant with a message due (up to {@code limit}
     * messages); returns how many were sent. The loop does the same concurrently; tests call it to act as one more
     * instance.
     */
    int deliverDueNow(int limit) {
        int sent = 0;
        for (TenantId tenant : messages.tenantsWithDueMessages(clock.instant())) {
            while (sent < limit) {
                List<Claimed> batch = claim(tenant, Math.min(properties.batchSize(), limit - sent));
                if (batch.isEmpty()) {
                    break;
                }
                for (Claimed message : batch) {
                    TenantContext.runAs(tenant, () -> deliver(tenant, message));
                }
                sent += batch.size();
            }
        }
        return sent;
    }

    private List<Claimed> claim(TenantId tenant, int limit) {
        Instant now = clock.instant();
        return TenantContext.callAs(
                tenant, () -> transactions.execute(status -> messages.claim(limit, now, now.plus(properties.lease()))));
    }

    private void run() {
        while (running) {
            int claimed = 0;
            try {
                claimed = claimAndSend();
            } catch (RuntimeException e) {
                log.error("Claiming webhook messages failed; trying again after the poll interval", e);
            }
            if (claimed == 0) {
                sleep();
            }
        }
    }

    /** Sends one message and leaves a hint for its retry, if one was scheduled. */
    private void deliver(TenantId tenant, Claimed message) {
        Instant retry = deliveries.deliver(message);
        if (retry != null) {
            due(tenant, retry);
        }
    }

    /** The tenants to claim in now: those with a due hint, or every tenant with a message due when a sweep is due. */
    private List<TenantId> tenantsToClaim(Instant now) {
        // (a clock set back, as tests do, sweeps at once too)
        if (!now.isBefore(nextSweep) || now.isBefore(nextSweep.minus(properties.sweepInterval()))) {
            nextSweep = now.plus(properties.sweepInterval());
            hints.clear();
            return messages.tenantsWithDueMessages(now);
        }
        List<TenantId> due = new ArrayList<>();
        hints.forEach((tenant, at) -> {
            if (!at.isAfter(now) && hints.remove(tenant, at)) {
                due.add(tenant);
            }
        });
        return due;
    }

    private int claimAndSend() {
        int claimed = 0;
        for (TenantId tenant : tenantsToClaim(clock.instant())) {
            int free = slots.availablePermits();
            if (free == 0 || !running) {
                // not done with this tenant: come back to it when a slot frees up
                hints.merge(tenant, Instant.MIN, (a, b) -> b);
                continue;
            }
            int limit = Math.min(free, properties.batchSize());
            List<Claimed> batch = claim(tenant, limit);
            if (batch.size() == limit) {
                // there may be more
                hints.merge(tenant, Instant.MIN, (a, b) -> b);
            }
            for (Claimed message : batch) {
                slots.acquireUninterruptibly();
                // set by start(), before the loop runs
                Objects.requireNonNull(senders).submit(() -> {
                    try {
                        TenantContext.runAs(tenant, () -> deliver(tenant, message));
                    } catch (RuntimeException e) {
                        // the message stays SENDING until its lease lapses, then any instance tries again
                        log.error("Delivering webhook message {} failed", message.id(), e);
                    } finally {
                        slots.release();
                        wake();
                    }
                });
            }
            claimed += batch.size();
        }
        if (claimed > 0 && slots.availablePermits() == 0) {
            // every slot is busy: wait for one to free up instead of claiming nothing in a spin
            sleep();
        }
        return claimed;
    }

    private void sleep() {
        lock.lock();
        try {
            if (!woken) {
                nudged.await(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        if (!properties.dispatcherEnabled()) {
            return;
        }
        senders = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("webhook-sender-", 0).factory());
        running = true;
        loop = Thread.ofVirtual().name("webhook-dispatcher").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        if (loop != null) {
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ExecutorService senders = Objects.requireNonNull(this.senders); // started together with the loop
            senders.shutdown();
            try {
                // an unfinished delivery stays SENDING until its lease lapses; another instance sends it then
                senders.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // start after the web server, stop before it (as the job scheduler)
        return Integer.MAX_VALUE - 100;
    }
}
