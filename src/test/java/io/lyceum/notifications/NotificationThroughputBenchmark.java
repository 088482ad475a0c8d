package io.lyceum.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery throughput of the queue through the sandbox channels (email into the outbox, SMS into the telephony module's sandbox): deliveries queued
 * ahead, released at once, drained by 1 and then 4 claimers in parallel. Prints notifications per second; asserts only
 * that none is left waiting. Not part of the suite (a benchmark, see BENCHMARKS.md); run it with
 * {@code ./mvnw -B -ntp -Dtest=NotificationThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}
 * ({@code -Dbench.deliveries=N} to change the 2,000).
 */
class NotificationThroughputBenchmark extends ApiTestBase {

    @Autowired
    DeliveryStore deliveries;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void deliveriesPerSecond() throws Exception {
        int count = Integer.getInteger("bench.deliveries", 2000);
        TenantId tenant = Tenants.idOf(jdbc, null);
        for (int claimers : new int[] {1, 4}) {
            List<UUID> ids = queue(tenant, count);
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(claimers);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                runs.add(pool.submit(() -> TenantContext.callAs(tenant, worker::drainTenant)));
            }
            for (Future<Integer> run : runs) {
                run.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Object> outcome = TenantContext.callAs(
                    tenant, () -> jdbc.sql("""
                            SELECT count(*) FILTER (WHERE status IN ('SENT', 'DELIVERED')) AS sent,
                                   count(*) FILTER (WHERE attempts > 1) AS retried,
                                   count(*) FILTER (WHERE status IN ('PENDING', 'SENDING')) AS waiting
                              FROM notification_deliveries WHERE id IN (:ids)
                            """).param("ids", ids).query().singleRow());
            long sent = ((Number) outcome.get("sent")).longValue();
            assertThat(((Number) outcome.get("waiting")).longValue()).isZero();
            System.out.printf(
                    "NOTIFICATION THROUGHPUT: %d deliveries (half email to the outbox, half SMS to the telephony sandbox), %d claimer(s): "
                            + "%.2f s, %.0f deliveries/s; sent %d, retried %s%n",
                    count, claimers, seconds, count / seconds, sent, outcome.get("retried"));
        }
    }

    /** Queues deliveries not yet due (the background job leaves them), then makes them all due at once. */
    private List<UUID> queue(TenantId tenant, int count) {
        List<UUID> ids = new ArrayList<>();
        Instant later = Instant.now().plus(1, ChronoUnit.DAYS);
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(s -> {
                    for (int i = 0; i < count; i++) {
                        boolean email = i % 2 == 0;
                        ids.add(deliveries.insert(
                                null,
                                UUID.randomUUID(),
                                email ? NotificationChannel.EMAIL : NotificationChannel.SMS,
                                email ? "bench-" + i + "@example.com" : "+447700900" + (100 + i % 800),
                                email ? "Bench " + i : null,
                                "Benchmark delivery " + i,
                                email ? "<p>Benchmark delivery " + i + "</p>" : null,
                                List.of(),
                                null,
                                DeliveryStatus.PENDING,
                                3,
                                later,
                                later));
                    }
                    jdbc.sql("UPDATE notification_deliveries SET next_attempt_at = :now WHERE id IN (:ids)")
                            .param("now", Instant.now().atOffset(ZoneOffset.UTC))
                            .param("ids", ids)
                            .update();
                }));
        return ids;
    }
}
