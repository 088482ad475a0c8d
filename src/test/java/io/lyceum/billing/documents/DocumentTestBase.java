package io.lyceum.billing.documents;

import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.payments.Orders;
import io.lyceum.shared.Ids;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fixtures for quote and invoice tests: staff, students, tutors who have taught a student (a COMPLETED booking
 * inserted with SQL), request bodies, sending, reading the outbox and paying an order as the provider would.
 */
abstract class DocumentTestBase extends ApiTestBase {

    static final String QUOTES = "/api/v1/quotes";
    static final String INVOICES = "/api/v1/invoices";
    private static final AtomicInteger NEXT_SLOT = new AtomicInteger();

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Orders orders;

    @Autowired
    Ledger ledger;

    /**
     * Bodiless POSTs (accept, convert, cancel) go out as JSON without a body, as a browser's fetch would; the tests'
     * client, like RestAssured before it, would otherwise label them as form posts.
     */
    @BeforeEach
    void jsonByDefault() {
        Http.defaultContentType = "application/json";
    }

    @AfterEach
    void noDefaultSpecification() {
        Http.defaultContentType = null;
    }

    TenantId defaultTenant() {
        return Tenants.idOf(jdbc, null);
    }

    SignedIn admin() {
        return Tenants.newStaff(jdbc, "ADMIN", null);
    }

    SignedIn student() {
        return Accounts.newUser("STUDENT");
    }

    /** An approved tutor who has taught {@code student} one completed 60-minute lesson. */
    Tutors.Approved tutorWhoTaught(SignedIn student) {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        completedLesson(tutor, student.userId());
        return tutor;
    }

    UUID completedLesson(Tutors.Approved tutor, UUID studentId) {
        UUID id = Ids.newId();
        Instant start = Instant.parse("2025-01-01T08:00:00Z").plus(NEXT_SLOT.incrementAndGet() * 2L, ChronoUnit.HOURS);
        TenantContext.runAs(defaultTenant(), () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, starts_at,
                                              ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        VALUES (:id, lyceum_current_tenant(), :tutor, :student, :student, :subject, :start, :end,
                                :end, 'COMPLETED', 3000, 'GBP', :start, :end)
                        """)
                .param("id", id)
                .param("tutor", tutor.id())
                .param("student", studentId)
                .param("subject", tutor.subjectId())
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", start.plus(60, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC))
                .update());
        return id;
    }

    static Map<String, Object> line(String description, String quantity, long unitPrice) {
        Map<String, Object> line = new HashMap<>();
        line.put("description", description);
        line.put("quantity", new java.math.BigDecimal(quantity));
        line.put("unitPrice", Map.of("amount", unitPrice, "currency", "GBP"));
        return line;
    }

    /**
     * A document body: 1.5 x 30.00 + 2 x 12.34 = 69.68 GBP, 20% tax = 13.936 -> 13.94, total 83.62 GBP.
     */
    static Map<String, Object> body(UUID recipientId) {
        Map<String, Object> body = new HashMap<>();
        body.put("recipientId", recipientId);
        body.put("currency", "GBP");
        body.put("taxRateBps", 2000);
        body.put(
                "lines",
                new ArrayList<>(List.of(line("Maths tuition, hours", "1.5", 3000), line("Workbook", "2", 1234))));
        body.put("billingName", "Pat Parent");
        body.put("billingAddress", "1 High Street, Oxford");
        body.put("notes", "Thank you for your custom.");
        return body;
    }

    static final long SUBTOTAL = 6968;
    static final long TAX = 1394;
    static final long TOTAL = 8362;

    JsonPath create(SignedIn issuer, String base, Map<String, Object> body) {
        return issuer.api()
                .contentType("application/json")
                .body(body)
                .post(base)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    JsonPath send(SignedIn issuer, String base, String id) {
        return issuer.api()
                .post(base + "/" + id + "/send")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** A SENT document from {@code issuer} to {@code recipient}; returns its JSON. */
    JsonPath sent(SignedIn issuer, String base, UUID recipient) {
        return send(issuer, base, create(issuer, base, body(recipient)).getString("id"));
    }

    /** A SENT document due on {@code date} (an invoice) or valid until {@code date} (a quote); returns its JSON. */
    JsonPath sent(SignedIn issuer, String base, UUID recipient, LocalDate date) {
        return send(
                issuer,
                base,
                create(issuer, base, dated(base, body(recipient), date)).getString("id"));
    }

    /** {@code body} with its date: the due date of an invoice, the valid-until date of a quote. */
    static Map<String, Object> dated(String base, Map<String, Object> body, LocalDate date) {
        body.put(base.equals(INVOICES) ? "dueDate" : "validUntil", date.toString());
        return body;
    }

    /**
     * Today on the application's clock in the default tenant's time zone: the day the documents' dates are compared
     * with. Tests make days pass with {@link io.lyceum.testsupport.TestClock#advance}.
     */
    LocalDate today() {
        String zone = jdbc.sql("SELECT time_zone FROM tenants WHERE slug = 'default'")
                .query(String.class)
                .single();
        return LocalDate.now(testClock.withZone(ZoneId.of(zone)));
    }

    /** Moves the application's clock {@code days} whole days forward. */
    void daysPass(int days) {
        testClock.advance(Duration.ofDays(days));
    }

    /** The newest outbox message to an address. */
    JsonPath latestEmail(String email) {
        return Accounts.request(null)
                .queryParam("recipient", email)
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("content[0]");
    }

    /** The recipient pays an invoice through its pay link (checkout, sandbox test Visa); answers the JSON. */
    JsonPath pay(SignedIn recipient, String invoiceId) {
        return recipient
                .api()
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("paymentMethodId", "pm_card_visa"))
                .post(INVOICES + "/" + invoiceId + "/pay")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    Money balance(LedgerAccountType type, UUID owner) {
        return TenantContext.callAs(defaultTenant(), () -> ledger.balance(type, owner, Money.currency("GBP")));
    }

    static LocalDate daysAgo(int days) {
        return LocalDate.now(ZoneOffset.UTC).minusDays(days);
    }
}
