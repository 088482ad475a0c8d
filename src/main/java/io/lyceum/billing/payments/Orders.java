package io.lyceum.billing.payments;

import io.lyceum.billing.PaymentSucceeded;
import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.Ledger.Posting;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.OrderId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders: opening one for each thing a user pays, recording its payment exactly once (status, history, the ledger's
 * receipt entry and the kind's effect in one transaction), and cancelling it. Callers run inside a transaction; the
 * order's row lock serialises every change to one order, whichever instance or webhook makes it.
 */
@Service
public class Orders {

    private static final Logger log = LoggerFactory.getLogger(Orders.class);

    /** Who changed an order: a user, or the system, the provider (webhooks) or another module. */
    public record Actor(@Nullable UUID id, String role) {

        public static final Actor SYSTEM = new Actor(null, "SYSTEM");
        public static final Actor PROVIDER = new Actor(null, "PROVIDER");
    }

    /** What recording a payment did. */
    public enum PaymentRecorded {
        /** The order was already paid: nothing changed (a redelivered webhook, a retried checkout). */
        ALREADY_RECORDED,
        /** The order is now paid and its effect happened. */
        FULFILLED,
        /** The money arrived for an order cancelled meanwhile: it is recorded and the caller must refund it. */
        PAID_AFTER_CANCELLATION
    }

    /** What to open an order for. */
    public record NewOrder(
            OrderKind kind,
            UUID referenceId,
            UUID payerId,
            @Nullable UUID studentId,
            @Nullable UUID tutorId,
            String description,
            Money amount,
            @Nullable Instant expiresAt) {}

    private final OrderStore store;
    private final Ledger ledger;
    /** Looked up on first use: fulfilments themselves use orders. */
    private final ObjectProvider<OrderFulfilment> fulfilmentBeans;

    private volatile @Nullable Map<OrderKind, OrderFulfilment> fulfilments;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Orders(
            OrderStore store,
            Ledger ledger,
            ObjectProvider<OrderFulfilment> fulfilmentBeans,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.fulfilmentBeans = fulfilmentBeans;
        this.events = events;
        this.clock = clock;
    }

    static LyceumException notFound() {
        return LyceumException.notFound("order.not_found", "No such order.");
    }

    /** Opens an order, or returns the one already open for the same thing (opening is idempotent). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order open(NewOrder request, Actor actor) {
        if (!request.amount().isPositive()) {
            throw new IllegalArgumentException("An order's amount must be positive");
        }
        Instant now = clock.instant();
        Order order = new Order(
                Ids.newId(),
                request.kind(),
                request.referenceId(),
                request.payerId(),
                request.studentId(),
                request.tutorId(),
                request.description(),
                request.amount(),
                Money.zero(request.amount().currency()),
                OrderStatus.OPEN,
                null,
                null,
                null,
                null,
                request.expiresAt(),
                null,
                1,
                now,
                now);
        if (store.insertIfAbsent(order)) {
            store.appendHistory(order.id(), null, OrderStatus.OPEN, actor.id(), actor.role(), "opened", null, now);
            return order;
        }
        return store.findByReference(request.kind(), request.referenceId()).orElseThrow();
    }

    public Optional<Order> find(UUID id) {
        return store.find(id);
    }

    public Optional<Order> findByReference(OrderKind kind, UUID referenceId) {
        return store.findByReference(kind, referenceId);
    }

    /** The order with this id, or the order paying for the thing with this id, whatever its kind. */
    Optional<Order> findByIdOrReference(UUID id) {
        return store.findByIdOrReference(id);
    }

    /** Locks the order for the rest of the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order lock(UUID orderId) {
        return store.lock(orderId).orElseThrow(Orders::notFound);
    }

    /** Moves a locked order to {@code next}, with history. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Order transition(
            Order locked, OrderStatus next, Actor actor, String reason, @Nullable Map<String, Object> details) {
        Instant now = clock.instant();
        Order changed = locked.withStatus(next, now);
        store.update(changed);
        store.appendHistory(locked.id(), locked.status(), next, actor.id(), actor.role(), reason, details, now);
        return changed;
    }

    /** Writes other changes of a locked order (provider ids, failure, refunded amount) without a status change. */
    @Transactional(propagation = Propagation.MANDATORY)
    void save(Order changed) {
        store.update(changed);
    }

    /**
     * Records that the provider took the order's money. Idempotent: a second call for an order already paid changes
     * nothing. A payment for a cancelled order is recorded (PAID, with its ledger entry) but not fulfilled; the
     * caller refunds it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public PaymentRecorded recordPayment(UUID orderId, String provider, String paymentId, Money amount, Actor actor) {
        Order order = lock(orderId);
        if (order.status().paid()) {
            return PaymentRecorded.ALREADY_RECORDED;
        }
        if (!order.amount().equals(amount)) {
            // never expected: the intent is created for the order's amount. Refused (nothing is written), logged for
            // reconciliation, which compares the provider's payments with our orders.
            log.error(
                    "Refused payment {} of {} for order {} of {}: the amounts differ",
                    paymentId,
                    amount,
                    orderId,
                    order.amount());
            throw new LyceumException(
                    ErrorKind.UNPROCESSABLE,
                    "payment.amount_mismatch",
                    "The payment's amount is not the order's amount; it was not applied.");
        }
        Instant now = clock.instant();
        boolean wasCancelled = order.status().closedWithoutPayment();
        Order paid = order.withPayment(provider, paymentId, now);
        store.update(paid);
        store.appendHistory(
                orderId,
                order.status(),
                OrderStatus.PAID,
                actor.id(),
                actor.role(),
                wasCancelled ? "paid after cancellation" : "paid",
                Map.of("provider", provider, "paymentId", paymentId, "amount", amount.amount()),
                now);
        OrderFulfilment fulfilment = fulfilment(order.kind());
        ledger.post(new Posting(
                "PAYMENT",
                "order:" + orderId + ":paid",
                order.description(),
                orderId,
                order.kind() == OrderKind.BOOKING ? order.referenceId() : null,
                null,
                now,
                List.of(
                        Line.debit(LedgerAccountType.PROVIDER_CLEARING, null, amount),
                        fulfilment.receiptCredit(paid))));
        events.publishEvent(new PaymentSucceeded(
                TenantContext.require(),
                OrderId.of(orderId),
                order.kind().name(),
                order.referenceId(),
                order.payerId(),
                order.studentId() == null ? null : UserId.of(order.studentId()),
                order.tutorId() == null ? null : TutorId.of(order.tutorId()),
                order.description(),
                amount,
                now));
        if (wasCancelled) {
            return PaymentRecorded.PAID_AFTER_CANCELLATION;
        }
        fulfilment.paid(paid, now);
        return PaymentRecorded.FULFILLED;
    }

    /** Cancels an order that has not been paid; returns false when it was paid or cancelled already. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean cancel(UUID orderId, Actor actor, String reason) {
        Order order = lock(orderId);
        if (order.status().paid() || order.status().closedWithoutPayment()) {
            return false;
        }
        Order cancelled = transition(order, OrderStatus.CANCELLED, actor, reason, null);
        fulfilment(order.kind()).abandoned(cancelled, reason, clock.instant());
        return true;
    }

    List<OrderStore.HistoryEntry> history(UUID orderId) {
        return store.history(orderId);
    }

    OrderFulfilment fulfilment(OrderKind kind) {
        Map<OrderKind, OrderFulfilment> known = fulfilments;
        if (known == null) {
            Map<OrderKind, OrderFulfilment> byKind = new EnumMap<>(OrderKind.class);
            fulfilmentBeans.orderedStream().forEach(bean -> {
                if (byKind.put(bean.kind(), bean) != null) {
                    throw new IllegalStateException("Two fulfilments for " + bean.kind());
                }
            });
            fulfilments = byKind;
            known = byKind;
        }
        OrderFulfilment fulfilment = known.get(kind);
        if (fulfilment == null) {
            throw new IllegalStateException("No fulfilment for " + kind + " orders");
        }
        return fulfilment;
    }
}
