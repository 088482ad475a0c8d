package io.lyceum.catalog;

import io.lyceum.shared.ServiceBusyException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;

/**
 * Bounds the searches that can cost the database real work (free text, free time) so that they cannot take every
 * pooled connection and both cores while cheap requests queue behind them: at most
 * {@code lyceum.search.max-concurrent} run at once, a request waits {@code lyceum.search.max-wait} for its turn, and
 * one that does not get it, or whose statement outlives {@code lyceum.search.statement-timeout}, is answered 503
 * {@code search.busy} with {@code Retry-After} instead of queueing for seconds (docs/performance.md).
 */
@Component
class SearchBulkhead {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore permits;
    private final Duration maxWait;

    SearchBulkhead(
            @Value("${lyceum.search.max-concurrent:4}") int maxConcurrent,
            @Value("${lyceum.search.max-wait:500ms}") Duration maxWait) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("lyceum.search.max-concurrent must be at least 1");
        }
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxWait = maxWait;
    }

    <T> T run(Supplier<T> search) {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        if (!admitted) {
            throw busy();
        }
        try {
            return search.get();
        } catch (QueryTimeoutException e) {
            throw busy();
        } finally {
            permits.release();
        }
    }

    private static ServiceBusyException busy() {
        return new ServiceBusyException("search.busy", "Search is busy right now; try again in a moment.", RETRY_AFTER);
    }
}
