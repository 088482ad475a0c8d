package io.lyceum.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.lyceum.testsupport.Accounts.SignedIn;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 13's proof that no provider call holds a connection: the Stripe adapter talks to WireMock, which answers every
 * payment intent only after {@link #PROVIDER_DELAY}. Fifty checkouts of fifty orders run at once (five times the pool);
 * meanwhile searches and booking reads keep being answered at about their usual latency and the Hikari pool never has
 * a thread waiting for a connection. A second test counts the statements and transactions of one checkout.
 */
@Import(StatementCounter.Registration.class)
class SlowProviderCheckoutTests extends BillingTestBase {

    private static final Duration PROVIDER_DELAY = Duration.ofSeconds(5);
    private static final int CHECKOUTS = 50;
    private static final WireMockServer STRIPE = new WireMockServer(
            options().dynamicPort().containerThreads(CHECKOUTS + 30).extensions(new EchoPaymentIntent()));

    static {
        STRIPE.start();
    }

    @DynamicPropertySource
    static void stripeOnWireMock(DynamicPropertyRegistry registry) {
        registry.add("lyceum.payments.provider", () -> "stripe");
        registry.add("lyceum.payments.stripe.api-key", () -> "sk_test_lyceum_slow_provider");
        registry.add("lyceum.payments.stripe.api-base", STRIPE::baseUrl);
        registry.add("lyceum.payments.webhook-secret", () -> "whsec_test_lyceum_slow_provider");
        registry.add("lyceum.payments.stripe.publishable-key", () -> "pk_test_lyceumElements");
    }

    @AfterAll
    static void stopStripe() {
        STRIPE.stop();
    }

    @Autowired
    DataSource dataSource;

    /** Answers {@code POST /v1/payment_intents} with a succeeded intent of the posted amount, echoing its metadata. */
    static final class EchoPaymentIntent implements ResponseDefinitionTransformerV2 {

        private static final AtomicInteger NEXT = new AtomicInteger();

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : event.getRequest().getBodyAsString().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            StringBuilder metadata = new StringBuilder();
            form.forEach((k, v) -> {
                if (k.startsWith("metadata[")) {
                    metadata.append(metadata.isEmpty() ? "" : ",")
                            .append('"')
                            .append(k, 9, k.length() - 1)
                            .append("\":\"")
                            .append(v)
                            .append('"');
                }
            });
            String id = "pi_slow" + NEXT.incrementAndGet() + "x"
                    + UUID.randomUUID().toString().substring(0, 8);
            String body = """
                    {"id": "%s", "object": "payment_intent", "amount": %s, "amount_received": %s,
                     "currency": "%s", "status": "succeeded", "created": %d, "customer": null,
                     "description": "slow", "last_payment_error": null, "latest_charge": null, "livemode": false,
                     "metadata": {%s}, "next_action": null, "payment_method": "%s"}
                    """.formatted(
                            id,
                            form.get("amount"),
                            form.get("amount"),
                            form.get("currency"),
                            System.currentTimeMillis() / 1000,
                            metadata,
                            form.get("payment_method"));
            return ResponseDefinitionBuilder.like(event.getResponseDefinition())
                    .withBody(body)
                    .build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "echo-payment-intent";
        }
    }

    private static void stubSlowStripe() {
        STRIPE.resetAll();
        STRIPE.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withFixedDelay((int) PROVIDER_DELAY.toMillis())
                        .withTransformers("echo-payment-intent")));
    }

    /**
     * With Stripe the checkout page takes the card with Stripe Elements: the API hands out the publishable key, the
     * page mounts the card element with it and loads Stripe.js, and only that page's Content-Security-Policy lets
     * Stripe's script, frames and API through. (Stripe.js itself needs the internet, so no browser runs it here.)
     */
    @Test
    void theCheckoutPageTakesTheCardWithStripeElements() {
        api().get("/api/v1/payments/config")
                .then()
                .statusCode(200)
                .body("provider", org.hamcrest.Matchers.equalTo("stripe"))
                .body("publishableKey", org.hamcrest.Matchers.equalTo("pk_test_lyceumElements"))
                .body("testPaymentMethods", org.hamcrest.Matchers.nullValue());
        SignedIn payer = student();
        UUID booking = lesson(payer, tutor());
        var page = io.lyceum.testsupport.http.Http.given()
                .cookie("lyceum_access", payer.accessToken())
                .get("/pay/" + booking);
        page.then().statusCode(200);
        String html = page.asString();
        assertThat(html)
                .contains("id=\"card-element\"")
                .contains("data-publishable-key=\"pk_test_lyceumElements\"")
                .contains("src=\"https://js.stripe.com/v3/\"")
                .contains("/js/stripe-checkout.js")
                .doesNotContain("pm_card_visa");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy)
                .contains("script-src 'self' 'nonce-")
                .contains("https://js.stripe.com")
                .contains("frame-src 'self' https://js.stripe.com https://hooks.stripe.com")
                .contains("connect-src 'self' https://api.stripe.com");
        // every other page keeps the strict policy
        assertThat(io.lyceum.testsupport.http.Http.given().get("/signin").header("Content-Security-Policy"))
                .doesNotContain("stripe");
    }

    @Test
    void theSavedCardsPageTakesANewCardWithStripeElements() {
        SignedIn payer = student();
        var page = io.lyceum.testsupport.http.Http.given()
                .cookie("lyceum_access", payer.accessToken())
                .get("/account/payment-methods");
        page.then().statusCode(200);
        assertThat(page.asString())
                .contains("id=\"stripe-card-form\"")
                .contains("data-publishable-key=\"pk_test_lyceumElements\"")
                .contains("name=\"paymentMethodId\" id=\"payment-method\"")
                .contains("src=\"https://js.stripe.com/v3/\"")
                .doesNotContain("data-tokenize") // the sandbox's card form is not offered
                .doesNotContain("id=\"no-adding\"");
        assertThat(page.header("Content-Security-Policy"))
                .contains("https://js.stripe.com")
                .contains("connect-src 'self' https://api.stripe.com");
    }

    @Test
    void fiftyCheckoutsWaitingOnASlowProviderLeaveThePoolAndTheReadsAlone() throws Exception {
        stubSlowStripe();
        Tutor tutor = tutor();
        SignedIn reader = student();
        UUID readerBooking = lesson(reader, tutor);
        List<SignedIn> students = PaymentDeliveryTests.inParallel(10, i -> student());
        List<Tutor> tutors = PaymentDeliveryTests.inParallel(5, i -> tutor());
        List<UUID> bookings =
                PaymentDeliveryTests.inParallel(CHECKOUTS, i -> lesson(students.get(i % 10), tutors.get(i % 5)));
        HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        int maxPool = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();

        List<Long> quiet = reads(reader, readerBooking, 20);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean waitingAtProvider = new AtomicBoolean(false);
        AtomicInteger maxActive = new AtomicInteger();
        AtomicInteger maxWaiting = new AtomicInteger();
        AtomicInteger maxActiveWhileWaiting = new AtomicInteger();
        AtomicInteger maxWaitingWhileWaiting = new AtomicInteger();
        AtomicInteger maxWaitingOnADryPool = new AtomicInteger();
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                int active = pool.getActiveConnections();
                int waiting = pool.getThreadsAwaitingConnection();
                int idle = pool.getIdleConnections();
                maxActive.accumulateAndGet(active, Math::max);
                maxWaiting.accumulateAndGet(waiting, Math::max);
                if (waitingAtProvider.get()) {
                    maxActiveWhileWaiting.accumulateAndGet(active, Math::max);
                    maxWaitingWhileWaiting.accumulateAndGet(waiting, Math::max);
                    if (idle == 0) {
                        maxWaitingOnADryPool.accumulateAndGet(waiting, Math::max);
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long started = System.nanoTime();
        List<Integer> statuses;
        List<String> orderStatuses = Collections.synchronizedList(new ArrayList<>());
        List<Long> loaded;
        long readWindow;
        long reachedProvider;
        long arrivalSpread;
        try (ExecutorService clients = Executors.newFixedThreadPool(CHECKOUTS)) {
            List<Future<Integer>> checkouts = new ArrayList<>();
            for (int i = 0; i < CHECKOUTS; i++) {
                SignedIn payer = students.get(i % 10);
                UUID booking = bookings.get(i);
                checkouts.add(clients.submit(() -> {
                    var response = checkout(payer, booking, "pm_card_visa");
                    orderStatuses.add(response.path("status"));
                    return response.statusCode();
                }));
            }
            // read while every checkout waits for the provider: from the moment the last one reached it until the
            // first one's answer is near. The checkouts reach the provider spread over a second or more (their first
            // transactions queue for the pool's ten connections), so the window is timed from the first arrival: a
            // window timed from the last one let the first answers' second transactions into it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long firstAtProvider = 0;
            while (atProvider() < CHECKOUTS && System.nanoTime() < deadline) {
                if (firstAtProvider == 0 && atProvider() > 0) {
                    firstAtProvider = System.nanoTime();
                }
                Thread.sleep(10);
            }
            long allAtProvider = System.nanoTime();
            if (firstAtProvider == 0) {
                firstAtProvider = allAtProvider;
            }
            long windowEnd = firstAtProvider + PROVIDER_DELAY.toNanos() * 8 / 10;
            arrivalSpread = (allAtProvider - firstAtProvider) / 1_000_000;
            waitingAtProvider.set(true);
            loaded = new ArrayList<>();
            while (System.nanoTime() < windowEnd) {
                loaded.addAll(reads(reader, readerBooking, 1));
            }
            waitingAtProvider.set(false);
            readWindow = (System.nanoTime() - allAtProvider) / 1_000_000;
            reachedProvider = atProvider();
            statuses = new ArrayList<>();
            for (Future<Integer> checkout : checkouts) {
                statuses.add(checkout.get(60, TimeUnit.SECONDS));
            }
        } finally {
            running.set(false);
            sampler.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf(
                "slow provider (%d ms per intent), %d concurrent checkouts, pool of %d: all answered in %.1f s;"
                        + " they reached the provider within %d ms;"
                        + " while all %d waited at the provider (%d ms of reads): at most %d connections active,"
                        + " at most %d threads waiting (%d with no connection idle); over the whole run (the bursts of first and second"
                        + " transactions included): at most %d active, at most %d waiting%n",
                PROVIDER_DELAY.toMillis(),
                CHECKOUTS,
                maxPool,
                seconds,
                arrivalSpread,
                reachedProvider,
                readWindow,
                maxActiveWhileWaiting.get(),
                maxWaitingWhileWaiting.get(),
                maxWaitingOnADryPool.get(),
                maxActive.get(),
                maxWaiting.get());
        System.out.printf(
                "reads (search + booking), ms: quiet p50 %d p95 %d max %d; while the checkouts wait p50 %d p95 %d"
                        + " max %d%n",
                percentile(quiet, 50),
                percentile(quiet, 95),
                percentile(quiet, 100),
                percentile(loaded, 50),
                percentile(loaded, 95),
                percentile(loaded, 100));

        assertThat(statuses).containsOnly(200);
        assertThat(orderStatuses).containsOnly("PAID");
        assertThat(reachedProvider).as("checkouts waiting at the provider").isEqualTo(CHECKOUTS);
        assertThat(loaded)
                .as("reads answered while the provider kept every checkout waiting")
                .hasSizeGreaterThan(4);
        // Hikari counts every borrow that misses its thread's own list as waiting, for the instant it scans the pool,
        // so a waiting thread beside idle connections is a borrow in progress: the pool ran dry only if none was idle
        assertThat(maxWaitingOnADryPool.get())
                .as("threads that waited for a pooled connection while none was idle and the provider was slow")
                .isZero();
        assertThat(maxActiveWhileWaiting.get())
                .as("connections in use while fifty checkouts waited at the provider")
                .isLessThan(maxPool);
        // no read queued behind a checkout's connection (that would take the provider's delay)
        assertThat(percentile(loaded, 100)).isLessThan(PROVIDER_DELAY.toMillis() / 2);
        for (UUID booking : bookings) {
            assertThat(count(
                            tutor.tenant(),
                            "SELECT count(*) FROM journal_entries e JOIN orders o ON o.id = e.order_id"
                                    + " WHERE o.reference_id = :b AND e.kind = 'PAYMENT'",
                            Map.of("b", booking)))
                    .isEqualTo(1);
        }
        assertLedgerBalanced(tutor.tenant());
    }

    @Test
    void oneCheckoutsStatementsAndTransactions() {
        STRIPE.resetAll();
        STRIPE.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers("echo-payment-intent")));
        Tutor tutor = tutor();
        SignedIn student = student();
        List<StatementCounter.Count> counts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID booking = lesson(student, tutor);
            String label = StatementCounter.newLabel();
            student.api()
                    .contentType("application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .header(StatementCounter.HEADER, label)
                    .body(Map.of("orderId", booking.toString(), "paymentMethodId", "pm_card_visa"))
                    .post(CHECKOUT)
                    .then()
                    .statusCode(200);
            counts.add(StatementCounter.of(label));
        }
        System.out.println("one checkout (POST " + CHECKOUT + ", the request's own thread): " + counts);
        StatementCounter.Count last = counts.getLast();
        assertThat(last.statements()).isPositive();
        assertThat(last.transactions()).isPositive();
    }

    private static long atProvider() {
        return STRIPE.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/v1/payment_intents")).build())
                .getCount();
    }

    private List<Long> reads(SignedIn reader, UUID booking, int rounds) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            // a free-text search nobody asked before: never answered from the cache
            api().get("/api/v1/tutors?q=zq" + UUID.randomUUID().toString().substring(0, 6))
                    .then()
                    .statusCode(200);
            millis.add((System.nanoTime() - t0) / 1_000_000);
            long t1 = System.nanoTime();
            reader.api().get("/api/v1/bookings/" + booking).then().statusCode(200);
            millis.add((System.nanoTime() - t1) / 1_000_000);
        }
        return millis;
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }
}
