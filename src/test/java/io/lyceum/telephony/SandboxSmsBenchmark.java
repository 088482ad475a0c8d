package io.lyceum.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.tenancy.TenantContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link TelephonyApi#sendSms} through the sandbox from K threads: each send is an opt-out check and a log insert, the
 * sandbox's message and its two queued callbacks, and the provider's answer recorded; then the time until the
 * sandbox's dispatcher has delivered every signed status callback and Lyceum has applied it. Not part of the default
 * build; run it with {@code ./mvnw -B -ntp -Dtest=SandboxSmsBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
class SandboxSmsBenchmark extends TelephonyTestBase {

    private static final int WARM_UP = 20;
    private static final int MESSAGES = 300;
    private static final int THREADS = 8;

    @Autowired
    TelephonyApi telephony;

    @Test
    void sendsPerSecondAndCallbackDrain() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        send("warm-" + run, WARM_UP);
        long start = System.nanoTime();
        List<SmsResult> results = send("bench-" + run, MESSAGES);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.queued));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (delivered("bench-" + run) < MESSAGES && System.nanoTime() < deadline) {
            sleep();
        }
        double drainSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(delivered("bench-" + run)).isEqualTo(MESSAGES);
        System.out.printf(
                "SandboxSmsBenchmark: %d sends from %d threads in %.2f s = %.0f sends/s; all %d delivered (%d signed"
                        + " callbacks applied) after %.2f s = %.0f messages/s end to end%n",
                MESSAGES,
                THREADS,
                sendSeconds,
                MESSAGES / sendSeconds,
                MESSAGES,
                2 * MESSAGES,
                drainSeconds,
                MESSAGES / drainSeconds);
    }

    private List<SmsResult> send(String prefix, int count) {
        UUID tenant = tenant().value();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<SmsResult>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> telephony.sendSms(
                        new OutgoingSms(tenant, null, freshNumber(), "Benchmark " + n, prefix + "-" + n))));
            }
            List<SmsResult> results = new ArrayList<>();
            for (Future<SmsResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long delivered(String prefix) {
        return TenantContext.callAs(tenant(), () -> jdbc.sql(
                        "SELECT count(*) FROM sms_messages WHERE reference LIKE :p AND status = 'delivered'")
                .param("p", prefix + "-%")
                .query(Long.class)
                .single());
    }
}
