package io.lyceum.billing.payments;

import io.lyceum.billing.RefundSettled;
import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.Ledger.Posting;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.ProviderRefund;
import io.lyceum.billing.provider.ProviderException;
import io.lyceum.platform.AfterTransaction;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.OrderId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds of an order's payment. A refund is recorded once per business reference (for example
 * {@code booking:<id>:cancelled}) in the caller's transaction: it raises the order's refunded amount under the order's
 * row lock (PostgreSQL refuses more than was paid) and posts its journal entry (the given accounts are debited and
 * {@code REFUNDS_IN_TRANSIT} credited). Only after that transaction has committed and released its connection is the
 * provider asked, with an idempotency key derived from the reference ({@link #askProvider}); its answer, its webhooks
 * and the recovery job all apply through {@link #providerNews}, and a confirmed refund moves the money out of
 * {@code PROVIDER_CLEARING} ({@link #settled}).
 */
@Service
public class Refunds {

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);

    /** A refund as stored. */
    public record Refund(
            UUID id,
            UUID orderId,
            Money amount,
            String status,
            String reason,
            String reference,
            @Nullable String providerRefundId,
            @Nullable UUID requestedBy,
            Instant createdAt) {}

    private final JdbcClient jdbc;
    private final Orders orders;
    private final Ledger ledger;
    private final PaymentProvider provider;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Refunds(
            JdbcClient jdbc,
            Orders orders,
            Ledger ledger,
            PaymentProvider provider,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.orders = orders;
        this.ledger = ledger;
        this.provider = provider;
        this.transactions = transactions;
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
    public Refund refund(UUID orderId, List<Line> debits, String reference, String reason, Orders.Actor actor) {
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
        UUID id = Ids.newId();
        jdbc.sql("""
                        INSERT INTO refunds (id, tenant_id, order_id, amount, currency, status, reason, reference,
                                             provider_refund_id, requested_by, created_at, updated_at)
                        VALUES (:id, :t, :o, :amount, :currency, 'PENDING', :reason, :ref, NULL, :by, :now, :now)
                        """)
                .param("id", id)
                .param("t", TenantContext.require().value())
                .param("o", orderId)
                .param("amount", amount.amount())
                .param("currency", amount.currencyCode())
                .param("reason", reason)
                .param("ref", reference)
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
        TenantId tenant = TenantContext.require();
        // the provider is asked once the caller's transaction has committed and released its connection; a crash
        // before it answers leaves the refund PENDING without a provider id, which the recovery job asks again
        AfterTransaction.run(() -> TenantContext.runAs(tenant, () -> askProvider(id)));
        return findByReference(reference).orElseThrow();
    }

    /**
     * Asks the provider for a recorded refund that has no answer yet, with no transaction open, then applies the
     * answer in a short transaction through {@link #providerNews}, the path the refund's webhook takes too. The
     * idempotency key is derived from the refund's reference, so asking again returns the provider's first refund.
     */
    void askProvider(UUID refundId) {
        Optional<Refund> pending =
                find(refundId).filter(r -> "PENDING".equals(r.status()) && r.providerRefundId() == null);
        if (pending.isEmpty()) {
            return;
        }
        Refund refund = pending.get();
        Order order = orders.find(refund.orderId()).orElseThrow();
        String tenant = TenantContext.require().value().toString();
        ProviderRefund made;
        try {
            made = provider.refund(
                    // a refund is of money a provider's payment brought in (Order.withPayment records its id)
                    Objects.requireNonNull(order.providerPaymentId()),
                    refund.amount(),
                    "refund:" + tenant + ":" + refund.reference(),
                    Map.of("tenantId", tenant, "orderId", order.id().toString(), "reference", refund.reference()));
        } catch (ProviderException e) {
            if (e.retryable()) {
                log.warn("Refund {} could not be asked of the provider yet: {}", refundId, e.getMessage());
                return; // the recovery job asks again
            }
            log.error(
                    "The provider refused refund {} of order {}: {} {}",
                    refundId,
                    order.id(),
                    e.code(),
                    e.getMessage());
            transactions.executeWithoutResult(tx -> failed(refundId, clock.instant()));
            return;
        }
        transactions.executeWithoutResult(tx -> providerNews(refundId, made, clock.instant()));
    }

    /**
     * What the provider says about one of our refunds, from its answer or its webhooks, in any order and any number of
     * times: the provider's id is kept, a succeeded refund settles, a failed one is marked so.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void providerNews(UUID refundId, ProviderRefund news, Instant at) {
        Refund refund = lockRefund(refundId);
        if (refund.providerRefundId() == null && news.id() != null) {
            jdbc.sql("UPDATE refunds SET provider_refund_id = :pid, updated_at = :at WHERE tenant_id = :t AND id = :id")
                    .param("pid", news.id())
                    .param("at", utc(at))
                    .param("t", TenantContext.require().value())
                    .param("id", refundId)
                    .update();
        }
        switch (String.valueOf(news.status())) {
            case "SUCCEEDED" -> settled(refundId, at);
            case "FAILED" -> failed(refundId, at);
            default -> {
                // pending at the provider: its webhook brings the outcome
            }
        }
    }

    /**
     * The provider refused or failed the refund. The money stays owed to the payer in {@code REFUNDS_IN_TRANSIT} and
     * the order keeps it as refunded: staff settle it by hand (reconciliation shows it); nothing is reversed silently.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void failed(UUID refundId, Instant at) {
        int changed = jdbc.sql("UPDATE refunds SET status = 'FAILED', updated_at = :at"
                        + " WHERE tenant_id = :t AND id = :id AND status = 'PENDING'")
                .param("at", utc(at))
                .param("t", TenantContext.require().value())
                .param("id", refundId)
                .update();
        if (changed == 1) {
            log.error("Refund {} failed at the provider; its money waits in REFUNDS_IN_TRANSIT for staff", refundId);
        }
    }

    /**
     * Refunds recorded before {@code before} that the provider has not answered (the process died after the commit, or
     * the provider could not be reached), oldest first.
     */
    List<UUID> unanswered(Instant before, int limit) {
        return jdbc.sql("""
                        SELECT id FROM refunds
                        WHERE tenant_id = :t AND status = 'PENDING' AND provider_refund_id IS NULL
                          AND created_at < :before
                        ORDER BY created_at LIMIT :limit
                        """)
                .param("t", TenantContext.require().value())
                .param("before", utc(before))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    Optional<Refund> find(UUID refundId) {
        return jdbc.sql("SELECT * FROM refunds WHERE tenant_id = :t AND id = :id")
                .param("t", TenantContext.require().value())
                .param("id", refundId)
                .query(Refunds::map)
                .optional();
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
        orders.find(refund.orderId())
                .ifPresent(order -> events.publishEvent(new RefundSettled(
                        TenantContext.require(),
                        refundId,
                        OrderId.of(order.id()),
                        order.kind().name(),
                        order.referenceId(),
                        order.payerId(),
                        order.description(),
                        refund.amount(),
                        refund.reason(),
                        at)));
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

    public List<Refund> forOrder(UUID orderId) {
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
                io.lyceum.platform.SqlValues.requiredInstant(rs, "created_at"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
