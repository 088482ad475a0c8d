package io.lyceum.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Checkout plus webhook throughput on the sandbox: N paid lessons (booked beforehand, not measured) are checked out
 * over HTTP from K client threads with {@code pm_card_visa}; each checkout is a full payment (order lock, the
 * sandbox's payment intent and its event, the attempt, the PAYMENT journal entry, history, the booking's event). Then
 * the time until the sandbox's dispatcher has delivered and Lyceum has processed every webhook of those payments. Not
 * part of the default build (surefire includes only *Test, *Tests and *Properties); run it with
 * {@code ./mvnw -B -ntp -Dtest=CheckoutThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
class CheckoutThroughputBenchmark extends BillingTestBase {

    private static final int TUTORS = 5;
    private static final int STUDENTS = 20;
    private static final int WARM_UP = 30;
    private static final int PAYMENTS = 300;
    private static final int CONCURRENCY = 16;

    record Lesson(SignedIn student, UUID booking) {}

    @Test
    void checkoutsPerSecondAndWebhookDrain() throws Exception {
        List<Tutor> tutors = PaymentDeliveryTests.inParallel(TUTORS, i -> tutor());
        List<SignedIn> students = PaymentDeliveryTests.inParallel(STUDENTS, i -> student());
        List<Lesson> lessons = PaymentDeliveryTests.inParallel(WARM_UP + PAYMENTS, i -> {
            SignedIn student = students.get(i % STUDENTS);
            return new Lesson(student, lesson(student, tutors.get(i % TUTORS)));
        });

        run(lessons.subList(0, WARM_UP));
        List<Lesson> measured = lessons.subList(WARM_UP, lessons.size());
        long started = System.nanoTime();
        long[] latencies = run(measured);
        double seconds = (System.nanoTime() - started) / 1e9;

        List<UUID> bookings = measured.stream().map(Lesson::booking).toList();
        var tenant = tutors.getFirst().tenant();
        List<String> orderIds = jdbcOrders(tenant, bookings);
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> count(tenant, """
                                SELECT count(*) FROM webhook_events w
                                JOIN payment_attempts a ON a.provider_payment_id = w.object_id
                                WHERE w.type = 'payment_intent.succeeded' AND a.order_id::text IN (:o)
                                """, Map.of("o", orderIds)) == PAYMENTS);
        double drained = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofMinutes(2))
                .until(() -> count(
                                tenant,
                                "SELECT count(*) FROM bookings WHERE id IN (:b) AND state = 'CONFIRMED'",
                                Map.of("b", bookings))
                        == PAYMENTS);
        double confirmed = (System.nanoTime() - started) / 1e9;
        assertLedgerBalanced(tenant);

        Arrays.sort(latencies);
        System.out.printf(
                Locale.ROOT,
                "checkout throughput: %d paid checkouts (pm_card_visa, %d tutors, %d students) with %d clients in"
                        + " %.2f s: %.1f checkouts/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                PAYMENTS,
                TUTORS,
                STUDENTS,
                CONCURRENCY,
                seconds,
                PAYMENTS / seconds,
                percentile(latencies, 50),
                percentile(latencies, 95),
                percentile(latencies, 99),
                latencies[latencies.length - 1] / 1e6);
        System.out.printf(
                Locale.ROOT,
                "webhooks: all %d payment_intent.succeeded events delivered and processed %.2f s after the first"
                        + " checkout (%.1f payments/s end to end); all bookings CONFIRMED after %.2f s%n",
                PAYMENTS,
                drained,
                PAYMENTS / drained,
                confirmed);
    }

    private List<String> jdbcOrders(io.lyceum.tenancy.TenantId tenant, List<UUID> bookings) {
        return io.lyceum.tenancy.TenantContext.callAs(
                tenant, () -> jdbc.sql("SELECT id::text FROM orders WHERE reference_id IN (:b)")
                        .param("b", bookings)
                        .query(String.class)
                        .list());
    }

    /** Checks the lessons out from {@value #CONCURRENCY} threads; returns each checkout's latency in nanoseconds. */
    private long[] run(List<Lesson> lessons) throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY)) {
            List<Future<Long>> futures = lessons.stream()
                    .map(lesson -> clients.submit(() -> {
                        long start = System.nanoTime();
                        Response answer = checkout(lesson.student(), lesson.booking(), "pm_card_visa");
                        long took = System.nanoTime() - start;
                        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
                        assertThat(answer.<String>path("status")).isEqualTo("PAID");
                        return took;
                    }))
                    .toList();
            long[] latencies = new long[futures.size()];
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = futures.get(i).get();
            }
            return latencies;
        }
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
