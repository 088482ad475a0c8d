package io.lyceum.billing.payments;

import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.Ledger.Posting;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.payments.PaymentAttempts.Attempt;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.billing.provider.PaymentProvider.ProviderRefund;
import io.lyceum.platform.AfterTransaction;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies what the provider says about a payment to its order, from checkout's answer (in its second, short
 * transaction), from webhooks and from the recovery job alike. Runs under the order's row lock; the attempt's status only moves forward, so the same news twice, or news in
 * any order, ends in the same state: an order is paid once, a payment for a cancelled order is refunded, and a second
 * successful payment for an order already paid (possible only after a crash between the provider and us) is refunded.
 */
@Service
class PaymentOutcomes {

    private static final Logger log = LoggerFactory.getLogger(PaymentOutcomes.class);

    private final Orders orders;
    private final PaymentAttempts attempts;
    private final Refunds refunds;
    private final Ledger ledger;
    private final PaymentProvider provider;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PaymentOutcomes(
            Orders orders,
            PaymentAttempts attempts,
            Refunds refunds,
            Ledger ledger,
            PaymentProvider provider,
            TransactionTemplate transactions,
            Clock clock) {
        this.orders = orders;
        this.attempts = attempts;
        this.refunds = refunds;
        this.ledger = ledger;
        this.provider = provider;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void apply(UUID orderId, ProviderPayment payment, Orders.Actor actor) {
        Order order = orders.lock(orderId);
        Instant now = clock.instant();
        Attempt attempt = attempts.upsert(orderId, provider.name(), payment, now);
        switch (attempt.status()) {
            case SUCCEEDED -> succeeded(order, payment, actor);
            case REQUIRES_ACTION -> {
                if (order.status() == OrderStatus.OPEN) {
                    orders.transition(
                            order, OrderStatus.REQUIRES_ACTION, actor, "authentication required", details(payment));
                }
            }
            case PROCESSING -> {
                if (order.status() == OrderStatus.OPEN || order.status() == OrderStatus.REQUIRES_ACTION) {
                    orders.transition(order, OrderStatus.PROCESSING, actor, "payment processing", details(payment));
                }
            }
            case REQUIRES_PAYMENT_METHOD, CANCELED -> failed(order, attempt, actor);
            case STARTED, UNKNOWN, ABANDONED -> {
                // never the result of news about an intent: those statuses rank below every intent status
            }
        }
    }

    private void succeeded(Order order, ProviderPayment payment, Orders.Actor actor) {
        if (order.status().paid()) {
            if (!payment.id().equals(order.providerPaymentId())) {
                refundDuplicate(order, payment);
            }
            return;
        }
        Orders.PaymentRecorded recorded =
                orders.recordPayment(order.id(), provider.name(), payment.id(), payment.amount(), actor);
        if (recorded == Orders.PaymentRecorded.PAID_AFTER_CANCELLATION) {
            Order paid = orders.lock(order.id());
            Line receipt = orders.fulfilment(paid.kind()).receiptCredit(paid);
            refunds.refund(
                    paid.id(),
                    List.of(Line.debit(receipt.type(), receipt.ownerId(), paid.refundable())),
                    "order:" + paid.id() + ":paid-after-cancellation",
                    "payment arrived after the order was cancelled",
                    Orders.Actor.SYSTEM);
        }
    }

    /** A failed or cancelled attempt: the order may be paid again, and shows why this attempt failed. */
    private void failed(Order order, Attempt attempt, Orders.Actor actor) {
        if (order.status().paid() || order.status().closedWithoutPayment()) {
            return;
        }
        if (attempts.live(order.id()).isPresent()) {
            return; // another attempt is under way; this failure is old news
        }
        Order withFailure = order.withFailure(attempt.failureCode(), attempt.failureMessage(), clock.instant());
        orders.save(withFailure);
        if (order.status() != OrderStatus.OPEN) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("paymentId", attempt.providerPaymentId());
            if (attempt.failureCode() != null) {
                details.put("failureCode", attempt.failureCode());
            }
            orders.transition(withFailure, OrderStatus.OPEN, actor, "payment failed", details);
        }
    }

    /** A second payment for an order already paid goes straight back, recorded in the ledger as both moves. */
    private void refundDuplicate(Order order, ProviderPayment payment) {
        String reference = "payment:" + payment.id() + ":duplicate";
        Instant now = clock.instant();
        boolean first = ledger.post(new Posting(
                "DUPLICATE_PAYMENT",
                reference,
                "second payment for an order already paid",
                order.id(),
                null,
                null,
                now,
                List.of(
                        Line.debit(LedgerAccountType.PROVIDER_CLEARING, null, payment.amount()),
                        Line.credit(LedgerAccountType.REFUNDS_IN_TRANSIT, null, payment.amount()))));
        if (!first) {
            return;
        }
        log.warn(
                "Order {} was paid twice ({} and {}); refunding the second",
                order.id(),
                order.providerPaymentId(),
                payment.id());
        TenantId tenant = TenantContext.require();
        UUID orderId = order.id();
        // the provider is asked once this transaction has committed and released its connection
        AfterTransaction.run(() -> TenantContext.runAs(tenant, () -> refundDuplicateAtProvider(orderId, payment)));
    }

    /**
     * Asks the provider to refund a duplicate payment recorded in the ledger, and settles it if the provider says so
     * at once (its webhook says it otherwise). The idempotency key comes from the ledger reference: asking again (the
     * recovery job) returns the same refund.
     */
    void refundDuplicateAtProvider(UUID orderId, ProviderPayment payment) {
        String reference = "payment:" + payment.id() + ":duplicate";
        String tenant = TenantContext.require().value().toString();
        ProviderRefund refund = provider.refund(
                payment.id(),
                payment.amount(),
                "refund:" + tenant + ":" + reference,
                Map.of("tenantId", tenant, "orderId", orderId.toString(), "reference", reference));
        if ("SUCCEEDED".equals(refund.status())) {
            transactions.executeWithoutResult(tx -> duplicateRefunded(orderId, reference, payment.amount()));
        }
    }

    /** The provider refunded a duplicate payment: the money leaves provider clearing (once per reference). */
    void duplicateRefunded(@Nullable UUID orderId, String reference, io.lyceum.shared.Money amount) {
        ledger.post(new Posting(
                "REFUND_SETTLED",
                reference + ":refunded",
                "duplicate payment refunded",
                orderId,
                null,
                null,
                clock.instant(),
                List.of(
                        Line.debit(LedgerAccountType.REFUNDS_IN_TRANSIT, null, amount),
                        Line.credit(LedgerAccountType.PROVIDER_CLEARING, null, amount))));
    }

    private static Map<String, Object> details(ProviderPayment payment) {
        return Map.of("paymentId", payment.id());
    }
}
