package io.lyceum.billing;

import static io.lyceum.billing.SignedWebhooks.JSON;
import static io.lyceum.billing.SignedWebhooks.eventsOfOrder;
import static io.lyceum.billing.SignedWebhooks.signature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.billing.SignedWebhooks.Event;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.payments.Orders;
import io.lyceum.billing.payments.Refunds;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.sandbox.SandboxPaymentProvider;
import io.lyceum.billing.sandbox.SandboxWebhookDispatcher;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider webhook, black box: the sandbox's own events (read from {@code sandbox_events}) are re-signed by the
 * test with stripe-java and posted while the sandbox's dispatcher is paused, so the test decides what arrives when:
 * forged, stale and missing signatures, replays, malformed and oversized bodies, events naming no tenant of ours,
 * one payment's events in reverse order, a failure after a success, and a refund event that overtakes our record.
 */
class WebhookApiTests extends BillingTestBase {

    @Autowired
    SandboxPaymentProvider sandbox;

    @Autowired
    SandboxWebhookDispatcher dispatcher;

    @Autowired
    BillingProperties properties;

    @Autowired
    Refunds refunds;

    @BeforeEach
    void holdTheSandboxsDeliveries() {
        dispatcher.pause();
    }

    @AfterEach
    void releaseTheSandboxsDeliveries() {
        dispatcher.resume();
    }

    /** A lesson whose order a webhook has not seen yet. */
    record Paying(Tutor tutor, SignedIn student, UUID booking, UUID orderId, String paymentId) {}

    @Test
    void aForgedStaleOrMissingSignatureIs401AndChangesNothing() {
        Paying p = challengeCompleted();
        Event succeeded = last(p, "payment_intent.succeeded");
        Instant now = Instant.now();

        unauthorized(post(succeeded.payload(), signature(succeeded.payload(), "whsec_forged_by_someone", now)));
        unauthorized(post(
                succeeded.payload(),
                signature(succeeded.payload(), sandbox.webhookSecret(), now.minus(Duration.ofMinutes(6)))));
        unauthorized(post(succeeded.payload(), null));
        unauthorized(post(succeeded.payload(), "t=" + now.getEpochSecond() + ",v1=00ff"));
        // a correctly signed body changed afterwards (the amount halved)
        ObjectNode tampered = succeeded.tree();
        ((ObjectNode) tampered.path("data").path("object")).put("amount", 1500);
        unauthorized(post(JSON.writeValueAsString(tampered), sign(succeeded.payload())));

        assertThat(webhookRows(p, succeeded.id())).isZero();
        assertThat(orderStatus(p)).isEqualTo("REQUIRES_ACTION");
        assertThat(bookingState(p.tutor().tenant(), p.booking())).isEqualTo("PENDING_PAYMENT");

        // signed 4 minutes ago is inside the 5-minute tolerance
        post(succeeded.payload(), signature(succeeded.payload(), sandbox.webhookSecret(), now.minusSeconds(240)))
                .then()
                .statusCode(200)
                .body("status", equalTo("processed"));
        assertThat(orderStatus(p)).isEqualTo("PAID");
        awaitBookingState(p.tutor().tenant(), p.booking(), "CONFIRMED");
    }

    @Test
    void aReplayedEventIsProcessedOnceWhoeverDeliversIt() {
        Paying p = challengeCompleted();
        Event succeeded = last(p, "payment_intent.succeeded");

        post(succeeded).then().statusCode(200).body("status", equalTo("processed"));
        post(succeeded).then().statusCode(200).body("status", equalTo("duplicate"));
        // and the sandbox's own delivery of the same event id is a duplicate too
        dispatcher.resume();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("SELECT delivered_at IS NOT NULL FROM sandbox_events WHERE id = :id")
                        .param("id", succeeded.id())
                        .query(Boolean.class)
                        .single());

        assertThat(webhookRows(p, succeeded.id())).isEqualTo(1);
        assertPaidOnce(p);
        awaitBookingState(p.tutor().tenant(), p.booking(), "CONFIRMED");
        assertLedgerBalanced(p.tutor().tenant());
    }

    @Test
    void aMalformedButSignedBodyIs400AndAnOversizedOneIs413() {
        post("{\"id\": \"evt_1\", \"type\": ", sign("{\"id\": \"evt_1\", \"type\": "))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("webhook.malformed"));
        String noObject = "{\"id\": \"evt_" + UUID.randomUUID() + "\", \"object\": \"event\", \"type\": \"x\"}";
        post(noObject, sign(noObject)).then().statusCode(400).body("code", equalTo("webhook.malformed"));
        post("[]", sign("[]")).then().statusCode(400).body("code", equalTo("webhook.malformed"));

        String huge = "{\"id\": \"evt_big\", \"padding\": \"" + "x".repeat(300 * 1024) + "\"}";
        post(huge, sign(huge))
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("webhook.too_large"));
    }

    @Test
    void anEventForNoTenantOfOursIsAcknowledgedAndIgnored() {
        Paying p = challengeCompleted();
        Event succeeded = last(p, "payment_intent.succeeded");

        for (Object tenant : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            Event other = succeeded.renamed();
            ObjectNode tree = other.tree();
            ((ObjectNode) tree.path("data").path("object").path("metadata")).put("tenantId", tenant.toString());
            String payload = JSON.writeValueAsString(tree);
            post(payload, sign(payload)).then().statusCode(200).body("status", equalTo("ignored"));
        }
        Event bare = succeeded.renamed();
        ObjectNode tree = bare.tree();
        ((ObjectNode) tree.path("data").path("object")).remove("metadata");
        String payload = JSON.writeValueAsString(tree);
        post(payload, sign(payload)).then().statusCode(200).body("status", equalTo("ignored"));

        assertThat(orderStatus(p)).isEqualTo("REQUIRES_ACTION");
        assertThat(count(
                        p.tutor().tenant(),
                        "SELECT count(*) FROM webhook_events WHERE object_id = :pi",
                        Map.of("pi", p.paymentId())))
                .isZero();
        assertThat(count(
                        p.tutor().tenant(),
                        "SELECT count(*) FROM journal_entries WHERE order_id = :o",
                        Map.of("o", p.orderId())))
                .isZero();
    }

    @Test
    void onePaymentsEventsInReverseOrderConvergeToPaidOnce() {
        // 3-D Secure: succeeded arrives before requires_action
        Paying challenged = challengeCompleted();
        List<Event> events = eventsOfOrder(jdbc, challenged.orderId());
        assertThat(events)
                .extracting(Event::type)
                .containsExactly("payment_intent.requires_action", "payment_intent.succeeded");
        for (Event event : events.reversed()) {
            post(event).then().statusCode(200).body("status", equalTo("processed"));
        }
        assertPaidOnce(challenged);
        awaitBookingState(challenged.tutor().tenant(), challenged.booking(), "CONFIRMED");

        // a bank debit: succeeded arrives before processing
        Paying debit = paying("pm_sandbox_debitProcessing", "PROCESSING");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> eventsOfOrder(jdbc, debit.orderId()).size() == 2);
        List<Event> debitEvents = eventsOfOrder(jdbc, debit.orderId());
        assertThat(debitEvents)
                .extracting(Event::type)
                .containsExactly("payment_intent.processing", "payment_intent.succeeded");
        assertThat(orderStatus(debit)).isEqualTo("PROCESSING");
        for (Event event : debitEvents.reversed()) {
            post(event).then().statusCode(200).body("status", equalTo("processed"));
            assertThat(orderStatus(debit)).isEqualTo("PAID");
        }
        assertPaidOnce(debit);
        awaitBookingState(debit.tutor().tenant(), debit.booking(), "CONFIRMED");
        assertThat(attemptStatus(debit)).isEqualTo("SUCCEEDED");
        assertLedgerBalanced(debit.tutor().tenant());
    }

    @Test
    void aFailureOrCancellationAfterTheSuccessDoesNotUnpay() {
        Paying p = paying("pm_card_visa", "PAID");
        Event succeeded = last(p, "payment_intent.succeeded");
        post(succeeded).then().statusCode(200).body("status", equalTo("processed"));

        Event failed = succeeded.renamed();
        ObjectNode tree = failed.tree();
        tree.put("type", "payment_intent.payment_failed");
        ObjectNode intent = (ObjectNode) tree.path("data").path("object");
        intent.put("status", "requires_payment_method");
        intent.put("amount_received", 0);
        ObjectNode error = intent.putObject("last_payment_error");
        error.put("type", "card_error");
        error.put("code", "card_declined");
        error.put("decline_code", "generic_decline");
        error.put("message", "Your card was declined.");
        String failedPayload = JSON.writeValueAsString(tree);
        post(failedPayload, sign(failedPayload)).then().statusCode(200).body("status", equalTo("processed"));

        Event canceled = succeeded.renamed();
        ObjectNode cancelTree = canceled.tree();
        cancelTree.put("type", "payment_intent.canceled");
        ((ObjectNode) cancelTree.path("data").path("object")).put("status", "canceled");
        String canceledPayload = JSON.writeValueAsString(cancelTree);
        post(canceledPayload, sign(canceledPayload)).then().statusCode(200).body("status", equalTo("processed"));

        p.student()
                .api()
                .get("/api/v1/payments/status/" + p.booking())
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID"))
                .body("failure", org.hamcrest.Matchers.nullValue());
        assertThat(attemptStatus(p)).isEqualTo("SUCCEEDED");
        assertPaidOnce(p);
        awaitBookingState(p.tutor().tenant(), p.booking(), "CONFIRMED");
        assertLedgerBalanced(p.tutor().tenant());
    }

    @Test
    void aRefundEventAheadOfOurRefundRecordIsRetriedLaterAndAppliedOnRedelivery() {
        Paying p = paying("pm_card_visa", "PAID");
        awaitBookingState(p.tutor().tenant(), p.booking(), "CONFIRMED");
        String tenant = p.tutor().tenant().value().toString();
        String reference = "test:" + UUID.randomUUID() + ":refund";
        Money amount = Money.of(3000, "GBP");
        // what Refunds.refund does first: the provider refunds (and writes its event) before our transaction commits
        sandbox.refund(
                p.paymentId(),
                amount,
                "refund:" + tenant + ":" + reference,
                Map.of("tenantId", tenant, "orderId", p.orderId().toString(), "reference", reference));
        Event refunded = last(p, "refund.created");

        post(refunded)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("code", equalTo("webhook.retry_later"));
        assertThat(webhookRows(p, refunded.id())).isZero();
        // a provider still redelivering after an hour is acknowledged (reconciliation reports the difference)
        Event ancient = refunded.renamed();
        ObjectNode old = ancient.tree();
        old.put("created", Instant.now().minus(Duration.ofHours(2)).getEpochSecond());
        String oldPayload = JSON.writeValueAsString(old);
        post(oldPayload, sign(oldPayload)).then().statusCode(200).body("status", equalTo("ignored"));

        // our side commits its refund (same reference, so the provider answers the same refund)
        Refunds.Refund ours = TenantContext.callAs(
                p.tutor().tenant(),
                () -> transactions.execute(tx -> refunds.refund(
                        p.orderId(),
                        List.of(Line.debit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, amount)),
                        reference,
                        "refund overtaken by its webhook",
                        Orders.Actor.SYSTEM)));
        assertThat(count(
                        p.tutor().tenant(),
                        "SELECT count(*) FROM sandbox_refunds WHERE payment_intent_id = :pi",
                        Map.of("pi", p.paymentId())))
                .isEqualTo(1);

        post(refunded).then().statusCode(200).body("status", equalTo("processed"));
        post(refunded).then().statusCode(200).body("status", equalTo("duplicate"));

        assertThat(count(
                        p.tutor().tenant(),
                        "SELECT count(*) FROM refunds WHERE id = :id AND status = 'SUCCEEDED'",
                        Map.of("id", ours.id())))
                .isEqualTo(1);
        assertThat(entryKinds(p.tutor().tenant(), "refund:" + ours.id()))
                .containsExactlyInAnyOrder("REFUND", "REFUND_SETTLED");
        assertThat(orderStatus(p)).isEqualTo("REFUNDED");
        assertLedgerBalanced(p.tutor().tenant());
    }

    // ---- fixtures

    /** A lesson paid with a 3-D Secure card whose challenge the cardholder passed; no webhook delivered yet. */
    private Paying challengeCompleted() {
        Paying p = paying("pm_card_authenticationRequired", "REQUIRES_ACTION");
        assertThat(sandbox.completeChallenge(p.paymentId(), true).status())
                .isEqualTo(PaymentProvider.ProviderPaymentStatus.SUCCEEDED);
        return p;
    }

    private Paying paying(String paymentMethod, String expectedStatus) {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        String orderId = checkout(student, booking, paymentMethod)
                .then()
                .statusCode(200)
                .body("status", equalTo(expectedStatus))
                .extract()
                .path("orderId");
        UUID order = UUID.fromString(orderId);
        String paymentId = TenantContext.callAs(
                tutor.tenant(), () -> jdbc.sql("SELECT provider_payment_id FROM payment_attempts WHERE order_id = :o")
                        .param("o", order)
                        .query(String.class)
                        .single());
        return new Paying(tutor, student, booking, order, paymentId);
    }

    private Event last(Paying p, String type) {
        return eventsOfOrder(jdbc, p.orderId()).stream()
                .filter(e -> e.type().equals(type))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + type + " event for order " + p.orderId()));
    }

    private String sign(String payload) {
        return signature(payload, sandbox.webhookSecret(), Instant.now());
    }

    private Response post(Event event) {
        return post(event.payload(), sign(event.payload()));
    }

    private Response post(String payload, String signatureHeader) {
        return SignedWebhooks.post(port, payload, signatureHeader);
    }

    private static void unauthorized(Response response) {
        response.then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("webhook.invalid_signature"));
    }

    private long webhookRows(Paying p, String eventId) {
        return count(
                p.tutor().tenant(), "SELECT count(*) FROM webhook_events WHERE event_id = :id", Map.of("id", eventId));
    }

    private String orderStatus(Paying p) {
        return TenantContext.callAs(p.tutor().tenant(), () -> jdbc.sql("SELECT status FROM orders WHERE id = :o")
                .param("o", p.orderId())
                .query(String.class)
                .single());
    }

    private String attemptStatus(Paying p) {
        return TenantContext.callAs(
                p.tutor().tenant(), () -> jdbc.sql("SELECT status FROM payment_attempts WHERE order_id = :o")
                        .param("o", p.orderId())
                        .query(String.class)
                        .single());
    }

    /** One PAYMENT entry under the order's reference and one move to PAID in its history. */
    private void assertPaidOnce(Paying p) {
        assertThat(orderStatus(p)).isEqualTo("PAID");
        assertThat(count(
                        p.tutor().tenant(),
                        "SELECT count(*) FROM journal_entries WHERE order_id = :o AND kind = 'PAYMENT'"
                                + " AND reference = 'order:' || :o || ':paid'",
                        Map.of("o", p.orderId())))
                .isEqualTo(1);
        assertThat(count(
                        p.tutor().tenant(),
                        "SELECT count(*) FROM order_history WHERE order_id = :o AND to_status = 'PAID'",
                        Map.of("o", p.orderId())))
                .isEqualTo(1);
    }
}
