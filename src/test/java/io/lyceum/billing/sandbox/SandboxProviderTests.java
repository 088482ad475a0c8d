package io.lyceum.billing.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.net.Webhook;
import io.lyceum.billing.BillingProperties;
import io.lyceum.billing.provider.PaymentProvider.PaymentRequest;
import io.lyceum.billing.provider.PaymentProvider.ProviderAccount;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.billing.provider.PaymentProvider.ProviderPaymentStatus;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayout;
import io.lyceum.billing.provider.PaymentProvider.ProviderRefund;
import io.lyceum.billing.provider.ProviderException;
import io.lyceum.billing.provider.StripeEvents;
import io.lyceum.shared.Money;
import io.lyceum.testsupport.ApiDocument;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Parallel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox provider (the bean and its public routes): Stripe's test cards and codes, idempotency keys, refunds,
 * cancellation, bank debits, payouts, Stripe-shaped events and their signed, at-least-once delivery.
 */
class SandboxProviderTests extends ApiTestBase {

    @Autowired
    SandboxPaymentProvider sandbox;

    @Autowired
    SandboxWebhookDispatcher dispatcher;

    @Autowired
    BillingProperties properties;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Clock clock;

    @Autowired
    JsonMapper json;

    private ProviderPayment pay(String method, long amount) {
        return pay(method, amount, null, UUID.randomUUID().toString());
    }

    private ProviderPayment pay(String method, long amount, String returnUrl, String key) {
        return sandbox.createPayment(new PaymentRequest(
                Money.of(amount, "GBP"),
                null,
                method,
                "Lesson <b>GCSE</b>",
                Map.of("orderId", UUID.randomUUID().toString()),
                returnUrl,
                key));
    }

    // ---- test cards

    @Test
    void everyTestCardHasStripesOutcomeAndCodes() {
        record Expect(String token, ProviderPaymentStatus status, String declineCode, String code) {}
        List<Expect> cards = List.of(
                new Expect("pm_card_visa", ProviderPaymentStatus.SUCCEEDED, null, null),
                new Expect("pm_card_visa_debit", ProviderPaymentStatus.SUCCEEDED, null, null),
                new Expect("pm_card_mastercard", ProviderPaymentStatus.SUCCEEDED, null, null),
                new Expect("pm_card_amex", ProviderPaymentStatus.SUCCEEDED, null, null),
                new Expect(
                        "pm_card_chargeDeclined",
                        ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD,
                        "generic_decline",
                        "card_declined"),
                new Expect(
                        "pm_card_chargeDeclinedInsufficientFunds",
                        ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD,
                        "insufficient_funds",
                        "card_declined"),
                new Expect(
                        "pm_card_chargeDeclinedLostCard",
                        ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD,
                        "lost_card",
                        "card_declined"),
                new Expect(
                        "pm_card_chargeDeclinedExpiredCard",
                        ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD,
                        "expired_card",
                        "expired_card"),
                new Expect(
                        "pm_card_chargeDeclinedIncorrectCvc",
                        ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD,
                        "incorrect_cvc",
                        "incorrect_cvc"),
                new Expect(
                        "pm_card_chargeDeclinedProcessingError",
                        ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD,
                        "processing_error",
                        "processing_error"),
                new Expect("pm_card_authenticationRequired", ProviderPaymentStatus.REQUIRES_ACTION, null, null),
                new Expect("pm_card_threeDSecure2Required", ProviderPaymentStatus.REQUIRES_ACTION, null, null),
                new Expect("pm_sandbox_debitProcessing", ProviderPaymentStatus.PROCESSING, null, null),
                new Expect("pm_sandbox_debitProcessingFails", ProviderPaymentStatus.PROCESSING, null, null));
        for (Expect card : cards) {
            ProviderPayment payment = pay(card.token(), 2500);
            assertThat(payment.status()).as(card.token()).isEqualTo(card.status());
            assertThat(payment.failureCode()).as(card.token()).isEqualTo(card.declineCode());
            assertThat(payment.id()).startsWith("pi_");
            assertThat(payment.paymentMethodId()).startsWith("pm_").isNotEqualTo(card.token());
            JsonNode event = lastEventOf(payment.id());
            JsonNode error = event.path("data").path("object").path("last_payment_error");
            if (card.code() == null) {
                assertThat(error.isNull()).as(card.token()).isTrue();
            } else {
                assertThat(error.path("type").asString()).isEqualTo("card_error");
                assertThat(error.path("code").asString()).as(card.token()).isEqualTo(card.code());
                assertThat(error.path("decline_code").asString()).isEqualTo(card.declineCode());
                assertThat(event.path("type").asString()).isEqualTo("payment_intent.payment_failed");
            }
            if (card.status() == ProviderPaymentStatus.REQUIRES_ACTION) {
                assertThat(payment.nextActionUrl()).endsWith("/sandbox/3ds/" + payment.id());
                assertThat(event.path("data")
                                .path("object")
                                .path("next_action")
                                .path("type")
                                .asString())
                        .isEqualTo("redirect_to_url");
            }
        }
    }

    @Test
    void cardNumbersTokenizedThroughTheSandboxEndpointBehaveLikeStripesTestCards() {
        String declined = api().contentType("application/json")
                .body(Map.of("number", "4000 0000 0000 9995", "expMonth", 12, "expYear", 2031, "cvc", "123"))
                .post("/sandbox/v1/payment_methods")
                .then()
                .statusCode(200)
                .body("object", equalTo("payment_method"))
                .body("card.brand", equalTo("visa"))
                .body("card.last4", equalTo("9995"))
                .body("card.expMonth", equalTo(12))
                .body("card.expYear", equalTo(2031))
                .body("card.funding", equalTo("credit"))
                .extract()
                .path("id");
        String good = api().contentType("application/json")
                .body(Map.of("number", "5555555555554444", "expMonth", 1, "expYear", 2040))
                .post("/sandbox/v1/payment_methods")
                .then()
                .statusCode(200)
                .body("card.brand", equalTo("mastercard"))
                .extract()
                .path("id");

        assertThat(declined).startsWith("pm_");
        ProviderPayment refused = pay(declined, 1000);
        assertThat(refused.status()).isEqualTo(ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD);
        assertThat(refused.failureCode()).isEqualTo("insufficient_funds");
        assertThat(pay(good, 1000).status()).isEqualTo(ProviderPaymentStatus.SUCCEEDED);
    }

    @Test
    void theTokenizationEndpointRefusesBadCardsWithTheProviderCode() {
        api().contentType("application/json")
                .body(Map.of("number", "4242424242424241", "expMonth", 12, "expYear", 2031))
                .post("/sandbox/v1/payment_methods")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("payment_method.invalid"))
                .body("providerCode", equalTo("incorrect_number"));
        api().contentType("application/json")
                .body(Map.of("number", "4242424242424242", "expMonth", 1, "expYear", 2020))
                .post("/sandbox/v1/payment_methods")
                .then()
                .statusCode(422)
                .body("providerCode", equalTo("invalid_expiry_year"));
        api().contentType("application/json")
                .body(Map.of("number", "4242424242424242", "expMonth", 13, "expYear", 2031, "cvc", "1"))
                .post("/sandbox/v1/payment_methods")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", org.hamcrest.Matchers.hasItems("expMonth", "cvc"));
        api().contentType("application/json")
                .body("{}")
                .post("/sandbox/v1/payment_methods")
                .then()
                .statusCode(422);
    }

    // ---- idempotency

    @Test
    void amountsStripeCannotChargeAreRefusedWithItsCodes() {
        assertThatThrownBy(() -> pay("pm_card_visa", 100_000_000))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo("amount_too_large"));
        assertThatThrownBy(() -> pay("pm_card_visa", 29))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo("amount_too_small"));
        assertThatThrownBy(() -> sandbox.createPayment(new PaymentRequest(
                        Money.of(49, "JPY"),
                        null,
                        "pm_card_visa",
                        "x",
                        Map.of(),
                        null,
                        UUID.randomUUID().toString())))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo("amount_too_small"));
        // the edges themselves can be charged
        assertThat(pay("pm_card_visa", 30).status()).isEqualTo(ProviderPaymentStatus.SUCCEEDED);
        assertThat(pay("pm_card_visa", 99_999_999).status()).isEqualTo(ProviderPaymentStatus.SUCCEEDED);
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstIntentAlsoUnderParallelCalls() {
        String key = "order:" + UUID.randomUUID();
        ProviderPayment first = pay("pm_card_visa", 3000, null, key);
        ProviderPayment again = pay("pm_card_visa", 3000, null, key);
        assertThat(again.id()).isEqualTo(first.id());
        assertThatThrownBy(() -> pay("pm_card_visa", 3100, null, key))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo("idempotency_error"));

        String parallelKey = "order:" + UUID.randomUUID();
        List<String> ids = Parallel.run(
                8, i -> pay("pm_card_visa", 3000, null, parallelKey).id());

        assertThat(ids).hasSize(8).containsOnly(ids.getFirst());
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_payment_intents WHERE idempotency_key = :k")
                        .param("k", parallelKey)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(eventsOf(ids.getFirst())).hasSize(1);
    }

    // ---- refunds

    @Test
    void partialRefundsSumAndNeverExceedTheUnrefundedAmount() {
        ProviderPayment payment = pay("pm_card_visa", 3000);
        ProviderRefund first = sandbox.refund(payment.id(), Money.of(1000, "GBP"), "re-1-" + payment.id(), Map.of());
        ProviderRefund replay = sandbox.refund(payment.id(), Money.of(1000, "GBP"), "re-1-" + payment.id(), Map.of());
        sandbox.refund(payment.id(), Money.of(1500, "GBP"), "re-2-" + payment.id(), Map.of("reason", "late"));

        assertThat(replay.id()).isEqualTo(first.id());
        assertThat(first.status()).isEqualTo("SUCCEEDED");
        assertThat(sandbox.retrievePayment(payment.id()).amountRefunded()).isEqualTo(2500);
        assertThatThrownBy(() -> sandbox.refund(payment.id(), Money.of(501, "GBP"), "re-3-" + payment.id(), Map.of()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo("amount_too_large"));
        sandbox.refund(payment.id(), Money.of(500, "GBP"), "re-4-" + payment.id(), Map.of());
        assertThat(sandbox.retrievePayment(payment.id()).amountRefunded()).isEqualTo(3000);
        assertThat(eventsOf(payment.id()).stream().map(e -> e.path("type").asString()))
                .containsExactly("payment_intent.succeeded");
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_events WHERE type = 'refund.created'"
                                + " AND payload::jsonb -> 'data' -> 'object' ->> 'payment_intent' = :pi")
                        .param("pi", payment.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void onlySucceededPaymentsCanBeRefunded() {
        ProviderPayment declined = pay("pm_card_chargeDeclined", 3000);
        assertThatThrownBy(() -> sandbox.refund(declined.id(), Money.of(100, "GBP"), UUID.randomUUID() + "", null))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo("charge_not_succeeded"));
    }

    // ---- cancel

    @Test
    void cancelRules() {
        ProviderPayment waiting = pay("pm_card_authenticationRequired", 3000);
        assertThat(sandbox.cancelPayment(waiting.id()).status()).isEqualTo(ProviderPaymentStatus.CANCELED);
        assertThat(sandbox.cancelPayment(waiting.id()).status()).isEqualTo(ProviderPaymentStatus.CANCELED);
        assertThat(eventsOf(waiting.id()).stream().map(e -> e.path("type").asString()))
                .containsExactly("payment_intent.requires_action", "payment_intent.canceled");
        // a cancelled challenge can no longer be completed
        assertThat(sandbox.completeChallenge(waiting.id(), true).status()).isEqualTo(ProviderPaymentStatus.CANCELED);

        ProviderPayment declined = pay("pm_card_chargeDeclined", 3000);
        assertThat(sandbox.cancelPayment(declined.id()).status()).isEqualTo(ProviderPaymentStatus.CANCELED);

        for (String method : List.of("pm_card_visa", "pm_sandbox_debitProcessing")) {
            ProviderPayment payment = pay(method, 3000);
            assertThatThrownBy(() -> sandbox.cancelPayment(payment.id()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code())
                            .isEqualTo("payment_intent_unexpected_state"));
        }
        assertThatThrownBy(() -> sandbox.cancelPayment("pi_unknown"))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo("resource_missing"));
    }

    // ---- bank debits and payouts

    @Test
    void processingDebitsSettleAfterTheDelay() {
        ProviderPayment good = pay("pm_sandbox_debitProcessing", 4000);
        ProviderPayment bad = pay("pm_sandbox_debitProcessingFails", 4000);
        assertThat(good.status()).isEqualTo(ProviderPaymentStatus.PROCESSING);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> sandbox.retrievePayment(good.id()).status() == ProviderPaymentStatus.SUCCEEDED
                        && sandbox.retrievePayment(bad.id()).status() == ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD);
        assertThat(sandbox.retrievePayment(bad.id()).failureCode()).isEqualTo("insufficient_funds");
        assertThat(eventsOf(good.id()).stream().map(e -> e.path("type").asString()))
                .containsExactly("payment_intent.processing", "payment_intent.succeeded");
        assertThat(eventsOf(bad.id()).stream().map(e -> e.path("type").asString()))
                .containsExactly("payment_intent.processing", "payment_intent.payment_failed");
    }

    @Test
    void payoutsArePaidOrFailByStripesTestBankNumbers() {
        ProviderAccount paid = sandbox.createConnectedAccount(
                UUID.randomUUID(), "t1@example.com", "GB", "000123456789", "acct-" + UUID.randomUUID());
        ProviderAccount closed = sandbox.createConnectedAccount(
                UUID.randomUUID(), "t2@example.com", "GB", "000111111116", "acct-" + UUID.randomUUID());
        String key = "acct-" + UUID.randomUUID();
        assertThat(sandbox.createConnectedAccount(UUID.randomUUID(), "t3@example.com", "GB", null, key)
                        .id())
                .isEqualTo(sandbox.createConnectedAccount(UUID.randomUUID(), "t3@example.com", "GB", null, key)
                        .id());

        ProviderPayout ok = sandbox.payout(paid.id(), Money.of(5000, "GBP"), "po-" + UUID.randomUUID(), Map.of());
        ProviderPayout failing =
                sandbox.payout(closed.id(), Money.of(5000, "GBP"), "po-" + UUID.randomUUID(), Map.of("w", "1"));
        assertThat(ok.status()).isEqualTo("PENDING");
        assertThatThrownBy(() -> sandbox.payout("acct_nope", Money.of(1, "GBP"), "po-x" + UUID.randomUUID(), null))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo("resource_missing"));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !"pending".equals(payoutStatus(ok.id())) && !"pending".equals(payoutStatus(failing.id())));
        assertThat(payoutStatus(ok.id())).isEqualTo("paid");
        assertThat(payoutStatus(failing.id())).isEqualTo("failed");
        List<JsonNode> events = events(e -> failing.id().equals(objectId(e)));
        assertThat(events.stream().map(e -> e.path("type").asString()))
                .containsExactly("payout.created", "payout.failed");
        assertThat(events.getLast().path("account").asString()).isEqualTo(closed.id());
        assertThat(events.getLast()
                        .path("data")
                        .path("object")
                        .path("failure_code")
                        .asString())
                .isEqualTo("no_account");
        var parsed = StripeEvents.parse(json.writeValueAsString(events.getLast()), json);
        assertThat(parsed.payout().status()).isEqualTo("FAILED");
        assertThat(parsed.payout().accountId()).isEqualTo(closed.id());
        assertThat(parsed.payout().metadata()).containsEntry("w", "1");
    }

    private String payoutStatus(String id) {
        return jdbc.sql("SELECT status FROM sandbox_payouts WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    // ---- 3-D Secure page and JSON route

    @Test
    void theChallengePageCompletesAndRedirectsToTheReturnUrl() {
        ProviderPayment payment = pay(
                "pm_card_authenticationRequired",
                1600,
                "https://app.example/pay/done?order=1",
                UUID.randomUUID().toString());

        page().get("/sandbox/3ds/" + payment.id())
                .then()
                .statusCode(200)
                .contentType("text/html")
                .body(containsString("GBP 16.00"))
                .body(containsString("Lyceum"))
                .body(containsString("Lesson &lt;b&gt;GCSE&lt;/b&gt;"))
                .body(not(containsString("<b>GCSE")))
                .body(containsString("Complete authentication"))
                .body(containsString("Fail authentication"))
                .body(containsString("action=\"/sandbox/3ds/" + payment.id() + "\""));

        // cookie-mode browsers send their auth cookies along: the form post is public and not CSRF-checked
        page().redirects()
                .follow(false)
                .cookie("lyceum_access", "stale")
                .contentType("application/x-www-form-urlencoded")
                .formParam("outcome", "succeed")
                .post("/sandbox/3ds/" + payment.id())
                .then()
                .statusCode(303)
                .header(
                        "Location",
                        equalTo("https://app.example/pay/done?order=1&payment_intent=" + payment.id()
                                + "&redirect_status=succeeded"));

        assertThat(sandbox.retrievePayment(payment.id()).status()).isEqualTo(ProviderPaymentStatus.SUCCEEDED);
        assertThat(eventsOf(payment.id()).stream().map(e -> e.path("type").asString()))
                .containsExactly("payment_intent.requires_action", "payment_intent.succeeded");
        page().get("/sandbox/3ds/" + payment.id())
                .then()
                .statusCode(200)
                .body(containsString("needs no authentication"))
                .body(not(containsString("<form")));
    }

    /** Issue 11 findings 13 and 14: no open redirect, and the page's policy allows exactly where it may go. */
    @Test
    void theChallengePageReturnsOnlyToThePublicAddressOrAConfiguredFrontEnd() {
        ProviderPayment elsewhere = pay(
                "pm_card_authenticationRequired",
                1600,
                "https://evil.example/steal",
                UUID.randomUUID().toString());
        page().get("/sandbox/3ds/" + elsewhere.id())
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.endsWith("form-action 'self'"))
                .header("Content-Security-Policy", not(containsString("evil.example")))
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*<style nonce=\"[A-Za-z0-9+/=]{24}\">.*"));
        page().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("outcome", "succeed")
                .post("/sandbox/3ds/" + elsewhere.id())
                .then()
                .statusCode(200)
                .header("Location", org.hamcrest.Matchers.nullValue())
                .body(containsString("the payment succeeded"));

        ProviderPayment allowed = pay(
                "pm_card_authenticationRequired",
                1600,
                "https://app.example/done",
                UUID.randomUUID().toString());
        page().get("/sandbox/3ds/" + allowed.id())
                .then()
                .statusCode(200)
                .header(
                        "Content-Security-Policy",
                        org.hamcrest.Matchers.endsWith("form-action 'self' https://app.example"));
        // this server's own address is always allowed
        ProviderPayment own = pay(
                "pm_card_authenticationRequired",
                1600,
                "http://localhost:" + port + "/paid",
                UUID.randomUUID().toString());
        page().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("outcome", "fail")
                .post("/sandbox/3ds/" + own.id())
                .then()
                .statusCode(303)
                .header(
                        "Location",
                        org.hamcrest.Matchers.startsWith(
                                "http://localhost:" + port + "/paid?payment_intent=" + own.id()));
    }

    @Test
    void failingTheChallengeWithoutAReturnUrlShowsTheResult() {
        ProviderPayment payment = pay("pm_card_threeDSecure2Required", 1600);

        page().contentType("application/x-www-form-urlencoded")
                .formParam("outcome", "fail")
                .post("/sandbox/3ds/" + payment.id())
                .then()
                .statusCode(200)
                .contentType("text/html")
                .body(containsString("Authentication failed"));

        ProviderPayment after = sandbox.retrievePayment(payment.id());
        assertThat(after.status()).isEqualTo(ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD);
        assertThat(after.failureCode()).isEqualTo("authentication_failure");
        assertThat(lastEventOf(payment.id()).path("type").asString()).isEqualTo("payment_intent.payment_failed");

        page().contentType("application/x-www-form-urlencoded")
                .formParam("outcome", "maybe")
                .post("/sandbox/3ds/" + payment.id())
                .then()
                .statusCode(400);
        page().get("/sandbox/3ds/pi_doesNotExist").then().statusCode(404);
        // an API client asking for JSON still gets the page
        api().get("/sandbox/3ds/" + payment.id()).then().statusCode(200).contentType("text/html");
        page().contentType("application/x-www-form-urlencoded")
                .formParam("outcome", "succeed")
                .post("/sandbox/3ds/pi_doesNotExist")
                .then()
                .statusCode(404);
    }

    @Test
    void theJsonRouteAnswersTheChallengeAnonymously() {
        ProviderPayment succeed = pay("pm_card_authenticationRequired", 1600);
        ProviderPayment fail = pay("pm_card_authenticationRequired", 1600);

        api().contentType("application/json")
                .body(Map.of("outcome", "succeed"))
                .post("/api/v1/sandbox/payment-intents/" + succeed.id() + "/authenticate")
                .then()
                .statusCode(200)
                .body("id", equalTo(succeed.id()))
                .body("status", equalTo("succeeded"))
                .body("amount.amount", equalTo(1600))
                .body("amount.currency", equalTo("GBP"));
        api().contentType("application/json")
                .body(Map.of("outcome", "fail"))
                .post("/api/v1/sandbox/payment-intents/" + fail.id() + "/authenticate")
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_payment_method"))
                .body("lastPaymentError.code", equalTo("authentication_failure"));
        // answered already: unchanged
        api().contentType("application/json")
                .body(Map.of("outcome", "fail"))
                .post("/api/v1/sandbox/payment-intents/" + succeed.id() + "/authenticate")
                .then()
                .statusCode(200)
                .body("status", equalTo("succeeded"));
        api().contentType("application/json")
                .body(Map.of("outcome", "perhaps"))
                .post("/api/v1/sandbox/payment-intents/" + fail.id() + "/authenticate")
                .then()
                .statusCode(422);
        api().contentType("application/json")
                .body(Map.of("outcome", "succeed"))
                .post("/api/v1/sandbox/payment-intents/pi_nope/authenticate")
                .then()
                .statusCode(404)
                .body("code", equalTo("payment.not_found"));
    }

    @Test
    void theOpenApiDocumentsOnlyTheJsonRouteAsSandboxOnly() {
        JsonNode paths = json.readTree(ApiDocument.text()).path("paths");
        assertThat(paths.propertyNames()).noneMatch(path -> path.startsWith("/sandbox"));
        assertThat(paths.path("/api/v1/sandbox/payment-intents/{id}/authenticate")
                        .path("post")
                        .path("description")
                        .asString())
                .contains("SANDBOX ONLY");
    }

    // ---- events and their delivery

    @Test
    void eventsHaveStripesShapeAndTheDeliveredSignatureVerifiesWithStripeJava() throws Exception {
        WireMockServer receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        dispatcher.pause();
        try {
            receiver.stubFor(
                    post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
            SandboxWebhookDispatcher toReceiver = dispatcherTo(receiver.baseUrl() + "/hook");
            ProviderPayment payment = pay("pm_card_authenticationRequired", 2000);
            sandbox.completeChallenge(payment.id(), true);

            drain(toReceiver);

            List<LoggedRequest> mine = deliveriesOf(receiver, payment.id());
            assertThat(mine).hasSize(2);
            List<String> types = new ArrayList<>();
            for (LoggedRequest request : mine) {
                String body = request.getBodyAsString();
                Event event =
                        Webhook.constructEvent(body, request.getHeader("Stripe-Signature"), sandbox.webhookSecret());
                types.add(event.getType());
                PaymentIntent intent =
                        (PaymentIntent) event.getDataObjectDeserializer().deserializeUnsafe();
                assertThat(intent.getId()).isEqualTo(payment.id());
                assertThat(intent.getAmount()).isEqualTo(2000L);
                assertThat(intent.getCurrency()).isEqualTo("gbp");
                assertThat(event.getId()).startsWith("evt_");
                assertThat(event.getLivemode()).isFalse();
                assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            }
            assertThat(types).containsExactly("payment_intent.requires_action", "payment_intent.succeeded");
            // the lead's webhook endpoint parses the same
            var parsed = sandbox.parseWebhook(
                    mine.getLast().getBodyAsString(), mine.getLast().getHeader("Stripe-Signature"));
            assertThat(parsed.payment().status()).isEqualTo(ProviderPaymentStatus.SUCCEEDED);
            assertThat(jdbc.sql("SELECT count(*) FROM sandbox_events WHERE delivered_at IS NULL"
                                    + " AND payload::jsonb -> 'data' -> 'object' ->> 'id' = :id")
                            .param("id", payment.id())
                            .query(Integer.class)
                            .single())
                    .isZero();
        } finally {
            dispatcher.resume();
            receiver.stop();
        }
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoff() {
        WireMockServer receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        dispatcher.pause();
        try {
            receiver.stubFor(
                    post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
            SandboxWebhookDispatcher toReceiver = dispatcherTo(receiver.baseUrl() + "/hook");
            ProviderPayment payment = pay("pm_card_visa", 2100);
            Instant before = clock.instant();

            drain(toReceiver);

            var row = jdbc.sql("SELECT attempts, last_error, next_attempt_at, delivered_at FROM sandbox_events"
                            + " WHERE payload::jsonb -> 'data' -> 'object' ->> 'id' = :id")
                    .param("id", payment.id())
                    .query((rs, n) -> new Object[] {
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject(4)
                    })
                    .single();
            assertThat(row[0]).isEqualTo(1);
            assertThat(row[1]).isEqualTo("HTTP 500");
            assertThat((Instant) row[2]).isAfter(before.plusMillis(900));
            assertThat(row[3]).isNull();
            // not due yet: a second pass right away does not send it again
            drain(toReceiver);
            assertThat(deliveriesOf(receiver, payment.id())).hasSize(1);

            receiver.resetAll();
            receiver.stubFor(
                    post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        drain(toReceiver);
                        return deliveriesOf(receiver, payment.id()).size() == 1;
                    });
            assertThat(jdbc.sql("SELECT delivered_at IS NOT NULL AND attempts = 2 FROM sandbox_events"
                                    + " WHERE payload::jsonb -> 'data' -> 'object' ->> 'id' = :id")
                            .param("id", payment.id())
                            .query(Boolean.class)
                            .single())
                    .isTrue();
        } finally {
            dispatcher.resume();
            receiver.stop();
        }
    }

    @Test
    void theChaosSwitchesDuplicateAndShuffleDeliveries() {
        WireMockServer receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        dispatcher.pause();
        try {
            receiver.stubFor(
                    post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
            SandboxWebhookDispatcher toReceiver = dispatcherTo(receiver.baseUrl() + "/hook");
            toReceiver.chaos(true, true);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(pay("pm_card_visa", 1000 + i).id());
            }

            drain(toReceiver);

            List<String> delivered = receiver.getAllServeEvents().reversed().stream()
                    .map(e -> objectId(json.readTree(e.getRequest().getBodyAsString())))
                    .filter(ids::contains)
                    .toList();
            assertThat(delivered).hasSize(40);
            for (String id : ids) {
                assertThat(delivered).filteredOn(id::equals).hasSize(2);
            }
            assertThat(delivered.stream().distinct().toList()).isNotEqualTo(ids);

            toReceiver.chaos(false, false);
            receiver.resetRequests();
            String calm = pay("pm_card_visa", 999).id();
            drain(toReceiver);
            assertThat(deliveriesOf(receiver, calm)).hasSize(1);
        } finally {
            dispatcher.resume();
            receiver.stop();
        }
    }

    // ---- helpers

    /** A browser: asks for HTML. */
    private static io.lyceum.testsupport.http.RequestSpecification page() {
        return io.lyceum.testsupport.http.Http.given().accept("text/html,application/xhtml+xml,*/*;q=0.8");
    }

    private SandboxWebhookDispatcher dispatcherTo(String url) {
        BillingProperties.Sandbox s = properties.sandbox();
        BillingProperties toReceiver = new BillingProperties(
                properties.provider(),
                sandbox.webhookSecret(),
                properties.webhookTolerance(),
                properties.publicBaseUrl(),
                new BillingProperties.Sandbox(
                        url, s.deliveryInterval(), s.processingDelay(), s.duplicateWebhooks(), s.shuffleWebhooks()),
                properties.stripe());
        return new SandboxWebhookDispatcher(sandbox, toReceiver, clock);
    }

    private static void drain(SandboxWebhookDispatcher target) {
        while (target.deliverDue() > 0) {
            // until nothing due is left
        }
    }

    private List<LoggedRequest> deliveriesOf(WireMockServer receiver, String objectId) {
        return receiver.getAllServeEvents().reversed().stream()
                .map(e -> e.getRequest())
                .filter(r -> objectId.equals(objectId(json.readTree(r.getBodyAsString()))))
                .map(r -> (LoggedRequest) r)
                .toList();
    }

    private static String objectId(JsonNode event) {
        return event.path("data").path("object").path("id").asString();
    }

    private List<JsonNode> eventsOf(String objectId) {
        return events(e -> objectId.equals(objectId(e)));
    }

    private JsonNode lastEventOf(String objectId) {
        return eventsOf(objectId).getLast();
    }

    private List<JsonNode> events(Predicate<JsonNode> which) {
        return jdbc
                .sql("SELECT payload FROM sandbox_events ORDER BY seq DESC LIMIT 2000")
                .query(String.class)
                .list()
                .reversed()
                .stream()
                .map(json::readTree)
                .filter(which)
                .peek(SandboxProviderTests::requireStripeShape)
                .toList();
    }

    private static void requireStripeShape(JsonNode event) {
        assertThat(event.path("id").asString()).startsWith("evt_");
        assertThat(event.path("object").asString()).isEqualTo("event");
        assertThat(event.path("api_version").asString()).isNotBlank();
        assertThat(event.path("created").isNumber()).isTrue();
        assertThat(event.path("livemode").asBoolean(true)).isFalse();
        assertThat(event.path("type").asString()).contains(".");
        assertThat(event.path("data").path("object").path("object").asString()).isNotBlank();
    }
}
