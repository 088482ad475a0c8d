package io.lyceum.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.billing.sandbox.SandboxWebhookDispatcher;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ExternalInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The crash test: a second Lyceum runs as a separate JVM on the test's database; clients stream checkouts at
 * it from several threads (each with its own Idempotency-Key, retried with the same key on a connection failure, a 5xx
 * or "still in progress", as real clients do); the server is killed with SIGKILL in the middle and restarted on the
 * same port. Afterwards every payment the provider took is recorded exactly once (or refunded as a duplicate), every
 * client got its answer, nothing is stuck processing and the ledger balances.
 *
 * <p>Runs in the normal build ({@code *Test}): the two starts of the second server dominate its time.
 */
class PaymentCrashTest extends BillingTestBase {

    private static final int PAYMENTS = 60;
    private static final int CLIENTS = 6;
    private static final int TUTORS = 2;
    private static final int STUDENTS = 6;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Requests the kill cut off after they reached the server. */
    private static final AtomicInteger CUT_OFF = new AtomicInteger();

    @Autowired
    EmbeddedPostgres postgres;

    record Purchase(UUID booking, SignedIn student, String method) {}

    /** What a client finally heard, after its retries. */
    record Answer(int status, String orderStatus, String code, String orderId, int tries) {}

    @Test
    void killingTheServerInTheMiddleOfAStreamOfPaymentsLosesAndDoublesNothing() throws Exception {
        long started = System.nanoTime();
        List<Tutor> tutors = PaymentDeliveryTests.inParallel(TUTORS, i -> tutor());
        List<SignedIn> students = PaymentDeliveryTests.inParallel(STUDENTS, i -> student());
        TenantId tenant = tutors.getFirst().tenant();
        List<Purchase> purchases = PaymentDeliveryTests.inParallel(PAYMENTS, i -> {
            SignedIn student = students.get(i % STUDENTS);
            String method =
                    switch (i % 10) {
                        case 3 -> "pm_card_chargeDeclinedInsufficientFunds";
                        case 7 -> "pm_sandbox_debitProcessing";
                        default -> "pm_card_visa";
                    };
            return new Purchase(lesson(student, tutors.get(i % TUTORS)), student, method);
        });

        int serverPort = ExternalInstance.freePort();
        Path log = Files.createTempFile("lyceum-crash-server-", ".log");
        ExternalInstance server = new ExternalInstance(
                postgres,
                "crash",
                serverPort,
                log,
                Map.ofEntries(
                        Map.entry("lyceum.jobs.enabled", "true"),
                        Map.entry("lyceum.jobs.polling-interval", "PT0.5S"),
                        // events whose listener was running when the process was killed are delivered again soon
                        Map.entry("spring.modulith.events.staleness.published", "PT5S"),
                        Map.entry("spring.modulith.events.staleness.processing", "PT5S"),
                        Map.entry("spring.modulith.events.staleness.resubmitted", "PT5S"),
                        Map.entry("spring.modulith.events.staleness.check-interval", "PT2S"),
                        Map.entry("lyceum.jobs.event-redelivery-interval", "PT2S"),
                        Map.entry(
                                "lyceum.payments.sandbox.webhook-url",
                                "http://127.0.0.1:" + serverPort + "/api/v1/payments/webhook"),
                        // a request killed with the server leaves its key claimed; retries may take it over after this
                        Map.entry("lyceum.idempotency.lock-timeout", "PT3S")));
        server.start();
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        Map<UUID, Answer> answers = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failedTries = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(PAYMENTS / 3);
        long killedAt;
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (Purchase purchase : purchases) {
                running.add(clients.submit(() -> {
                    Answer answer = pay(http, serverPort, purchase, failedTries);
                    answers.put(purchase.booking(), answer);
                    answered.incrementAndGet();
                    third.countDown();
                    return null;
                }));
            }
            assertThat(third.await(90, TimeUnit.SECONDS)).isTrue();
            int before = answered.get();
            server.kill();
            killedAt = System.nanoTime();
            System.out.printf("killed the server (SIGKILL) after %d of %d answers%n", before, PAYMENTS);
            server.start();
            for (Future<?> client : running) {
                client.get(180, TimeUnit.SECONDS);
            }
        } finally {
            server.kill();
        }
        System.out.printf(
                "all %d clients answered (%d requests cut off by the kill, %d failed tries retried) %.1f s after the kill;"
                        + " log: %s%n",
                PAYMENTS, CUT_OFF.get(), failedTries.get(), (System.nanoTime() - killedAt) / 1e9, log);

        // every client got a definite answer: paid, processing (a bank debit) or declined
        Map<String, Long> outcomes = answers.values().stream()
                .collect(Collectors.groupingBy(
                        a -> a.status() + " " + (a.orderStatus() != null ? a.orderStatus() : a.code()),
                        TreeMap::new,
                        Collectors.counting()));
        System.out.println("client answers: " + outcomes);
        assertThat(answers).hasSize(PAYMENTS);
        for (Purchase purchase : purchases) {
            Answer answer = answers.get(purchase.booking());
            switch (purchase.method()) {
                case "pm_card_visa" ->
                    assertThat(answer.orderStatus()).as("%s", answer).isEqualTo("PAID");
                case "pm_sandbox_debitProcessing" ->
                    assertThat(answer.orderStatus()).as("%s", answer).isIn("PROCESSING", "PAID");
                default -> assertThat(answer.code()).as("%s", answer).isEqualTo("payment.declined");
            }
        }

        Map<UUID, UUID> orderOfBooking = new HashMap<>();
        TenantContext.runAs(tenant, () -> jdbc.sql("SELECT reference_id, id FROM orders WHERE reference_id IN (:b)")
                .param("b", purchases.stream().map(Purchase::booking).toList())
                .query((rs, n) -> orderOfBooking.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .list());
        assertThat(orderOfBooking).hasSize(PAYMENTS);
        List<UUID> orderIds = List.copyOf(orderOfBooking.values());
        List<String> orderStrings = orderIds.stream().map(UUID::toString).toList();

        // the webhooks drain (the test's own instance delivers the sandbox's events too) and debits settle. The
        // batch of sandbox events the killed server had claimed stays leased for SandboxWebhookDispatcher.LEASE on
        // the claiming instance's clock; moving this instance's clock past it lets it deliver them now instead of
        // after the lease's wait
        long draining = System.nanoTime();
        testClock.advance(SandboxWebhookDispatcher.LEASE.plusSeconds(1));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count(
                                        tenant,
                                        "SELECT count(*) FROM orders WHERE id IN (:o) AND status IN ('PROCESSING',"
                                                + " 'REQUIRES_ACTION')",
                                        Map.of("o", orderIds))
                                == 0
                        && jdbc.sql("""
                                SELECT count(*) FROM sandbox_events
                                WHERE delivered_at IS NULL
                                  AND CAST(payload AS jsonb) -> 'data' -> 'object' -> 'metadata' ->> 'orderId' IN (:o)
                                """)
                                        .param("o", orderStrings)
                                        .query(Long.class)
                                        .single()
                                == 0);

        System.out.printf("webhooks drained and debits settled in %.1f s%n", (System.nanoTime() - draining) / 1e9);

        // what the provider took, per order
        Map<UUID, List<long[]>> intents = new HashMap<>(); // order -> [amount, refunded] per succeeded intent
        Map<String, UUID> orderOfIntent = new HashMap<>();
        jdbc.sql("""
                        SELECT id, metadata ->> 'orderId', amount, amount_refunded FROM sandbox_payment_intents
                        WHERE status = 'succeeded' AND metadata ->> 'orderId' IN (:o)
                        """)
                .param("o", orderStrings)
                .query((rs, n) -> {
                    UUID order = UUID.fromString(rs.getString(2));
                    orderOfIntent.put(rs.getString(1), order);
                    return intents.computeIfAbsent(order, k -> new ArrayList<>())
                            .add(new long[] {rs.getLong(3), rs.getLong(4)});
                })
                .list();

        Map<UUID, String> status = new HashMap<>();
        Map<UUID, String> paidWith = new HashMap<>();
        Map<UUID, Long> payments = new HashMap<>();
        Map<UUID, Long> paidMoves = new HashMap<>();
        TenantContext.runAs(tenant, () -> {
            jdbc.sql("SELECT id, status, provider_payment_id FROM orders WHERE id IN (:o)")
                    .param("o", orderIds)
                    .query((rs, n) -> {
                        status.put(rs.getObject(1, UUID.class), rs.getString(2));
                        return paidWith.put(rs.getObject(1, UUID.class), rs.getString(3));
                    })
                    .list();
            jdbc.sql("SELECT order_id, count(*) FROM journal_entries WHERE kind = 'PAYMENT' AND order_id IN (:o)"
                            + " AND reference = 'order:' || order_id || ':paid' GROUP BY order_id")
                    .param("o", orderIds)
                    .query((rs, n) -> payments.put(rs.getObject(1, UUID.class), rs.getLong(2)))
                    .list();
            jdbc.sql("SELECT order_id, count(*) FROM order_history WHERE to_status = 'PAID' AND order_id IN (:o)"
                            + " GROUP BY order_id")
                    .param("o", orderIds)
                    .query((rs, n) -> paidMoves.put(rs.getObject(1, UUID.class), rs.getLong(2)))
                    .list();
        });
        Map<String, Long> finalStatuses =
                status.values().stream().collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
        System.out.println("orders afterwards: " + finalStatuses + "; orders the provider charged: " + intents.size()
                + "; succeeded intents: " + orderOfIntent.size());

        long expectedClearing = 0;
        for (Purchase purchase : purchases) {
            UUID order = orderOfBooking.get(purchase.booking());
            Answer answer = answers.get(purchase.booking());
            List<long[]> taken = intents.getOrDefault(order, List.of());
            if ("PAID".equals(answer.orderStatus()) || !taken.isEmpty()) {
                assertThat(status.get(order)).as("order %s (%s)", order, answer).isEqualTo("PAID");
                assertThat(payments.get(order))
                        .as("PAYMENT entries of %s", order)
                        .isEqualTo(1L);
                assertThat(paidMoves.get(order))
                        .as("moves to PAID of %s", order)
                        .isEqualTo(1L);
                assertThat(orderOfIntent.get(paidWith.get(order))).isEqualTo(order);
                // at most one payment is kept; any other the provider took was refunded in full
                long kept = taken.stream().filter(t -> t[1] == 0).count();
                assertThat(kept).as("payments kept for %s", order).isEqualTo(1);
                assertThat(taken.stream().filter(t -> t[1] != 0 && t[1] != t[0]))
                        .isEmpty();
                expectedClearing += 3000;
            } else {
                assertThat(status.get(order)).as("order %s (%s)", order, answer).isEqualTo("OPEN");
                assertThat(payments).doesNotContainKey(order);
            }
        }
        assertThat(status.values()).doesNotContain("PROCESSING", "REQUIRES_ACTION");
        long cleared = count(tenant, """
                SELECT coalesce(sum(l.amount), 0) FROM journal_lines l
                JOIN journal_entries e ON e.id = l.entry_id
                JOIN ledger_accounts a ON a.id = l.account_id
                WHERE a.type = 'PROVIDER_CLEARING' AND e.order_id IN (:o)
                """, Map.of("o", orderIds));
        assertThat(cleared).isEqualTo(expectedClearing);

        Set<UUID> paidBookings = purchases.stream()
                .map(Purchase::booking)
                .filter(b -> "PAID".equals(status.get(orderOfBooking.get(b))))
                .collect(Collectors.toSet());
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count(
                                    tenant,
                                    "SELECT count(*) FROM bookings WHERE id IN (:b) AND state = 'CONFIRMED'",
                                    Map.of("b", paidBookings))
                            == paidBookings.size());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            TenantContext.runAs(
                    tenant,
                    () -> System.out.println("bookings not confirmed: "
                            + jdbc.sql("SELECT id, state FROM bookings WHERE id IN (:b) AND state <> 'CONFIRMED'")
                                    .param("b", paidBookings)
                                    .query((rs, n) -> rs.getString(1) + "=" + rs.getString(2))
                                    .list()));
            System.out.println("incomplete event publications: "
                    + jdbc.sql(
                                    "SELECT listener_id || ' ' || event_type || ' ' || coalesce(status, '?') FROM event_publication"
                                            + " WHERE completion_date IS NULL")
                            .query(String.class)
                            .list());
            throw e;
        }
        assertLedgerBalanced(tenant);
        System.out.printf("crash test took %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** A client paying one booking: one Idempotency-Key, retried on connection failures, 5xx and "in progress". */
    private static Answer pay(HttpClient http, int port, Purchase purchase, AtomicInteger failedTries) {
        String key = UUID.randomUUID().toString();
        String body =
                "{\"orderId\": \"" + purchase.booking() + "\", \"paymentMethodId\": \"" + purchase.method() + "\"}";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(170);
        int tries = 0;
        while (true) {
            tries++;
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CHECKOUT))
                                .timeout(Duration.ofSeconds(30))
                                .header(
                                        "Authorization",
                                        "Bearer " + purchase.student().accessToken())
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, application/problem+json")
                                .header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
                boolean inProgress = response.statusCode() == 409
                        && "idempotency.in_progress".equals(json.path("code").asString(null));
                if (response.statusCode() < 500 && !inProgress) {
                    return new Answer(
                            response.statusCode(),
                            json.path("status").isString() ? json.path("status").asString() : null,
                            json.path("code").asString(null),
                            json.path("orderId").asString(null),
                            tries);
                }
            } catch (java.net.ConnectException e) {
                // the server is down: try again with the same key
            } catch (IOException e) {
                CUT_OFF.incrementAndGet(); // the server died while answering: try again with the same key
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            failedTries.incrementAndGet();
            if (System.nanoTime() > deadline) {
                return new Answer(-1, null, "gave up", null, tries);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
