package io.lyceum.catalog;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts tutor searches without writing on the search's GET (DESIGN.md section 12): each search adds one to an
 * in-memory counter per tenant and hour; {@link #flush()} adds the counters to {@code catalog_search_counts} with an
 * upsert, so any number of instances add up. Every instance flushes its own counters on its own timer (every {@code
 * lyceum.catalog.search-counts.flush-interval}) and when it stops: a cluster-wide job would flush only the instance it
 * runs on. A crash loses at most one interval of counts, which a conversion rate can afford.
 */
@Component
class SearchCounter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchCounter.class);

    private record Bucket(TenantId tenant, Instant hour) {}

    private final Map<Bucket, LongAdder> pending = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration interval;
    private volatile @Nullable ScheduledExecutorService timer;

    SearchCounter(
            JdbcClient jdbc,
            Clock clock,
            @Value("${lyceum.catalog.search-counts.flush-interval:PT1M}") Duration interval) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = interval;
    }

    /** Counts one search of the current tenant (no tenant bound: nothing to count). */
    void searched() {
        TenantContext.current().ifPresent(tenant -> pending.computeIfAbsent(
                        new Bucket(tenant, clock.instant().truncatedTo(ChronoUnit.HOURS)), b -> new LongAdder())
                .increment());
    }

    /** Adds the counted searches to the table and forgets them; returns how many were written. */
    long flush() {
        long written = 0;
        for (Bucket bucket : pending.keySet()) {
            LongAdder adder = pending.remove(bucket);
            long count = adder == null ? 0 : adder.sumThenReset();
            if (count == 0) {
                continue;
            }
            try {
                TenantContext.runAs(bucket.tenant(), () -> jdbc.sql("""
                                INSERT INTO catalog_search_counts (tenant_id, hour, searches)
                                VALUES (:t, :hour, :n)
                                ON CONFLICT (tenant_id, hour) DO UPDATE
                                    SET searches = catalog_search_counts.searches + excluded.searches
                                """)
                        .param("t", bucket.tenant().value())
                        .param("hour", bucket.hour().atOffset(ZoneOffset.UTC))
                        .param("n", count)
                        .update());
                written += count;
            } catch (RuntimeException e) {
                // keep the count for the next flush rather than lose it
                pending.computeIfAbsent(bucket, b -> new LongAdder()).add(count);
                log.warn("Could not flush {} search counts of tenant {}", count, bucket.tenant(), e);
            }
        }
        return written;
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("search-count-flush").factory());
        started.scheduleWithFixedDelay(
                () -> {
                    try {
                        flush();
                    } catch (RuntimeException e) {
                        log.warn("Search count flush failed", e);
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        timer = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = timer;
        timer = null;
        if (running != null) {
            running.shutdownNow();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Search counts not flushed at shutdown", e);
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** Stops before the data source and the scheduler (higher phases stop first), so the last flush can write. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
