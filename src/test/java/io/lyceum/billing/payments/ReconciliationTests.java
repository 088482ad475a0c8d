package io.lyceum.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.lyceum.billing.payments.Reconciliation.Difference;
import io.lyceum.billing.payments.Reconciliation.Kind;
import io.lyceum.billing.payments.Reconciliation.Run;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.PaymentRequest;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reconciliation of our orders and ledger with the provider's payments, each test in a tenant of its own so that the
 * differences found are exactly the ones the test made: a clean run, a payment the provider took that no order
 * records (a lost webhook), a refund made at the provider only, a paid order the provider does not know; the run and
 * its differences through the admin routes and in the audit log.
 */
class ReconciliationTests extends LessonMoneyTestBase {

    static final String ROUTE = "/api/v1/admin/payments/reconciliation";

    @Autowired
    Reconciliation reconciliation;

    private String slug;
    private SignedIn admin;

    @Override
    String slug() {
        if (slug == null) {
            slug = Tenants.uniqueSlug("recon");
            Tenants.newTenantWithOwner(slug);
        }
        return slug;
    }

    private SignedIn admin() {
        if (admin == null) {
            admin = Tenants.newStaff(jdbc, "ADMIN", slug());
        }
        return admin;
    }

    /** A paid lesson in this test's tenant; returns the order id. */
    private UUID paidLesson(SignedIn tutor, SignedIn student, Instant start) {
        UUID booking = insertBooking(tutor.userId(), student.userId(), "CONFIRMED", start, 60, PRICE, false);
        return pay(booking, student.userId(), tutor.userId(), PRICE);
    }

    private Run runNow() {
        return TenantContext.callAs(
                tenant(),
                () -> reconciliation.run(
                        Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(60), null));
    }

    private static List<Kind> kinds(Run run) {
        return run.differences().stream().map(Difference::kind).sorted().toList();
    }

    @Test
    void paymentsThatMatchFindNoDifferences() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        paidLesson(tutor, student, uniqueStart(Instant.now().plus(Duration.ofDays(3))));
        paidLesson(tutor, student, uniqueStart(Instant.now().plus(Duration.ofDays(4))));
        Run run = runNow();
        assertThat(run.providerPayments()).isEqualTo(2);
        assertThat(run.paidOrders()).isEqualTo(2);
        assertThat(run.differences()).isEmpty();
        assertThat(run.trigger()).isEqualTo("SCHEDULED");
    }

    @Test
    void aPaymentNoOrderRecordsIsADifference() {
        SignedIn student = newStudent();
        // the provider took the money but the webhook never arrived
        ProviderPayment lost = TenantContext.callAs(tenant(), () -> {
            String customer = provider.createCustomer(student.userId(), null, null, "cus:" + student.userId());
            String method =
                    provider.attachPaymentMethod(customer, "pm_card_visa").id();
            return provider.createPayment(new PaymentRequest(
                    Money.of(4200, "GBP"),
                    customer,
                    method,
                    "Lost",
                    Map.of(
                            "tenantId",
                            tenant().value().toString(),
                            "orderId",
                            UUID.randomUUID().toString()),
                    null,
                    "lost:" + UUID.randomUUID()));
        });
        Run run = runNow();
        assertThat(kinds(run)).containsExactly(Kind.PAYMENT_WITHOUT_PAID_ORDER);
        Difference d = run.differences().getFirst();
        assertThat(d.providerPaymentId()).isEqualTo(lost.id());
        assertThat(d.theirs()).isEqualTo(4200);
    }

    @Test
    void aRefundMadeOnlyAtTheProviderIsADifference() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        UUID orderId = paidLesson(tutor, student, uniqueStart(Instant.now().plus(Duration.ofDays(3))));
        String paymentId = order(orderId).providerPaymentId();
        // someone refunded in the provider's dashboard
        provider.refund(paymentId, Money.of(500, "GBP"), "dashboard:" + paymentId, Map.of());
        Run run = runNow();
        assertThat(kinds(run)).containsExactly(Kind.REFUND_MISMATCH, Kind.CLEARING_MISMATCH);
        Difference clearing = run.differences().stream()
                .filter(d -> d.kind() == Kind.CLEARING_MISMATCH)
                .findFirst()
                .orElseThrow();
        assertThat(clearing.ours()).isEqualTo(3000);
        assertThat(clearing.theirs()).isEqualTo(2500);
        assertThat(clearing.orderId()).isEqualTo(orderId);
    }

    @Test
    void aPaidOrderTheProviderDoesNotKnowIsADifference() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        UUID booking = insertBooking(
                tutor.userId(),
                student.userId(),
                "CONFIRMED",
                uniqueStart(Instant.now().plus(Duration.ofDays(3))),
                60,
                PRICE,
                false);
        UUID orderId = inTenant(() -> {
            Order order = orders.open(
                    new Orders.NewOrder(
                            OrderKind.BOOKING,
                            booking,
                            student.userId(),
                            student.userId(),
                            tutor.userId(),
                            "Lesson",
                            PRICE,
                            null),
                    Orders.Actor.SYSTEM);
            recordPayment(
                    order,
                    new ProviderPayment(
                            "pi_unknown_" + UUID.randomUUID(),
                            PaymentProvider.ProviderPaymentStatus.SUCCEEDED,
                            PRICE,
                            0,
                            null,
                            null,
                            null,
                            null,
                            null,
                            Map.of(),
                            Instant.now()));
            return order.id();
        });
        Run run = runNow();
        assertThat(kinds(run)).containsExactly(Kind.PAID_ORDER_UNKNOWN_TO_PROVIDER);
        assertThat(run.differences().getFirst().orderId()).isEqualTo(orderId);
    }

    @Test
    void adminsRunItAndReadTheRunsAndTheAuditLogRecordsDifferences() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        UUID orderId = paidLesson(tutor, student, uniqueStart(Instant.now().plus(Duration.ofDays(3))));
        provider.refund(order(orderId).providerPaymentId(), Money.of(100, "GBP"), "dash:" + orderId, Map.of());
        Map<String, Object> window = Map.of(
                "from", Instant.now().minus(Duration.ofHours(1)).toString(),
                "to", Instant.now().plusSeconds(60).toString());
        String runId = admin().api()
                .contentType("application/json")
                .body(window)
                .post(ROUTE)
                .then()
                .statusCode(201)
                .body("trigger", equalTo("MANUAL"))
                .body("requestedBy", equalTo(admin().userId().toString()))
                .body("differenceCount", is(2))
                .body("differences.kind", org.hamcrest.Matchers.hasItems("REFUND_MISMATCH", "CLEARING_MISMATCH"))
                .extract()
                .path("id");
        // a run over an empty window finds nothing
        admin().api()
                .contentType("application/json")
                .body(Map.of(
                        "from",
                        Instant.now().minus(Duration.ofDays(30)).toString(),
                        "to",
                        Instant.now().minus(Duration.ofDays(29)).toString()))
                .post(ROUTE)
                .then()
                .statusCode(201)
                .body("differenceCount", is(0));
        admin().api()
                .get(ROUTE)
                .then()
                .statusCode(200)
                .body("page.totalElements", is(2))
                .body("content[1].id", equalTo(runId));
        admin().api()
                .queryParam("differencesOnly", true)
                .get(ROUTE)
                .then()
                .statusCode(200)
                .body("page.totalElements", is(1))
                .body("content[0].differences[0].orderId", equalTo(orderId.toString()));
        admin().api().get(ROUTE + "/" + runId).then().statusCode(200).body("differenceCount", is(2));
        admin().api().get(ROUTE + "/" + UUID.randomUUID()).then().statusCode(404);
        // the admin module's audit log has it
        await().atMost(Duration.ofSeconds(15))
                .until(() -> TenantContext.callAs(tenant(), () -> jdbc.sql("""
                                        SELECT count(*) FROM audit_log
                                        WHERE action = 'PAYMENTS_RECONCILIATION_DIFFERENCES' AND subject_id = :run
                                        """)
                                .param("run", UUID.fromString(runId))
                                .query(Long.class)
                                .single())
                        == 1);
        // bad window, wrong roles, other tenants
        admin().api()
                .contentType("application/json")
                .body(Map.of(
                        "from",
                        Instant.now().toString(),
                        "to",
                        Instant.now().minusSeconds(60).toString()))
                .post(ROUTE)
                .then()
                .statusCode(422)
                .body("code", equalTo("reconciliation.invalid_window"));
        admin().api()
                .contentType("application/json")
                .body(Map.of("from", "yesterday"))
                .post(ROUTE)
                .then()
                .statusCode(400);
        tutor.api().get(ROUTE).then().statusCode(403);
        tutor.api()
                .contentType("application/json")
                .body(Map.of())
                .post(ROUTE)
                .then()
                .statusCode(403);
        student.api().get(ROUTE + "/" + runId).then().statusCode(403);
        Tenants.newStaff(jdbc, "ADMIN", null)
                .api()
                .get(ROUTE + "/" + runId)
                .then()
                .statusCode(404);
        Tenants.newStaff(jdbc, "ADMIN", null)
                .api()
                .queryParam("differencesOnly", true)
                .get(ROUTE)
                .then()
                .statusCode(200)
                .body("content.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(runId)));
        api().get(ROUTE).then().statusCode(401);
        Accounts.newUser("STUDENT", slug())
                .api()
                .contentType("application/json")
                .body(Map.of())
                .post(ROUTE)
                .then()
                .statusCode(403);
        admin().api().get(ROUTE).then().body("content", org.hamcrest.Matchers.not(empty()));
    }
}
