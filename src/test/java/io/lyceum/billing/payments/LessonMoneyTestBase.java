package io.lyceum.billing.payments;

import static org.awaitility.Awaitility.await;

import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.Ledger.Posting;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.PaymentRequest;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.shared.Ids;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fixtures for the wallet and earnings tests: lessons written straight into the bookings table (with the tenant
 * bound), paid through the sandbox provider with the order recorded as checkout records it, moved through scheduling's
 * real lifecycle (the auto-complete timer, the no-show and dispute routes) and read back from the ledger.
 */
abstract class LessonMoneyTestBase extends ApiTestBase {

    static final Money PRICE = Money.of(3000, "GBP");

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Orders orders;

    @Autowired
    Ledger ledger;

    @Autowired
    PaymentProvider provider;

    @Autowired
    Earnings earnings;

    TenantId tenant() {
        return Tenants.idOf(jdbc, slug());
    }

    <T> T inTenant(Supplier<T> work) {
        return TenantContext.callAs(tenant(), () -> transactions.execute(s -> work.get()));
    }

    void inTenant(Runnable work) {
        TenantContext.runAs(tenant(), () -> transactions.executeWithoutResult(s -> work.run()));
    }

    /** The slug of the tenant the fixtures work in; null is the default tenant. */
    String slug() {
        return null;
    }

    SignedIn newTutor() {
        return Accounts.newUser("TUTOR", slug());
    }

    SignedIn newStudent() {
        return Accounts.newUser("STUDENT", slug());
    }

    /**
     * A tutor's lesson, paid and earned, whose dispute window closed a day ago: released by the release job. Returns
     * the booking.
     */
    UUID releasedEarning(UUID tutor, UUID student, Instant start) {
        UUID booking = insertBooking(tutor, student, "COMPLETED", start, 60, PRICE, false);
        pay(booking, student, tutor, PRICE);
        inTenant(() -> earnings.earn(booking, tutor, Instant.now().minus(Duration.ofDays(1))));
        inTenant(() -> earnings.releaseDue());
        // the release job may have claimed it first
        await().atMost(Duration.ofSeconds(15))
                .until(() -> TenantContext.callAs(
                        tenant(),
                        () -> earnings.find(booking).orElseThrow().state().equals("RELEASED")));
        return booking;
    }

    /** A tutor's lesson, paid and earned, still inside its dispute window. */
    UUID pendingEarning(UUID tutor, UUID student, Instant start) {
        UUID booking = insertBooking(tutor, student, "COMPLETED", start, 60, PRICE, false);
        pay(booking, student, tutor, PRICE);
        inTenant(() -> earnings.earn(booking, tutor, Instant.now().plus(Duration.ofDays(2))));
        return booking;
    }

    /** A start time on a whole minute (each test uses new tutors and students, so lessons never overlap). */
    static Instant uniqueStart(Instant around) {
        return around.truncatedTo(ChronoUnit.MINUTES);
    }

    /** Inserts a booking between tutor and student (booked by the student). */
    UUID insertBooking(UUID tutor, UUID student, String state, Instant start, int minutes, Money price, boolean trial) {
        UUID id = Ids.newId();
        TenantContext.runAs(tenant(), () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, trial,
                                              starts_at, ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, :trial, :start, :end, :end, :state,
                                :amount, :currency, now(), now())
                        """)
                .param("id", id)
                .param("t", tenant().value())
                .param("tutor", tutor)
                .param("student", student)
                .param("subject", UUID.randomUUID())
                .param("trial", trial)
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", start.plus(Duration.ofMinutes(minutes)).atOffset(ZoneOffset.UTC))
                .param("state", state)
                .param("amount", price.amount())
                .param("currency", price.currencyCode())
                .update());
        return id;
    }

    /**
     * Opens the booking's order and pays it at the sandbox with Stripe's test card; the order and the ledger record the
     * payment as {@link Orders#recordPayment} does. Returns the order id.
     */
    UUID pay(UUID bookingId, UUID student, UUID tutor, Money price) {
        return inTenant(() -> {
            Order order = orders.open(
                    new Orders.NewOrder(OrderKind.BOOKING, bookingId, student, student, tutor, "Lesson", price, null),
                    Orders.Actor.SYSTEM);
            String customer = provider.createCustomer(student, null, null, "cus:" + student);
            String method =
                    provider.attachPaymentMethod(customer, "pm_card_visa").id();
            ProviderPayment payment = provider.createPayment(new PaymentRequest(
                    price,
                    customer,
                    method,
                    "Lesson",
                    Map.of(
                            "tenantId",
                            tenant().value().toString(),
                            "orderId",
                            order.id().toString()),
                    null,
                    "pay:" + order.id()));
            recordPayment(order, payment);
            return order.id();
        });
    }

    /** Records the provider's payment on the order as a webhook would (the booking's fulfilment confirms it). */
    void recordPayment(Order order, ProviderPayment payment) {
        orders.recordPayment(order.id(), provider.name(), payment.id(), payment.amount(), Orders.Actor.PROVIDER);
    }

    /** A lesson paid with a package credit, as the packages code records it. */
    void payWithCredit(UUID bookingId, UUID student, Money price) {
        inTenant(() -> {
            ledger.post(new Posting(
                    "PACKAGE_PURCHASE",
                    "test:credit:" + bookingId,
                    "credit bought",
                    null,
                    null,
                    null,
                    Instant.now(),
                    List.of(
                            Line.debit(LedgerAccountType.PROVIDER_CLEARING, null, price),
                            Line.credit(LedgerAccountType.STUDENT_CREDIT, student, price))));
            ledger.post(new Posting(
                    "CREDIT_USED",
                    "booking:" + bookingId + ":credit-used",
                    "credit used",
                    null,
                    bookingId,
                    null,
                    Instant.now(),
                    List.of(
                            Line.debit(LedgerAccountType.STUDENT_CREDIT, student, price),
                            Line.credit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, price))));
        });
    }

    /** A paid CONFIRMED lesson that ended {@code endedAgo} ago: scheduling's timer completes it within seconds. */
    UUID completedLesson(UUID tutor, UUID student, Duration endedAgo) {
        Instant start = uniqueStart(Instant.now().minus(endedAgo).minus(Duration.ofHours(1)));
        // inserted a year ahead and paid before it moves to its past time: inserted in the past, scheduling's
        // auto-complete timer could complete it before its payment was recorded, and an unpaid lesson earns nothing
        UUID booking = insertBooking(tutor, student, "CONFIRMED", start.plus(Duration.ofDays(365)), 60, PRICE, false);
        pay(booking, student, tutor, PRICE);
        TenantContext.runAs(tenant(), () -> jdbc.sql(
                        "UPDATE bookings SET starts_at = :start, ends_at = :end, occupied_until = :end WHERE id = :id")
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", start.plus(Duration.ofMinutes(60)).atOffset(ZoneOffset.UTC))
                .param("id", booking)
                .update());
        return booking;
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

    Money balance(LedgerAccountType type, UUID owner) {
        return TenantContext.callAs(tenant(), () -> ledger.balance(type, owner, PRICE.currency()));
    }

    Money held(UUID bookingId, LedgerAccountType type) {
        return TenantContext.callAs(tenant(), () -> earnings.heldBy(bookingId, type, PRICE.currency()));
    }

    boolean posted(String reference) {
        return TenantContext.callAs(tenant(), () -> ledger.posted(reference));
    }

    Order order(UUID orderId) {
        return TenantContext.callAs(tenant(), () -> orders.find(orderId).orElseThrow());
    }

    /** Every journal entry of the tenant sums to zero, and all balances together are zero per currency. */
    void assertLedgerBalanced() {
        TenantContext.runAs(tenant(), () -> {
            long unbalanced = jdbc.sql("""
                            SELECT count(*) FROM (SELECT entry_id FROM journal_lines GROUP BY entry_id, currency
                                                  HAVING sum(amount) <> 0) x
                            """).query(Long.class).single();
            org.assertj.core.api.Assertions.assertThat(unbalanced).isZero();
            long total = jdbc.sql("SELECT count(*) FROM (SELECT currency FROM journal_lines GROUP BY currency"
                            + " HAVING sum(amount) <> 0) x")
                    .query(Long.class)
                    .single();
            org.assertj.core.api.Assertions.assertThat(total).isZero();
        });
    }
}
