package io.lyceum.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.sandbox.SandboxPaymentProvider;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Checkout and payment status through the API, with the sandbox provider and its webhooks. */
class CheckoutApiTests extends BillingTestBase {

    @Autowired
    SandboxPaymentProvider sandbox;

    /** The sandbox tells front ends which test payment methods it takes, publicly; there is no publishable key. */
    @Test
    void thePaymentConfigurationNamesTheSandboxAndItsTestPaymentMethods() {
        api().get("/api/v1/payments/config")
                .then()
                .statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age=300"))
                .body("provider", equalTo("sandbox"))
                .body("publishableKey", nullValue())
                .body(
                        "testPaymentMethods",
                        equalTo(java.util.List.of(
                                "pm_card_visa", "pm_card_authenticationRequired", "pm_card_chargeDeclined")));
    }

    @Test
    void payingABookingConfirmsItAndHoldsTheMoneyUntilTheLessonHappens() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);

        checkout(student, booking, "pm_card_visa")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID"))
                .body("kind", equalTo("BOOKING"))
                .body("referenceId", equalTo(booking.toString()))
                .body("amount.amount", equalTo(3000))
                .body("amount.currency", equalTo("GBP"))
                .body("paidAt", notNullValue())
                .body("failure", nullValue());

        awaitBookingState(tutor.tenant(), booking, "CONFIRMED");
        assertThat(balance(tutor.tenant(), LedgerAccountType.CUSTOMER_PREPAYMENTS, null, "GBP")
                        .amount())
                .isGreaterThanOrEqualTo(3000);
        assertThat(entryKinds(tutor.tenant(), "order:")).isNotEmpty();
        // the sandbox's webhook for the same payment arrives and changes nothing
        String orderId = student.api()
                .get("/api/v1/payments/status/" + booking)
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID"))
                .extract()
                .path("orderId");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> count(
                                tutor.tenant(),
                                "SELECT count(*) FROM webhook_events w JOIN orders o ON o.provider_payment_id = w.object_id"
                                        + " WHERE o.id = :o AND w.type = 'payment_intent.succeeded'",
                                Map.of("o", UUID.fromString(orderId)))
                        == 1);
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM journal_entries WHERE reference = :r",
                        Map.of("r", "order:" + orderId + ":paid")))
                .isEqualTo(1);
        student.api()
                .get("/api/v1/payments/orders")
                .then()
                .statusCode(200)
                .body("content[0].orderId", equalTo(orderId))
                .body("page.totalElements", equalTo(1));
        student.api()
                .get("/api/v1/payments/orders/" + orderId)
                .then()
                .statusCode(200)
                .body("payment.status", equalTo("PAID"))
                .body("history.to", org.hamcrest.Matchers.contains("OPEN", "PAID"))
                .body("refunds", org.hamcrest.Matchers.empty());
        student().api().get("/api/v1/payments/orders/" + orderId).then().statusCode(404);
        assertLedgerBalanced(tutor.tenant());
    }

    @Test
    void aDeclinedCardIsA402WithTheProvidersReasonAndTheOrderStaysPayable() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);

        checkout(student, booking, "pm_card_chargeDeclinedInsufficientFunds")
                .then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("code", equalTo("payment.declined"))
                .body("declineCode", equalTo("insufficient_funds"))
                .body("detail", equalTo("Your card has insufficient funds."));
        assertThat(bookingState(tutor.tenant(), booking)).isEqualTo("PENDING_PAYMENT");
        student.api()
                .get("/api/v1/payments/status/" + booking)
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("failure.code", equalTo("insufficient_funds"));

        checkout(student, booking, "pm_card_visa").then().statusCode(200).body("status", equalTo("PAID"));
        awaitBookingState(tutor.tenant(), booking, "CONFIRMED");
    }

    @Test
    void threeDSecureNeedsTheChallengeAndTheWebhookCompletesThePayment() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);

        String url = checkout(student, booking, "pm_card_authenticationRequired")
                .then()
                .statusCode(200)
                .body("status", equalTo("REQUIRES_ACTION"))
                .body("nextAction.type", equalTo("redirect_to_url"))
                .extract()
                .path("nextAction.url");
        String intent = url.substring(url.lastIndexOf('/') + 1);
        // a second checkout while the challenge is open charges nothing new
        checkout(student, booking, "pm_card_visa").then().statusCode(200).body("status", equalTo("REQUIRES_ACTION"));

        sandbox.completeChallenge(intent, true);

        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID"
                .equals(student.api().get("/api/v1/payments/status/" + booking).path("status")));
        awaitBookingState(tutor.tenant(), booking, "CONFIRMED");
        assertLedgerBalanced(tutor.tenant());
    }

    @Test
    void aFailedChallengeLeavesTheOrderPayableWithTheReason() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        String url =
                checkout(student, booking, "pm_card_authenticationRequired").path("nextAction.url");

        sandbox.completeChallenge(url.substring(url.lastIndexOf('/') + 1), false);

        await().atMost(Duration.ofSeconds(15)).until(() -> "OPEN"
                .equals(student.api().get("/api/v1/payments/status/" + booking).path("status")));
        student.api()
                .get("/api/v1/payments/status/" + booking)
                .then()
                .body("failure.code", equalTo("authentication_failure"));
        checkout(student, booking, "pm_card_visa").then().statusCode(200).body("status", equalTo("PAID"));
    }

    @Test
    void oneIdempotencyKeyChargesOnceAndParallelCheckoutsChargeOnce() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        String key = UUID.randomUUID().toString();

        String first = checkout(student, booking, "pm_card_visa", key).asString();
        String replay = checkout(student, booking, "pm_card_visa", key)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .extract()
                .asString();
        assertThat(replay).isEqualTo(first);

        UUID other = lesson(student, tutor);
        var statuses =
                Parallel.run(8, i -> checkout(student, other, "pm_card_visa").statusCode());
        assertThat(statuses).containsOnly(200);
        String orderId = student.api().get("/api/v1/payments/status/" + other).path("orderId");
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM payment_attempts WHERE order_id = :o",
                        Map.of("o", UUID.fromString(orderId))))
                .isEqualTo(1);
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM journal_entries WHERE order_id = :o AND kind = 'PAYMENT'",
                        Map.of("o", UUID.fromString(orderId))))
                .isEqualTo(1);
    }

    @Test
    void someoneElsesOrderIsNotFoundAndBadInputIsRefused() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        SignedIn stranger = student();

        checkout(stranger, booking, "pm_card_visa").then().statusCode(404).body("code", equalTo("order.not_found"));
        stranger.api().get("/api/v1/payments/status/" + booking).then().statusCode(404);
        tutor.user().api().get("/api/v1/payments/status/" + booking).then().statusCode(200);
        // the tutor sees the order but does not pay it: 403 with a code, not 404
        checkout(tutor.user(), booking, "pm_card_visa").then().statusCode(403).body("code", equalTo("order.not_payer"));
        checkout(student, UUID.randomUUID(), "pm_card_visa").then().statusCode(404);
        checkout(student, booking, "pm_no_such_method")
                .then()
                .statusCode(422)
                .body("code", equalTo("payment.invalid_payment_method"));
        student.api()
                .contentType("application/json")
                .body(Map.of("orderId", "not-a-uuid", "paymentMethodId", "pm_card_visa"))
                .post(CHECKOUT)
                .then()
                .statusCode(400);
        student.api()
                .contentType("application/json")
                .body(Map.of("orderId", booking.toString()))
                .post(CHECKOUT)
                .then()
                .statusCode(422);
        // another tenant's user does not see it either
        SignedIn elsewhere =
                io.lyceum.testsupport.Tenants.newTenantWithOwner(io.lyceum.testsupport.Tenants.uniqueSlug("pay"));
        elsewhere.api().get("/api/v1/payments/status/" + booking).then().statusCode(404);
        assertThat(bookingState(tutor.tenant(), booking)).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void aCancelledUnpaidBookingsOrderCannotBePaid() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        checkout(student, booking, "pm_card_chargeDeclined").then().statusCode(402);
        student.api()
                .contentType("application/json")
                .body(Map.of("reason", "changed my mind"))
                .post("/api/v1/bookings/" + booking + "/cancel")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> "CANCELLED"
                .equals(student.api().get("/api/v1/payments/status/" + booking).path("status")));
        checkout(student, booking, "pm_card_visa").then().statusCode(409).body("code", equalTo("order.not_payable"));
    }

    @Test
    void aLateCancellationFeeIsEarnedWithCommissionAndHeldLikeALesson() {
        Tutor tutor = tutor();
        SignedIn student = student();
        java.time.Instant start = slot();
        UUID booking = lesson(student, tutor, start);
        checkout(student, booking, "pm_card_visa").then().statusCode(200);
        awaitBookingState(tutor.tenant(), booking, "CONFIRMED");
        // the lesson is three hours away: past the default free-cancellation deadline, a 50% fee (1500 of 3000)
        testClock.advanceTo(start.minus(Duration.ofHours(3)));
        student.api()
                .contentType("application/json")
                .body(Map.of("reason", "something came up"))
                .post("/api/v1/bookings/" + booking + "/cancel")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> count(
                                tutor.tenant(),
                                "SELECT count(*) FROM tutor_earnings WHERE booking_id = :b",
                                Map.of("b", booking))
                        == 1);
        // the fee is earned as a lesson is: the Starter tier's 33% commission, held until the release time
        io.lyceum.shared.Money pending = balance(tutor.tenant(), LedgerAccountType.TUTOR_PENDING, tutor.id(), "GBP");
        io.lyceum.shared.Money available =
                balance(tutor.tenant(), LedgerAccountType.TUTOR_AVAILABLE, tutor.id(), "GBP");
        assertThat(pending.plus(available)).isEqualTo(io.lyceum.shared.Money.of(1005, "GBP"));
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM tutor_earnings WHERE booking_id = :b AND gross = 1500"
                                + " AND commission = 495 AND release_at > created_at",
                        Map.of("b", booking)))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> "PARTIALLY_REFUNDED"
                .equals(student.api().get("/api/v1/payments/status/" + booking).path("status")));
        assertLedgerBalanced(tutor.tenant());
    }

    @Test
    void cancellingAPaidBookingEarlyRefundsItInFull() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        checkout(student, booking, "pm_card_visa").then().statusCode(200);
        awaitBookingState(tutor.tenant(), booking, "CONFIRMED");
        student.api()
                .contentType("application/json")
                .body(Map.of("reason", "changed my mind"))
                .post("/api/v1/bookings/" + booking + "/cancel")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> "REFUNDED"
                .equals(student.api().get("/api/v1/payments/status/" + booking).path("status")));
        student.api().get("/api/v1/payments/status/" + booking).then().body("refunded.amount", equalTo(3000));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> count(
                                tutor.tenant(),
                                "SELECT count(*) FROM refunds r JOIN orders o ON o.id = r.order_id"
                                        + " WHERE o.reference_id = :b AND r.status = 'SUCCEEDED'",
                                Map.of("b", booking))
                        == 1);
        assertLedgerBalanced(tutor.tenant());
    }

    @Test
    void aSavedPaymentMethodPaysOnlyForItsOwner() {
        Tutor tutor = tutor();
        SignedIn student = student();
        String saved = student.api()
                .contentType("application/json")
                .body(Map.of("paymentMethodId", "pm_card_mastercard"))
                .post("/api/v1/payments/methods")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        UUID booking = lesson(student, tutor);
        SignedIn other = student();
        UUID othersBooking = lesson(other, tutor);

        checkout(other, othersBooking, saved).then().statusCode(404).body("code", equalTo("payment_method.not_found"));
        checkout(student, booking, saved).then().statusCode(200).body("status", equalTo("PAID"));
        awaitBookingState(tutor.tenant(), booking, "CONFIRMED");
    }

    @Test
    void aSecondPaymentForAPaidOrderIsRefundedInFull() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        String orderId = checkout(student, booking, "pm_card_visa")
                .then()
                .statusCode(200)
                .extract()
                .path("orderId");

        // what only a crash between the provider and us could produce: another intent for the same order succeeds
        var second = sandbox.createPayment(new PaymentProvider.PaymentRequest(
                io.lyceum.shared.Money.of(3000, "GBP"),
                null,
                "pm_card_visa",
                "a stray second payment",
                Map.of("tenantId", tutor.tenant().value().toString(), "orderId", orderId),
                null,
                "stray-" + UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("SELECT amount_refunded FROM sandbox_payment_intents WHERE id = :id")
                                .param("id", second.id())
                                .query(Long.class)
                                .single()
                        == 3000);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> count(
                                tutor.tenant(),
                                "SELECT count(*) FROM journal_entries WHERE reference LIKE :r",
                                Map.of("r", "payment:" + second.id() + ":duplicate%"))
                        == 2);
        student.api()
                .get("/api/v1/payments/status/" + booking)
                .then()
                .body("status", equalTo("PAID"))
                .body("refunded.amount", equalTo(0));
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM payment_attempts WHERE order_id = :o",
                        Map.of("o", UUID.fromString(orderId))))
                .isEqualTo(1);
        assertLedgerBalanced(tutor.tenant());
    }
}
