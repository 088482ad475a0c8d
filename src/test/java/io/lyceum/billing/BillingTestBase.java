package io.lyceum.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.SetupRequests;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fixtures for billing tests: tutors with open schedules, paid lessons booked through the API, checkout through the
 * API with the sandbox provider, and ledger assertions made in PostgreSQL with the tenant bound.
 */
public abstract class BillingTestBase extends ApiTestBase {

    public static final String CHECKOUT = "/api/v1/payments/checkout";
    private static final AtomicInteger NEXT_SLOT = new AtomicInteger();

    @Autowired
    protected Ledger ledger;

    @Autowired
    protected TransactionTemplate transactions;

    /** An approved tutor of the default tenant, bookable around the clock, 60 minutes = 30.00 GBP. */
    public record Tutor(Tutors.Approved approved, TenantId tenant) {
        UUID id() {
            return approved.id();
        }

        SignedIn user() {
            return approved.tutor();
        }

        SignedIn admin() {
            return approved.admin();
        }
    }

    protected TenantId defaultTenant() {
        return Tenants.idOf(jdbc, null);
    }

    protected Tutor tutor() {
        Tutors.Approved approved = Tutors.approved(jdbc);
        TenantId tenant = defaultTenant();
        OpenSchedules.openAllWeek(jdbc, tenant, approved.id(), false, 0, 60);
        return new Tutor(approved, tenant);
    }

    public static SignedIn student() {
        return Accounts.newUser("STUDENT");
    }

    /** A distinct whole hour (UTC) days ahead, so bookings of one student never overlap. */
    public static Instant slot() {
        int n = NEXT_SLOT.getAndIncrement();
        return LocalDate.now(ZoneOffset.UTC)
                .plusDays(2 + (n / 12) % 50)
                .atTime(8 + n % 12, 0)
                .toInstant(ZoneOffset.UTC);
    }

    /** Books a paid 60-minute lesson (PENDING_PAYMENT) and returns its id. */
    public static UUID lesson(SignedIn student, Tutor tutor) {
        return lesson(student, tutor, slot());
    }

    public static UUID lesson(SignedIn student, Tutor tutor, Instant start) {
        return UUID.fromString(SetupRequests.send(
                        student,
                        "POST",
                        "/api/v1/bookings",
                        Map.of(
                                "tutorId", tutor.id().toString(),
                                "subjectId", tutor.approved().subjectId().toString(),
                                "startsAt", start.toString(),
                                "durationMinutes", 60,
                                "trial", false),
                        201)
                .path("id")
                .asString());
    }

    public static Response checkout(SignedIn payer, UUID orderOrThing, String paymentMethod) {
        return checkout(payer, orderOrThing, paymentMethod, UUID.randomUUID().toString());
    }

    public static Response checkout(SignedIn payer, UUID orderOrThing, String paymentMethod, String idempotencyKey) {
        return payer.api()
                .contentType("application/json")
                .header("Idempotency-Key", idempotencyKey)
                .body(Map.of("orderId", orderOrThing.toString(), "paymentMethodId", paymentMethod))
                .post(CHECKOUT);
    }

    protected String bookingState(TenantId tenant, UUID bookingId) {
        return TenantContext.callAs(tenant, () -> jdbc.sql("SELECT state FROM bookings WHERE id = :id")
                .param("id", bookingId)
                .query(String.class)
                .single());
    }

    protected void awaitBookingState(TenantId tenant, UUID bookingId, String expected) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> bookingState(tenant, bookingId).equals(expected));
    }

    protected Money balance(TenantId tenant, LedgerAccountType type, UUID owner, String currency) {
        return TenantContext.callAs(tenant, () -> ledger.balance(type, owner, Money.currency(currency)));
    }

    /** The ledger entries whose reference starts with the prefix, in order: their kinds. */
    protected List<String> entryKinds(TenantId tenant, String referencePrefix) {
        return TenantContext.callAs(tenant, () -> jdbc.sql(
                        "SELECT kind FROM journal_entries WHERE reference LIKE :p ORDER BY created_at, reference")
                .param("p", referencePrefix + "%")
                .query(String.class)
                .list());
    }

    protected long count(TenantId tenant, String query, Map<String, Object> params) {
        return TenantContext.callAs(
                tenant, () -> jdbc.sql(query).params(params).query(Long.class).single());
    }

    /** Every entry of the tenant sums to zero per currency, and so does the whole ledger. */
    protected void assertLedgerBalanced(TenantId tenant) {
        TenantContext.runAs(tenant, () -> {
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM (SELECT entry_id FROM journal_lines GROUP BY entry_id, currency
                                                  HAVING sum(amount) <> 0) AS off
                            """).query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT coalesce(sum(amount), 0) FROM journal_lines")
                            .query(Long.class)
                            .single())
                    .isZero();
        });
    }
}
