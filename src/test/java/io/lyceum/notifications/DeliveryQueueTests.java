package io.lyceum.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The queue under several claimers at once: each delivery is sent once, and every attempt is recorded. */
class DeliveryQueueTests extends ApiTestBase {

    @Autowired
    DeliveryStore deliveries;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void claimersInParallelNeverSendOneDeliveryTwice() throws Exception {
        TenantId tenant = Tenants.idOf(jdbc, null);
        String number = "+4477009" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        int count = 300;
        List<UUID> ids = new ArrayList<>();
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(s -> {
                    Instant now = Instant.now();
                    for (int i = 0; i < count; i++) {
                        ids.add(deliveries.insert(
                                null,
                                UUID.randomUUID(),
                                NotificationChannel.SMS,
                                number,
                                null,
                                "Queue test " + number + " #" + i,
                                null,
                                List.of(),
                                null,
                                DeliveryStatus.PENDING,
                                5,
                                now,
                                now));
                    }
                }));

        int claimers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return TenantContext.callAs(tenant, worker::drainTenant);
            }));
        }
        start.countDown();
        for (Future<Integer> run : runs) {
            run.get();
        }
        pool.shutdown();

        Map<String, Object> counts = TenantContext.callAs(tenant, () -> jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status = 'SENT') AS sent,
                               max(attempts) AS most_attempts,
                               (SELECT count(*) FROM notification_attempts a WHERE a.delivery_id IN (:ids)) AS attempts,
                               (SELECT count(*) FROM outbox_messages o WHERE o.recipient = :number) AS sms,
                               (SELECT count(DISTINCT body) FROM outbox_messages o WHERE o.recipient = :number)
                                   AS distinct_sms
                          FROM notification_deliveries WHERE id IN (:ids)
                        """)
                .param("ids", ids)
                .param("number", number)
                .query()
                .singleRow());
        assertThat(((Number) counts.get("sent")).intValue()).isEqualTo(count);
        assertThat(((Number) counts.get("most_attempts")).intValue()).isEqualTo(1);
        assertThat(((Number) counts.get("attempts")).intValue()).isEqualTo(count);
        assertThat(((Number) counts.get("sms")).intValue()).isEqualTo(count);
        assertThat(((Number) counts.get("distinct_sms")).intValue()).isEqualTo(count);
    }
}
