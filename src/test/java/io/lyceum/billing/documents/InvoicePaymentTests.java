package io.lyceum.billing.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.sandbox.SandboxPaymentProvider;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Paying an invoice through its pay link, which delegates to checkout with the sandbox provider. */
class InvoicePaymentTests extends DocumentTestBase {

    @Autowired
    SandboxPaymentProvider sandbox;

    private static Response pay(SignedIn user, String invoiceId, String method, String key) {
        return user.api()
                .header("Idempotency-Key", key)
                .body(Map.of("paymentMethodId", method))
                .post(INVOICES + "/" + invoiceId + "/pay");
    }

    private int attempts(UUID orderId) {
        return TenantContext.callAs(
                defaultTenant(), () -> jdbc.sql("SELECT count(*) FROM payment_attempts WHERE order_id = :o")
                        .param("o", orderId)
                        .query(Integer.class)
                        .single());
    }

    @Test
    void theRecipientPaysWithACardTheInvoiceIsPaidOnceAndAReplayChargesNothing() {
        SignedIn admin = admin();
        SignedIn student = student();
        var sent = sent(admin, INVOICES, student.userId());
        String id = sent.getString("id");
        UUID orderId = UUID.fromString(sent.getString("orderId"));
        Money revenueBefore = balance(LedgerAccountType.PLATFORM_REVENUE, null);
        String key = UUID.randomUUID().toString();

        pay(student, id, "pm_card_visa", key)
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID"))
                .body("kind", equalTo("INVOICE"))
                .body("referenceId", equalTo(id))
                .body("amount.amount", equalTo((int) TOTAL));
        pay(student, id, "pm_card_visa", key)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("status", equalTo("PAID"));

        student.api()
                .get(INVOICES + "/" + id)
                .then()
                .body("status", equalTo("PAID"))
                .body("payLink", equalTo(null));
        assertThat(attempts(orderId)).isEqualTo(1);
        assertThat(balance(LedgerAccountType.PLATFORM_REVENUE, null).minus(revenueBefore))
                .isEqualTo(Money.of(TOTAL, "GBP"));
        assertThat(latestEmail(student.email()).getString("subject"))
                .isEqualTo("Receipt for invoice " + sent.getString("number"));

        // paid now: another key cannot pay it again
        pay(student, id, "pm_card_visa", UUID.randomUUID().toString())
                .then()
                .statusCode(409)
                .body("code", equalTo("invoice.illegal_transition"));
        // the sandbox's webhook for the payment arrives later and changes nothing
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> attempts(orderId) == 1);
        assertThat(balance(LedgerAccountType.PLATFORM_REVENUE, null).minus(revenueBefore))
                .isEqualTo(Money.of(TOTAL, "GBP"));
    }

    @Test
    void parallelPaymentsChargeOnce() {
        SignedIn admin = admin();
        SignedIn student = student();
        var sent = sent(admin, INVOICES, student.userId());
        String id = sent.getString("id");
        List<Integer> statuses = Parallel.run(
                4, i -> pay(student, id, "pm_card_visa", UUID.randomUUID().toString())
                        .statusCode());
        assertThat(statuses).contains(200).allMatch(s -> s == 200 || s == 409);
        assertThat(attempts(UUID.fromString(sent.getString("orderId")))).isEqualTo(1);
        admin.api().get(INVOICES + "/" + id).then().body("status", equalTo("PAID"));
    }

    @Test
    void aDeclinedCardIsA402AndTheInvoiceStaysSentAndPayable() {
        SignedIn admin = admin();
        SignedIn student = student();
        String id = sent(admin, INVOICES, student.userId()).getString("id");

        pay(student, id, "pm_card_chargeDeclined", UUID.randomUUID().toString())
                .then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("code", equalTo("payment.declined"))
                .body("declineCode", equalTo("generic_decline"));
        student.api().get(INVOICES + "/" + id).then().body("status", equalTo("SENT"));

        pay(student, id, "pm_card_visa", UUID.randomUUID().toString())
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID"));
        student.api().get(INVOICES + "/" + id).then().body("status", equalTo("PAID"));
    }

    @Test
    void threeDSecureCompletesThroughTheWebhook() {
        SignedIn admin = admin();
        SignedIn student = student();
        String id = sent(admin, INVOICES, student.userId()).getString("id");
        String url = pay(
                        student,
                        id,
                        "pm_card_authenticationRequired",
                        UUID.randomUUID().toString())
                .then()
                .statusCode(200)
                .body("status", equalTo("REQUIRES_ACTION"))
                .extract()
                .path("nextAction.url");
        student.api().get(INVOICES + "/" + id).then().body("status", equalTo("SENT"));
        sandbox.completeChallenge(url.substring(url.lastIndexOf('/') + 1), true);
        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID"
                .equals(student.api().get(INVOICES + "/" + id).path("status")));
    }

    @Test
    void onlyTheRecipientPaysAndOnlyAnUnpaidSentInvoice() {
        SignedIn admin = admin();
        SignedIn student = student();
        String id = sent(admin, INVOICES, student.userId()).getString("id");

        // wrong role
        pay(admin, id, "pm_card_visa", UUID.randomUUID().toString()).then().statusCode(403);
        // another student, another tenant
        pay(student(), id, "pm_card_visa", UUID.randomUUID().toString())
                .then()
                .statusCode(404)
                .body("code", equalTo("invoice.not_found"));
        String slug = Tenants.uniqueSlug("pay");
        SignedIn foreignOwner = Tenants.newTenantWithOwner(slug);
        pay(
                        Accounts.newUser("STUDENT", slug),
                        id,
                        "pm_card_visa",
                        UUID.randomUUID().toString())
                .then()
                .statusCode(404);
        pay(foreignOwner, id, "pm_card_visa", UUID.randomUUID().toString())
                .then()
                .statusCode(403);
        // bad input
        student.api()
                .body(Map.of("paymentMethodId", " "))
                .post(INVOICES + "/" + id + "/pay")
                .then()
                .statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItem("paymentMethodId"));
        // a draft is invisible to its recipient; a cancelled invoice cannot be paid
        String draft = create(admin, INVOICES, body(student.userId())).getString("id");
        pay(student, draft, "pm_card_visa", UUID.randomUUID().toString()).then().statusCode(404);
        admin.api().post(INVOICES + "/" + id + "/cancel").then().statusCode(200);
        pay(student, id, "pm_card_visa", UUID.randomUUID().toString())
                .then()
                .statusCode(409)
                .body("code", equalTo("invoice.illegal_transition"));
    }

    @Test
    void aDocumentCannotBillMoreThanACardPaymentCanBeAndTooLittleIsRefusedByTheProvider() {
        SignedIn admin = admin();
        SignedIn student = student();
        Map<String, Object> huge = body(student.userId());
        huge.put("taxRateBps", 0);
        huge.put("lines", List.of(line("Everything", "100000", 1_000_000_000L)));
        admin.api()
                .contentType("application/json")
                .body(huge)
                .post(INVOICES)
                .then()
                .statusCode(422)
                .body("code", equalTo("invoice.invalid"))
                .body("errors.field", org.hamcrest.Matchers.hasItem("lines"));
        // exactly the largest payable amount is fine
        huge.put("lines", List.of(line("Everything", "1", 99_999_999L)));
        admin.api()
                .contentType("application/json")
                .body(huge)
                .post(INVOICES)
                .then()
                .statusCode(201);
        // 0.10 GBP is below what a card can be charged: Stripe's amount_too_small, and the invoice stays payable
        Map<String, Object> tiny = body(student.userId());
        tiny.put("taxRateBps", 0);
        tiny.put("lines", List.of(line("Stamp", "1", 10)));
        String id = send(admin, INVOICES, create(admin, INVOICES, tiny).getString("id"))
                .getString("id");
        pay(student, id, "pm_card_visa", UUID.randomUUID().toString())
                .then()
                .statusCode(422)
                .body("code", equalTo("payment.amount_too_small"));
        student.api().get(INVOICES + "/" + id).then().body("status", equalTo("SENT"));
    }

    @Test
    void aGuardianRecipientPaysAnInvoiceAddressedToThem() {
        SignedIn admin = admin();
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        String id = sent(admin, INVOICES, guardian.userId()).getString("id");
        assertThat(pay(guardian, id).getString("status")).isEqualTo("PAID");
        guardian.api().get(INVOICES + "/" + id).then().body("status", equalTo("PAID"));
    }
}
