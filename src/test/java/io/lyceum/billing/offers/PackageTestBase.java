package io.lyceum.billing.offers;

import static org.awaitility.Awaitility.await;

import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.payments.Order;
import io.lyceum.billing.payments.Orders;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.PaymentRequest;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.SetupRequests;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fixtures for package and enrollment tests: approved tutors whose schedule is open all week (SQL, tenant bound),
 * course packs made through the catalog's API, orders paid through the sandbox provider and recorded as the checkout
 * will record them, and time moved with the test clock.
 */
abstract class PackageTestBase extends ApiTestBase {

    private static final AtomicInteger NEXT_DAY = new AtomicInteger();

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Orders orders;

    @Autowired
    PaymentProvider provider;

    @Autowired
    Ledger ledger;

    @Autowired
    PackageAndEnrollmentJobs.Sweeps sweeps;

    TenantId tenant() {
        return Tenants.idOf(jdbc, null);
    }

    /** An approved tutor (GCSE subject, 60 minutes 3000 GBP) open all week, 60 minutes notice. */
    Tutors.Approved tutor() {
        Tutors.Approved approved = Tutors.approved(jdbc);
        TenantId tenant = tenant();
        TenantContext.runAs(tenant, () -> {
            jdbc.sql("""
                            INSERT INTO tutor_schedules (tutor_id, tenant_id, time_zone, buffer_minutes,
                                                         minimum_notice_minutes, horizon_days, lesson_lengths,
                                                         requires_confirmation, updated_at)
                            VALUES (:tutor, :t, 'Europe/London', 0, 60, 90, '{30,60}', FALSE, now())
                            """)
                    .param("tutor", approved.id())
                    .param("t", tenant.value())
                    .update();
            for (int day = 1; day <= 7; day++) {
                jdbc.sql("""
                                INSERT INTO availability_windows (id, tenant_id, tutor_id, day_of_week, start_time,
                                                                  end_time, created_at)
                                VALUES (gen_random_uuid(), :t, :tutor, :day, '00:00', '24:00', now())
                                """)
                        .param("t", tenant.value())
                        .param("tutor", approved.id())
                        .param("day", day)
                        .update();
            }
        });
        return approved;
    }

    /** A whole hour (UTC) some days ahead; every call a different day. */
    static Instant slot() {
        int days = 2 + NEXT_DAY.getAndIncrement() % 60;
        return LocalDate.now(ZoneOffset.UTC).plusDays(days).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    /** A whole hour (UTC) some days after {@code now} (the test clock's, once it has moved); every call a different day. */
    static Instant slotAfter(Instant now) {
        int days = 2 + NEXT_DAY.getAndIncrement() % 60;
        return LocalDate.ofInstant(now, ZoneOffset.UTC)
                .plusDays(days)
                .atTime(10, 0)
                .toInstant(ZoneOffset.UTC);
    }

    /** When a booking starts. */
    Instant startOf(UUID bookingId) {
        return TenantContext.callAs(tenant(), () -> jdbc.sql("SELECT starts_at FROM bookings WHERE id = :id")
                .param("id", bookingId)
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant());
    }

    static SignedIn student() {
        return Accounts.newUser("STUDENT");
    }

    static Response post(SignedIn who, String path, Object body) {
        var spec = who.api().contentType("application/json");
        return body == null ? spec.post(path) : spec.body(body).post(path);
    }

    static Response patch(SignedIn who, String path, Object body) {
        return who.api().contentType("application/json").body(body).patch(path);
    }

    /** A paid 60-minute booking request with the tutor: PENDING_PAYMENT. */
    static UUID book(SignedIn student, Tutors.Approved tutor, Instant start) {
        Map<String, Object> body = new HashMap<>();
        body.put("tutorId", tutor.id().toString());
        body.put("subjectId", tutor.subjectId().toString());
        body.put("startsAt", start.toString());
        body.put("durationMinutes", 60);
        body.put("trial", false);
        return UUID.fromString(SetupRequests.send(student, "POST", "/api/v1/bookings", body, 201)
                .path("id")
                .asString());
    }

    /** Takes the order's money with the sandbox (test card) and records it as the checkout does. */
    Orders.PaymentRecorded pay(UUID orderId) {
        TenantId tenant = tenant();
        return TenantContext.callAs(
                tenant,
                () -> transactions.execute(s -> {
                    Order order = orders.find(orderId).orElseThrow();
                    String customer = provider.createCustomer(
                            order.payerId(), "payer@example.com", "Payer", "test-customer-" + orderId);
                    String method = provider.attachPaymentMethod(customer, "pm_card_visa")
                            .id();
                    ProviderPayment payment = provider.createPayment(new PaymentRequest(
                            order.amount(),
                            customer,
                            method,
                            order.description(),
                            Map.of("tenantId", tenant.value().toString(), "orderId", orderId.toString()),
                            null,
                            "test-pay-" + orderId));
                    return orders.recordPayment(
                            orderId, provider.name(), payment.id(), order.amount(), Orders.Actor.PROVIDER);
                }));
    }

    Order order(UUID orderId) {
        return TenantContext.callAs(tenant(), () -> orders.find(orderId).orElseThrow());
    }

    String bookingState(UUID bookingId) {
        return TenantContext.callAs(tenant(), () -> jdbc.sql("SELECT state FROM bookings WHERE id = :id")
                .param("id", bookingId)
                .query(String.class)
                .single());
    }

    void awaitBookingState(UUID bookingId, String state) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> bookingState(bookingId).equals(state));
    }

    /**
     * Lets time pass (the test clock) until the booking started {@code ago} ago; never backwards, so a test may walk
     * through its lessons in order.
     */
    void startedAgo(UUID bookingId, Duration ago) {
        Instant at = startOf(bookingId).plus(ago);
        if (at.isAfter(testClock.instant())) {
            testClock.advanceTo(at);
        }
    }

    long count(String query, Map<String, Object> params) {
        return TenantContext.callAs(
                tenant(), () -> jdbc.sql(query).params(params).query(Long.class).single());
    }

    void sql(String statement, Map<String, Object> params) {
        TenantContext.runAs(tenant(), () -> jdbc.sql(statement).params(params).update());
    }

    /** The sum of the lines of entries with this reference on an account type (debits positive). */
    long lines(String reference, LedgerAccountType type) {
        return count("""
                SELECT coalesce(sum(l.amount), 0) FROM journal_lines l
                JOIN journal_entries e ON e.id = l.entry_id
                JOIN ledger_accounts a ON a.id = l.account_id
                WHERE e.reference = :ref AND a.type = :type
                """, Map.of("ref", reference, "type", type.name()));
    }

    /** What the ledger holds in customer prepayments for a booking (credit-normal, shown positive). */
    long heldFor(UUID bookingId) {
        return -count("""
                SELECT coalesce(sum(l.amount), 0) FROM journal_lines l
                JOIN journal_entries e ON e.id = l.entry_id
                JOIN ledger_accounts a ON a.id = l.account_id
                WHERE e.booking_id = :b AND a.type = 'CUSTOMER_PREPAYMENTS'
                """, Map.of("b", bookingId));
    }

    Money balance(LedgerAccountType type, UUID owner) {
        return TenantContext.callAs(tenant(), () -> ledger.balance(type, owner, Money.currency("GBP")));
    }

    static List<String> list(Response response, String path) {
        return response.then().statusCode(200).extract().path(path);
    }
}
