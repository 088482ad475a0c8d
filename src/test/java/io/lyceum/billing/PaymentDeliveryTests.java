package io.lyceum.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.billing.SignedWebhooks.Event;
import io.lyceum.billing.sandbox.SandboxPaymentProvider;
import io.lyceum.billing.sandbox.SandboxWebhookDispatcher;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.JsonAnswers;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The delivery test: every webhook of 200 payments is delivered twice and shuffled, by the test from 8 threads
 * and by the sandbox's own dispatcher at the same time; each payment is counted once and the ledger stays balanced.
 */
class PaymentDeliveryTests extends BillingTestBase {

    private static final int PAYMENTS = 200;
    private static final int TUTORS = 4;
    private static final int STUDENTS = 10;
    private static final int THREADS = 8;

    @Autowired
    SandboxPaymentProvider sandbox;

    @Autowired
    SandboxWebhookDispatcher dispatcher;

    @Autowired
    BillingProperties properties;

    /** How a payment is made and what checkout answers. */
    enum Card {
        VISA("pm_card_visa", 200, "PAID", true),
        THREE_D_SECURE("pm_card_authenticationRequired", 200, "REQUIRES_ACTION", true),
        BANK_DEBIT("pm_sandbox_debitProcessing", 200, "PROCESSING", true),
        DECLINED("pm_card_chargeDeclined", 402, null, false),
        BANK_DEBIT_FAILS("pm_sandbox_debitProcessingFails", 200, "PROCESSING", false);

        final String method;
        final int httpStatus;
        final String status;
        final boolean pays;

        Card(String method, int httpStatus, String status, boolean pays) {
            this.method = method;
            this.httpStatus = httpStatus;
            this.status = status;
            this.pays = pays;
        }

        /** 70% plain cards, 10% 3-D Secure, 10% bank debits that settle later, 5% declines, 5% failing debits. */
        static Card of(int i) {
            int r = i % 20;
            if (r < 14) {
                return VISA;
            }
            return r < 16 ? THREE_D_SECURE : r < 18 ? BANK_DEBIT : r == 18 ? DECLINED : BANK_DEBIT_FAILS;
        }
    }

    record Payment(UUID booking, UUID orderId, Card card, String paymentId) {}

    @Test
    void everyWebhookOf200PaymentsDeliveredTwiceAndShuffledCountsEachPaymentOnce() throws Exception {
        long started = System.nanoTime();
        List<Tutor> tutors = inParallel(TUTORS, i -> tutor());
        List<SignedIn> students = inParallel(STUDENTS, i -> student());
        TenantId tenant = tutors.getFirst().tenant();
        List<Payment> payments;
        dispatcher.pause();
        try {
            payments = inParallel(PAYMENTS, i -> pay(students.get(i % STUDENTS), tutors.get(i % TUTORS), Card.of(i)));
            long madeAt = System.nanoTime();
            for (Payment p : payments) {
                if (p.card() == Card.THREE_D_SECURE) {
                    sandbox.completeChallenge(p.paymentId(), true);
                }
            }
            List<UUID> orderIds = payments.stream().map(Payment::orderId).toList();
            // bank debits settle after the sandbox's processing delay (its ticks run while deliveries are paused)
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.sql("""
                                    SELECT count(*) FROM sandbox_payment_intents
                                    WHERE status = 'processing' AND metadata ->> 'orderId' IN (:orders)
                                    """)
                                    .param("orders", strings(orderIds))
                                    .query(Long.class)
                                    .single()
                            == 0);
            List<Event> events = SignedWebhooks.eventsOfOrders(jdbc, orderIds);
            assertThat(events.stream().map(Event::id).distinct()).hasSize(events.size());

            List<Event> deliveries = new ArrayList<>(events);
            deliveries.addAll(events);
            long seed = new Random().nextLong();
            Collections.shuffle(deliveries, new Random(seed));
            System.out.printf(
                    "delivering %d events of %d payments twice in a shuffled order (seed %d)%n",
                    events.size(), PAYMENTS, seed);

            dispatcher.resume(); // the sandbox delivers the same events meanwhile
            long deliveringAt = System.nanoTime();
            List<Response> answers = inParallel(deliveries.size(), i -> {
                String payload = deliveries.get(i).payload();
                return SignedWebhooks.post(
                        port, payload, SignedWebhooks.signature(payload, sandbox.webhookSecret(), Instant.now()));
            });
            Map<String, Long> outcomes = answers.stream()
                    .collect(Collectors.groupingBy(
                            r -> r.statusCode() + " " + r.path("status"), TreeMap::new, Collectors.counting()));
            assertThat(outcomes.keySet()).as("answers: %s", outcomes).containsAnyOf("200 processed", "200 duplicate");
            assertThat(outcomes.keySet()).as("answers: %s", outcomes).isSubsetOf("200 processed", "200 duplicate");
            assertThat(outcomes.get("200 duplicate")).isGreaterThanOrEqualTo((long) events.size());

            Set<String> ids = events.stream().map(Event::id).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            jdbc.sql("SELECT count(*) FROM sandbox_events WHERE id IN (:ids) AND delivered_at IS NULL")
                                            .param("ids", ids)
                                            .query(Long.class)
                                            .single()
                                    == 0);
            System.out.printf(
                    "payments made in %.1f s; %d deliveries answered in %.1f s (%s)%n",
                    (madeAt - started) / 1e9, deliveries.size(), (System.nanoTime() - deliveringAt) / 1e9, outcomes);

            // one webhook_events row per event id
            assertThat(count(
                            tenant, "SELECT count(*) FROM webhook_events WHERE event_id IN (:ids)", Map.of("ids", ids)))
                    .isEqualTo(ids.size());

            // what the provider says succeeded
            Map<UUID, Long> succeeded = new HashMap<>();
            jdbc.sql("""
                            SELECT metadata ->> 'orderId' AS order_id, amount FROM sandbox_payment_intents
                            WHERE status = 'succeeded' AND metadata ->> 'orderId' IN (:orders)
                            """)
                    .param("orders", strings(orderIds))
                    .query((rs, n) -> succeeded.put(UUID.fromString(rs.getString(1)), rs.getLong(2)))
                    .list();
            Set<UUID> shouldBePaid = payments.stream()
                    .filter(p -> p.card().pays)
                    .map(Payment::orderId)
                    .collect(Collectors.toSet());
            assertThat(succeeded.keySet()).isEqualTo(shouldBePaid);

            Map<UUID, String> statuses = new HashMap<>();
            Map<UUID, Long> paymentEntries = new HashMap<>();
            Map<UUID, Long> paidTransitions = new HashMap<>();
            TenantContext.runAs(tenant, () -> {
                jdbc.sql("SELECT id, status FROM orders WHERE id IN (:o)")
                        .param("o", orderIds)
                        .query((rs, n) -> statuses.put(rs.getObject(1, UUID.class), rs.getString(2)))
                        .list();
                jdbc.sql("""
                                SELECT order_id, count(*) FROM journal_entries
                                WHERE kind = 'PAYMENT' AND order_id IN (:o) AND reference = 'order:' || order_id || ':paid'
                                GROUP BY order_id
                                """)
                        .param("o", orderIds)
                        .query((rs, n) -> paymentEntries.put(rs.getObject(1, UUID.class), rs.getLong(2)))
                        .list();
                jdbc.sql("SELECT order_id, count(*) FROM order_history WHERE to_status = 'PAID' AND order_id IN (:o)"
                                + " GROUP BY order_id")
                        .param("o", orderIds)
                        .query((rs, n) -> paidTransitions.put(rs.getObject(1, UUID.class), rs.getLong(2)))
                        .list();
            });
            for (Payment p : payments) {
                if (p.card().pays) {
                    assertThat(statuses.get(p.orderId())).as("order of %s", p).isEqualTo("PAID");
                    assertThat(paymentEntries.get(p.orderId()))
                            .as("PAYMENT entries of %s", p)
                            .isEqualTo(1L);
                    assertThat(paidTransitions.get(p.orderId()))
                            .as("moves to PAID of %s", p)
                            .isEqualTo(1L);
                } else {
                    assertThat(statuses.get(p.orderId())).as("order of %s", p).isEqualTo("OPEN");
                    assertThat(paymentEntries).as("PAYMENT entries of %s", p).doesNotContainKey(p.orderId());
                }
            }
            assertThat(count(
                            tenant,
                            "SELECT count(*) FROM payment_attempts WHERE order_id IN (:o)",
                            Map.of("o", orderIds)))
                    .isEqualTo(PAYMENTS);

            // provider clearing holds exactly what the provider took for these orders
            long cleared = count(tenant, """
                    SELECT coalesce(sum(l.amount), 0) FROM journal_lines l
                    JOIN journal_entries e ON e.id = l.entry_id
                    JOIN ledger_accounts a ON a.id = l.account_id
                    WHERE a.type = 'PROVIDER_CLEARING' AND e.order_id IN (:o)
                    """, Map.of("o", orderIds));
            assertThat(cleared)
                    .isEqualTo(succeeded.values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
            assertThat(cleared).isEqualTo(3000L * shouldBePaid.size());

            List<UUID> paidBookings = payments.stream()
                    .filter(p -> p.card().pays)
                    .map(Payment::booking)
                    .toList();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> count(
                                    tenant,
                                    "SELECT count(*) FROM bookings WHERE id IN (:b) AND state = 'CONFIRMED'",
                                    Map.of("b", paidBookings))
                            == paidBookings.size());
            assertLedgerBalanced(tenant);
            System.out.printf("delivery test took %.1f s%n", (System.nanoTime() - started) / 1e9);
        } finally {
            dispatcher.resume();
        }
    }

    private Payment pay(SignedIn student, Tutor tutor, Card card) {
        UUID booking = lesson(student, tutor);
        Response answer = checkout(student, booking, card.method);
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(card.httpStatus);
        JsonNode json = JsonAnswers.read(answer.asString());
        if (card.status != null) {
            assertThat(JsonAnswers.string(json, "status")).isEqualTo(card.status);
        }
        UUID orderId = UUID.fromString(
                answer.statusCode() == 200
                        ? json.path("orderId").asString()
                        : JsonAnswers.read(student.api()
                                        .get("/api/v1/payments/status/" + booking)
                                        .then()
                                        .statusCode(200)
                                        .extract())
                                .path("orderId")
                                .asString());
        String paymentId = TenantContext.callAs(
                tutor.tenant(), () -> jdbc.sql("SELECT provider_payment_id FROM payment_attempts WHERE order_id = :o")
                        .param("o", orderId)
                        .query(String.class)
                        .single());
        return new Payment(booking, orderId, card, paymentId);
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    /** Runs {@code n} calls on {@value #THREADS} threads and returns their results in order. */
    static <T> List<T> inParallel(int n, IntFunction<T> call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
