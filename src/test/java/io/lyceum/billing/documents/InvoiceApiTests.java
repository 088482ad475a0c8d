package io.lyceum.billing.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.JsonPath;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Invoices through the API: drafting, sending with an order, paying, cancelling, and every refusal. */
class InvoiceApiTests extends DocumentTestBase {

    private Map<String, Object> order(UUID orderId) {
        return TenantContext.callAs(defaultTenant(), () -> jdbc.sql(
                        "SELECT kind, reference_id, payer_id, amount, currency, status, tutor_id FROM orders WHERE id = :id")
                .param("id", orderId)
                .query()
                .singleRow());
    }

    @Test
    void sendingNumbersTheInvoiceOpensItsOrderAndEmailsThePdfWithThePayLink() {
        SignedIn admin = admin();
        SignedIn student = student();
        String id = create(admin, INVOICES, body(student.userId())).getString("id");
        admin.api().get(INVOICES + "/" + id).then().statusCode(200).body("payLink", equalTo(null));

        JsonPath sent = send(admin, INVOICES, id);
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        assertThat(sent.getString("number")).matches("INV-" + year + "-\\d{6}");
        assertThat(sent.getString("status")).isEqualTo("SENT");
        assertThat(sent.getString("dueDate"))
                .isEqualTo(LocalDate.parse(sent.getString("issuedAt").substring(0, 10))
                        .plusDays(Documents.DEFAULT_PAYMENT_TERMS_DAYS)
                        .toString());
        assertThat(sent.getString("payLink")).endsWith("/api/v1/invoices/" + id + "/pay");

        Map<String, Object> order = order(UUID.fromString(sent.getString("orderId")));
        assertThat(order.get("kind")).isEqualTo("INVOICE");
        assertThat(order.get("reference_id")).isEqualTo(UUID.fromString(id));
        assertThat(order.get("payer_id")).isEqualTo(student.userId());
        assertThat(((Number) order.get("amount")).longValue()).isEqualTo(TOTAL);
        assertThat(order.get("status")).isEqualTo("OPEN");
        assertThat(order.get("tutor_id")).isNull();

        JsonPath email = latestEmail(student.email());
        assertThat(email.getString("subject")).contains(sent.getString("number"));
        assertThat(email.getString("body"))
                .contains("/api/v1/invoices/" + id + "/pay")
                .contains("83.62 GBP");
        assertThat(email.getString("attachments[0].contentType")).isEqualTo("application/pdf");

        student.api()
                .queryParam("status", "SENT")
                .get(INVOICES)
                .then()
                .statusCode(200)
                .body("content.id", hasItem(id))
                .body("content[0].payLink", notNullValue());
        student.api()
                .queryParam("status", "PAID")
                .get(INVOICES)
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(0));
        admin.api().queryParam("status", "NOPE").get(INVOICES).then().statusCode(400);
    }

    @Test
    void anAgencyInvoicePaidBecomesPaidCreditsPlatformRevenueAndEmailsAReceipt() {
        SignedIn admin = admin();
        SignedIn student = student();
        JsonPath sent = sent(admin, INVOICES, student.userId());
        String id = sent.getString("id");
        UUID orderId = UUID.fromString(sent.getString("orderId"));
        Money revenueBefore = balance(LedgerAccountType.PLATFORM_REVENUE, null);

        assertThat(pay(student, id).getString("status")).isEqualTo("PAID");
        assertThat(order(orderId).get("status")).isEqualTo("PAID");

        student.api()
                .get(INVOICES + "/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID"))
                .body("paidAt", notNullValue())
                .body("payLink", equalTo(null));
        assertThat(balance(LedgerAccountType.PLATFORM_REVENUE, null).minus(revenueBefore))
                .isEqualTo(Money.of(TOTAL, "GBP"));
        assertThat(latestEmail(student.email()).getString("subject")).startsWith("Receipt for invoice");
        admin.api()
                .post(INVOICES + "/" + id + "/cancel")
                .then()
                .statusCode(409)
                .body("code", equalTo("invoice.illegal_transition"));
        List<String> history = admin.api()
                .get(INVOICES + "/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("content.to");
        assertThat(history).containsExactly("DRAFT", "SENT", "PAID");
        admin.api()
                .queryParam("page", 1)
                .queryParam("size", 2)
                .get(INVOICES + "/" + id + "/history")
                .then()
                .statusCode(200)
                .body("content.from", equalTo(List.of("SENT")))
                .body("content.to", equalTo(List.of("PAID")))
                .body("page.totalElements", equalTo(3));
    }

    @Test
    void aTutorsInvoicePaidCreditsTheTutorLessTheTenantsCommission() {
        SignedIn student = student();
        Tutors.Approved tutor = tutorWhoTaught(student);
        TenantContext.runAs(defaultTenant(), () -> jdbc.sql("""
                        INSERT INTO commission_tiers (tenant_id, name, min_hours, rate_bps, updated_at)
                        VALUES (lyceum_current_tenant(), 'Starter', 0, 3300, now()) ON CONFLICT DO NOTHING
                        """).update());
        JsonPath sent = sent(tutor.tutor(), INVOICES, student.userId());
        UUID orderId = UUID.fromString(sent.getString("orderId"));
        assertThat(order(orderId).get("tutor_id")).isEqualTo(tutor.id());
        Money revenueBefore = balance(LedgerAccountType.PLATFORM_REVENUE, null);

        pay(student, sent.getString("id"));

        int rate = TenantContext.callAs(
                defaultTenant(), () -> jdbc.sql("SELECT commission_rate_bps FROM journal_entries WHERE reference = :r")
                        .param("r", "invoice:" + sent.getString("id") + ":commission")
                        .query(Integer.class)
                        .single());
        long commission = DocumentTotals.divideHalfEven(SUBTOTAL * rate, 10_000);
        assertThat(commission).isPositive();
        assertThat(balance(LedgerAccountType.TUTOR_AVAILABLE, tutor.id()))
                .isEqualTo(Money.of(TOTAL - commission, "GBP"));
        assertThat(balance(LedgerAccountType.PLATFORM_REVENUE, null)
                        .minus(revenueBefore)
                        .amount())
                .isGreaterThanOrEqualTo(commission);
        tutor.tutor().api().get(INVOICES + "/" + sent.getString("id")).then().body("status", equalTo("PAID"));
    }

    @Test
    void cancellingASentInvoiceCancelsItsOrder() {
        SignedIn admin = admin();
        SignedIn student = student();
        JsonPath sent = sent(admin, INVOICES, student.userId());
        String id = sent.getString("id");
        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", "Billed twice"))
                .post(INVOICES + "/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancelledAt", notNullValue())
                .body("payLink", equalTo(null));
        assertThat(order(UUID.fromString(sent.getString("orderId"))).get("status"))
                .isEqualTo("CANCELLED");
        admin.api()
                .post(INVOICES + "/" + id + "/cancel")
                .then()
                .statusCode(409)
                .body("code", equalTo("invoice.illegal_transition"));
        admin.api().post(INVOICES + "/" + id + "/send").then().statusCode(409);
        // a draft may be cancelled too, and keeps no number
        String draft = create(admin, INVOICES, body(student.userId())).getString("id");
        admin.api()
                .post(INVOICES + "/" + draft + "/cancel")
                .then()
                .statusCode(200)
                .body("number", equalTo(null));
    }

    @Test
    void wrongRolesAreForbidden() {
        SignedIn admin = admin();
        SignedIn student = student();
        student.api()
                .contentType("application/json")
                .body(body(student.userId()))
                .post(INVOICES)
                .then()
                .statusCode(403);
        String id = sent(admin, INVOICES, student.userId()).getString("id");
        student.api().post(INVOICES + "/" + id + "/cancel").then().statusCode(403);
        student.api().post(INVOICES + "/" + id + "/send").then().statusCode(403);
        student.api()
                .contentType("application/json")
                .body(body(student.userId()))
                .put(INVOICES + "/" + id)
                .then()
                .statusCode(403);
        api().get(INVOICES).then().statusCode(401);
    }

    @Test
    void anotherUsersInvoiceIsNotFound() {
        SignedIn student = student();
        Tutors.Approved tutor = tutorWhoTaught(student);
        String id = sent(tutor.tutor(), INVOICES, student.userId()).getString("id");
        SignedIn otherStudent = student();
        SignedIn otherTutor = Tutors.approved(jdbc).tutor();
        otherStudent.api().get(INVOICES + "/" + id).then().statusCode(404).body("code", equalTo("invoice.not_found"));
        otherStudent.api().get(INVOICES + "/" + id + "/pdf").then().statusCode(404);
        otherTutor.api().get(INVOICES + "/" + id).then().statusCode(404);
        otherTutor.api().post(INVOICES + "/" + id + "/cancel").then().statusCode(404);
        otherTutor.api().get(INVOICES).then().statusCode(200).body("content.id", not(hasItem(id)));
        // staff see and manage every invoice of the tenant
        admin().api().get(INVOICES + "/" + id).then().statusCode(200);
    }

    @Test
    void anotherTenantsInvoiceIsNotFound() {
        SignedIn admin = admin();
        String id = sent(admin, INVOICES, student().userId()).getString("id");
        SignedIn foreignOwner = Tenants.newTenantWithOwner(Tenants.uniqueSlug("invoices"));
        foreignOwner.api().get(INVOICES + "/" + id).then().statusCode(404);
        foreignOwner.api().post(INVOICES + "/" + id + "/cancel").then().statusCode(404);
        foreignOwner.api().get(INVOICES + "/" + id + "/pdf").then().statusCode(404);
    }

    @Test
    void badInputIsRefusedWithTheFieldsAtFault() {
        SignedIn admin = admin();
        SignedIn student = student();
        Map<String, Object> past = body(student.userId());
        past.put("dueDate", daysAgo(3).toString());
        admin.api()
                .contentType("application/json")
                .body(past)
                .post(INVOICES)
                .then()
                .statusCode(422)
                .body("code", equalTo("invoice.invalid"))
                .body("errors.field", hasItem("dueDate"));
        Map<String, Object> blank = body(student.userId());
        blank.put("lines", List.of(line(" ", "1", 100)));
        blank.put("billingEmail", "not an email");
        blank.remove("recipientId");
        admin.api()
                .contentType("application/json")
                .body(blank)
                .post(INVOICES)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("lines[0].description"))
                .body("errors.field", hasItem("billingEmail"))
                .body("errors.field", hasItem("recipientId"));
        Map<String, Object> zeroQuantity = body(student.userId());
        zeroQuantity.put("lines", List.of(line("Nothing", "0", 100)));
        admin.api()
                .contentType("application/json")
                .body(zeroQuantity)
                .post(INVOICES)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("lines[0].quantity"));
    }

    @Test
    void everyProblemOfARequestIsReportedAtOnce() {
        // field rules (blank description, bad email) and business rules (a recipient who is no student, a passed
        // due date, a line price in another currency) in one request: one answer lists them all
        SignedIn admin = admin();
        Map<String, Object> bad = body(admin.userId());
        bad.put("dueDate", daysAgo(3).toString());
        bad.put("billingEmail", "not an email");
        bad.put(
                "lines",
                List.of(
                        line(" ", "1", 100),
                        Map.of(
                                "description", "Marking",
                                "quantity", "1",
                                "unitPrice", Map.of("amount", 500, "currency", "EUR"))));
        admin.api()
                .contentType("application/json")
                .body(bad)
                .post(INVOICES)
                .then()
                .statusCode(422)
                .body("code", equalTo("invoice.invalid"))
                .body(
                        "errors.field",
                        hasItems(
                                "lines[0].description",
                                "billingEmail",
                                "recipientId",
                                "dueDate",
                                "lines[1].unitPrice.currency"));
    }

    @Test
    void aFreeInvoiceCannotBeSentAndAPassedDueDateMustBeChangedFirst() {
        SignedIn admin = admin();
        SignedIn student = student();
        Map<String, Object> free = body(student.userId());
        free.put("lines", List.of(line("Goodwill lesson", "1", 0)));
        String id = create(admin, INVOICES, free).getString("id");
        admin.api()
                .post(INVOICES + "/" + id + "/send")
                .then()
                .statusCode(409)
                .body("code", equalTo("invoice.zero_total"));

        // a draft due today, sent the next day
        String late = create(admin, INVOICES, dated(INVOICES, body(student.userId()), today()))
                .getString("id");
        daysPass(1);
        admin.api()
                .post(INVOICES + "/" + late + "/send")
                .then()
                .statusCode(409)
                .body("code", equalTo("invoice.date_passed"));
    }

    @Test
    void onlyADraftChangesAndAStaleVersionIsAPreconditionFailure() {
        SignedIn admin = admin();
        SignedIn student = student();
        JsonPath draft = create(admin, INVOICES, body(student.userId()));
        String id = draft.getString("id");
        Map<String, Object> changed = body(student.userId());
        changed.put("taxRateBps", 1250);
        changed.put("lines", List.of(line("Hours", "3", 3333)));
        admin.api()
                .header("If-Match", "\"42\"")
                .contentType("application/json")
                .body(changed)
                .put(INVOICES + "/" + id)
                .then()
                .statusCode(412)
                .body("code", equalTo("invoice.version_mismatch"));
        admin.api()
                .contentType("application/json")
                .body(changed)
                .put(INVOICES + "/" + id)
                .then()
                .statusCode(200)
                // 3 x 33.33 = 99.99; 12.5% = 12.49875 -> 12.50; total 112.49
                .body("subtotal.amount", equalTo(9999))
                .body("tax.amount", equalTo(1250))
                .body("total.amount", equalTo(11249));
        admin.api()
                .header("If-Match", "\"" + draft.getLong("version") + "\"")
                .post(INVOICES + "/" + id + "/cancel")
                .then()
                .statusCode(412);
        send(admin, INVOICES, id);
        admin.api()
                .contentType("application/json")
                .body(changed)
                .put(INVOICES + "/" + id)
                .then()
                .statusCode(409)
                .body("code", equalTo("invoice.not_draft"));
    }

    @Test
    void aGuardianReadsPaysAndAcceptsTheInvoicesAndQuotesOfALinkedStudent() {
        SignedIn admin = admin();
        SignedIn student = student();
        SignedIn guardian = io.lyceum.testsupport.Accounts.newUser("GUARDIAN");
        io.lyceum.testsupport.Accounts.linkGuardian(guardian, student);
        String invoice = sent(admin, INVOICES, student.userId()).getString("id");
        String quote = sent(admin, QUOTES, student.userId()).getString("id");
        create(admin, INVOICES, body(student.userId())); // a draft stays the issuer's

        guardian.api().get(INVOICES).then().statusCode(200).body("content.id", org.hamcrest.Matchers.contains(invoice));
        guardian.api().get(INVOICES + "/" + invoice).then().statusCode(200);
        guardian.api().get(INVOICES + "/" + invoice + "/pdf").then().statusCode(200);
        guardian.api().get(QUOTES + "/" + quote).then().statusCode(200);
        // parents pay: the linked guardian accepts the student's quote and pays the student's invoice
        guardian.api()
                .post(QUOTES + "/" + quote + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"));
        assertThat(pay(guardian, invoice).getString("status")).isEqualTo("PAID");
        student.api().get(INVOICES + "/" + invoice).then().body("status", equalTo("PAID"));
        // an unlinked guardian neither sees nor pays nor answers them
        SignedIn stranger = io.lyceum.testsupport.Accounts.newUser("GUARDIAN");
        stranger.api().get(INVOICES + "/" + invoice).then().statusCode(404);
        String another = sent(admin, INVOICES, student.userId()).getString("id");
        stranger.api()
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("paymentMethodId", "pm_card_visa"))
                .post(INVOICES + "/" + another + "/pay")
                .then()
                .statusCode(404)
                .body("code", equalTo("invoice.not_found"));
        String otherQuote = sent(admin, QUOTES, student.userId()).getString("id");
        stranger.api().post(QUOTES + "/" + otherQuote + "/reject").then().statusCode(404);
    }
}
