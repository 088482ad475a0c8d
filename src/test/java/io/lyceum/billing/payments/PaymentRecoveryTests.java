package io.lyceum.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.billing.BillingTestBase;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.ledger.Withdrawals;
import io.lyceum.billing.payments.PaymentAttempts.Attempt;
import io.lyceum.billing.payments.PaymentAttempts.AttemptStatus;
import io.lyceum.billing.provider.PaymentProvider.PaymentRequest;
import io.lyceum.billing.sandbox.SandboxPaymentProvider;
import io.lyceum.billing.sandbox.SandboxWebhookDispatcher;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts.SignedIn;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The recovery job repairs what a crash leaves between recording a provider call and applying its answer. A crash is
 * made by doing checkout's or a refund's first step and then not the rest (on a thread that ends, so nothing queued
 * after its commit survives), with the sandbox's webhooks held back so that only the job can bring the news. The job
 * runs with thresholds of a millisecond instead of minutes.
 */
class PaymentRecoveryTests extends BillingTestBase {

    @Autowired
    PaymentAttempts attempts;

    @Autowired
    PaymentOutcomes outcomes;

    @Autowired
    Refunds refunds;

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    SandboxPaymentProvider sandbox;

    @Autowired
    SandboxWebhookDispatcher dispatcher;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    private PaymentRecovery recovery;

    @BeforeEach
    void holdTheSandboxsDeliveries() {
        dispatcher.pause();
        recovery = new PaymentRecovery(
                attempts,
                outcomes,
                refunds,
                withdrawals,
                sandbox,
                transactions,
                new PaymentRecoveryProperties(Duration.ofMinutes(1), Duration.ofMillis(1), Duration.ofMillis(1), 1000),
                clock);
    }

    @AfterEach
    void releaseTheSandboxsDeliveries() {
        dispatcher.resume();
    }

    /** Checkout's first step (the attempt recorded and committed), as a crashed checkout leaves it. */
    private Attempt started(Tutor tutor, UUID orderId) {
        Attempt started = TenantContext.callAs(
                tutor.tenant(),
                () -> transactions.execute(tx -> attempts.start(
                                orderId,
                                sandbox.name(),
                                "checkout:" + tutor.tenant().value() + ":" + orderId + ":1",
                                Money.of(3000, "GBP"),
                                "pm_card_visa",
                                clock.instant())
                        .orElseThrow()));
        // the job looks at attempts older than its threshold (1 ms here): time passes, however fast the machine
        testClock.advance(Duration.ofSeconds(1));
        return started;
    }

    private static String orderStatus(SignedIn student, UUID booking) {
        return student.api().get("/api/v1/payments/status/" + booking).path("status");
    }

    private UUID orderOf(Tutor tutor, SignedIn student, UUID booking) {
        return UUID.fromString(
                student.api().get("/api/v1/payments/status/" + booking).path("orderId"));
    }

    @Test
    void anAttemptWhoseAnswerWasNeverAppliedIsCompletedFromTheProvidersIntent() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        UUID orderId = orderOf(tutor, student, booking);
        Attempt attempt = started(tutor, orderId);
        // the provider made the intent; the process died before our second transaction
        var intent = sandbox.createPayment(new PaymentRequest(
                Money.of(3000, "GBP"),
                null,
                "pm_card_visa",
                "crashed checkout",
                Map.of(
                        "tenantId", tutor.tenant().value().toString(),
                        "orderId", orderId.toString(),
                        "attemptId", attempt.id().toString()),
                null,
                attempt.idempotencyKey()));
        assertThat(orderStatus(student, booking)).isEqualTo("OPEN");

        TenantContext.runAs(tutor.tenant(), () -> recovery.run());

        assertThat(orderStatus(student, booking)).isEqualTo("PAID");
        Attempt recovered = TenantContext.callAs(
                tutor.tenant(), () -> attempts.find(attempt.id()).orElseThrow());
        assertThat(recovered.status()).isEqualTo(AttemptStatus.SUCCEEDED);
        assertThat(recovered.providerPaymentId()).isEqualTo(intent.id());

        // the provider's webhooks arrive late: nothing changes
        dispatcher.resume();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("SELECT count(*) FROM sandbox_events WHERE delivered_at IS NULL"
                                        + " AND CAST(payload AS jsonb) -> 'data' -> 'object' ->> 'id' = :pi")
                                .param("pi", intent.id())
                                .query(Long.class)
                                .single()
                        == 0);
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM journal_entries WHERE order_id = :o AND kind = 'PAYMENT'",
                        Map.of("o", orderId)))
                .isEqualTo(1);
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM payment_attempts WHERE order_id = :o",
                        Map.of("o", orderId)))
                .isEqualTo(1);
        assertLedgerBalanced(tutor.tenant());
    }

    @Test
    void anAttemptTheProviderNeverSawIsAbandonedAndTheOrderCanBePaid() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        UUID orderId = orderOf(tutor, student, booking);
        Attempt attempt = started(tutor, orderId);

        TenantContext.runAs(tutor.tenant(), () -> recovery.run());

        Attempt closed = TenantContext.callAs(
                tutor.tenant(), () -> attempts.find(attempt.id()).orElseThrow());
        assertThat(closed.status()).isEqualTo(AttemptStatus.ABANDONED);
        assertThat(closed.failureCode()).isEqualTo("no_intent");
        checkout(student, booking, "pm_card_visa").then().statusCode(200);
        assertThat(orderStatus(student, booking)).isEqualTo("PAID");
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM payment_attempts WHERE order_id = :o",
                        Map.of("o", orderId)))
                .isEqualTo(2);
    }

    @Test
    void aRefundThatNeverReachedTheProviderIsAskedAgainOnce() throws Exception {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        checkout(student, booking, "pm_card_visa").then().statusCode(200);
        UUID orderId = orderOf(tutor, student, booking);
        String reference = "test:" + UUID.randomUUID() + ":crashed";
        // the refund's transaction commits on a thread that ends before it asks the provider: a crash after the commit
        Thread crashing = Thread.ofPlatform()
                .start(() -> TenantContext.runAs(
                        tutor.tenant(), () -> new TransactionTemplate(new DataSourceTransactionManager(dataSource))
                                .execute(tx -> refunds.refund(
                                        orderId,
                                        List.of(Line.debit(
                                                LedgerAccountType.CUSTOMER_PREPAYMENTS, null, Money.of(1000, "GBP"))),
                                        reference,
                                        "crashed refund",
                                        Orders.Actor.SYSTEM))));
        crashing.join();
        Refunds.Refund pending = TenantContext.callAs(
                tutor.tenant(), () -> refunds.findByReference(reference).orElseThrow());
        assertThat(pending.status()).isEqualTo("PENDING");
        assertThat(pending.providerRefundId()).isNull();

        TenantContext.runAs(tutor.tenant(), () -> recovery.run());
        TenantContext.runAs(tutor.tenant(), () -> recovery.run());

        Refunds.Refund settled = TenantContext.callAs(
                tutor.tenant(), () -> refunds.findByReference(reference).orElseThrow());
        assertThat(settled.status()).isEqualTo("SUCCEEDED");
        assertThat(settled.providerRefundId()).startsWith("re_");
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_refunds WHERE metadata ->> 'reference' = :r")
                        .param("r", reference)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertLedgerBalanced(tutor.tenant());
    }
}
