package io.lyceum.billing;

import io.lyceum.billing.Ledger.Line;
import io.lyceum.billing.Ledger.Posting;
import io.lyceum.billing.PaymentProvider.ProviderRefund;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refunds of an order's payment. A refund is asked of the provider with an idempotency key derived from its business
 * reference (for example {@code booking:<id>:cancelled}), recorded once per reference, raises the order's refunded
 * amount under the order's row lock (PostgreSQL refuses more than was paid) and posts its journal entry: the given
 * accounts are debited and {@code REFUNDS_IN_TRANSIT} credited until the provider confirms the refund, which moves
 * it out of {@code PROVIDER_CLEARING} ({@link #settled}).
 */
@Service
class Refunds {

    /** A refund as stored. */
    record Refund(
            UUID id,
            UUID orderId,
            Money amount,
            String status,
            String reason,
            String reference,
            String providerRefundId,
            UUID requestedBy,
            Instant createdAt) {}

    private final JdbcClient jdbc;
    private final Orders orders;
    private final Ledger ledger;
    private final PaymentProvider provider;
    private final Clock clock;

    Refunds(JdbcClient jdbc, Orders orders, Ledger ledger, PaymentProvider provider, Clock clock) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.ledger = ledger;
        this.provider = provider;
        this.clock = clock;
    }

    /**
     * Refunds the sum of {@code debits} (each a positive debit of the account the money comes back from) to the
     * order's payer. Once per {@code reference}: asking again returns the first refund.
     *
     * @throws LyceumException 409 {@code refund.not_paid} when the order holds no payment, 422
     *     {@code refund.exceeds_payment} when the amount is more than what is left to refund
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Refund refund(UUID orderId, List<Line> debits, String reference, String reason, Orders.Actor actor) {
        Order order = orders.lock(orderId);
        Optional<Refund> existing = findByReference(reference);
        if (existing.isPresent()) {
            return existing.get();
        }
        Money amount = Money.zero(order.amount().currency());
        for (Line debit : debits) {
            amount = amount.plus(debit.amount());
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A refund must be positive: " + reference);
        }
        if (!order.status().paid() || order.providerPaymentId() == null) {
            throw LyceumException.conflict("refund.not_paid", "The order has no payment to refund.");
        }
        if (amount.compareTo(order.refundable()) > 0) {
            throw LyceumException.invalid(
                    "refund.exceeds_payment",
                    "Only " + order.refundable() + " of this payment is left to refund.",
                    List.of(new FieldError(
                            "amount", "must not exceed " + order.refundable().amount())));
        }
        Instant now = clock.instant();
        ProviderRefund made = provider.refund(
                order.providerPaymentId(),
                amount,
                "refund:" + TenantContext.require().value() + ":" + reference,
                Map.of(
                        "tenantId", TenantContext.require().value().toString(),
                        "orderId", orderId.toString(),
                        "reference", reference));
        UUID id = Ids.newId();
        jdbc.sql("""
                        INSERT INTO refunds (id, tenant_id, order_id, amount, currency, status, reason, reference,
                                             provider_refund_id, requested_by, created_at, updated_at)
                        VALUES (:id, :t, :o, :amount, :currency, 'PENDING', :reason, :ref, :pid, :by, :now, :now)
                        """)
                .param("id", id)
                .param("t", TenantContext.require().value())
                .param("o", orderId)
                .param("amount", amount.amount())
                .param("currency", amount.currencyCode())
                .param("reason", reason)
                .param("ref", reference)
                .param("pid", made.id())
                .param("by", actor.id())
                .param("now", utc(now))
                .update();
        Money refunded = order.refunded().plus(amount);
        Order changed = order.withRefunded(refunded, now);
        OrderStatus next = refunded.equals(order.amount()) ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        orders.save(changed);
        orders.transition(changed, next, actor, reason, Map.of("refundId", id, "amount", amount.amount()));
        List<Line> lines = new ArrayList<>(debits);
        lines.add(Line.credit(LedgerAccountType.REFUNDS_IN_TRANSIT, null, amount));
        ledger.post(new Posting(
                "REFUND",
                "refund:" + id + ":requested",
                reason,
                orderId,
                order.kind() == OrderKind.BOOKING ? order.referenceId() : null,
                null,
                now,
                lines));
        if ("SUCCEEDED".equals(made.status())) {
            settled(id, now);
        }
        return findByReference(reference).orElseThrow();
    }

    /**
     * The provider confirmed the refund: the money leaves provider clearing. Idempotent (webhooks repeat, and the
     * synchronous answer and the webhook may both report it).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void settled(UUID refundId, Instant at) {
        Refund refund = lockRefund(refundId);
        if (!"PENDING".equals(refund.status())) {
            return;
        }
        jdbc.sql("UPDATE refunds SET status = 'SUCCEEDED', updated_at = :at WHERE tenant_id = :t AND id = :id")
                .param("t", TenantContext.require().value())
                .param("id", refundId)
                .param("at", utc(at))
                .update();
        ledger.post(new Posting(
                "REFUND_SETTLED",
                "refund:" + refundId + ":settled",
                refund.reason(),
                refund.orderId(),
                null,
                null,
                at,
                List.of(
                        Line.debit(LedgerAccountType.REFUNDS_IN_TRANSIT, null, refund.amount()),
                        Line.credit(LedgerAccountType.PROVIDER_CLEARING, null, refund.amount()))));
    }

    Optional<Refund> findByReference(String reference) {
        return jdbc.sql("SELECT * FROM refunds WHERE tenant_id = :t AND reference = :ref")
                .param("t", TenantContext.require().value())
                .param("ref", reference)
                .query(Refunds::map)
                .optional();
    }

    Optional<Refund> findByProviderId(String providerRefundId) {
        return jdbc.sql("SELECT * FROM refunds WHERE tenant_id = :t AND provider_refund_id = :pid")
                .param("t", TenantContext.require().value())
                .param("pid", providerRefundId)
                .query(Refunds::map)
                .optional();
    }

    List<Refund> forOrder(UUID orderId) {
        return jdbc.sql("SELECT * FROM refunds WHERE tenant_id = :t AND order_id = :o ORDER BY created_at, id")
                .param("t", TenantContext.require().value())
                .param("o", orderId)
                .query(Refunds::map)
                .list();
    }

    private Refund lockRefund(UUID refundId) {
        return jdbc.sql("SELECT * FROM refunds WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .param("t", TenantContext.require().value())
                .param("id", refundId)
                .query(Refunds::map)
                .single();
    }

    private static Refund map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Refund(
                rs.getObject("id", UUID.class),
                rs.getObject("order_id", UUID.class),
                Money.of(rs.getLong("amount"), rs.getString("currency")),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getString("reference"),
                rs.getString("provider_refund_id"),
                rs.getObject("requested_by", UUID.class),
                io.lyceum.platform.SqlValues.instant(rs, "created_at"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
