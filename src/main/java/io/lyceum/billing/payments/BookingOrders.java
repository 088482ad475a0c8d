package io.lyceum.billing.payments;

import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.scheduling.BookingCancelled;
import io.lyceum.scheduling.BookingDeclined;
import io.lyceum.scheduling.BookingExpired;
import io.lyceum.scheduling.BookingPaymentArrivedTooLate;
import io.lyceum.scheduling.BookingPaymentSucceeded;
import io.lyceum.scheduling.BookingPlaced;
import io.lyceum.scheduling.BookingState;
import io.lyceum.scheduling.BookingSummary;
import io.lyceum.scheduling.CancellationDecision;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lesson bookings as orders. A paid booking placed by scheduling (PENDING_PAYMENT) gets an order for whoever booked
 * it; its payment is held in customer prepayments until the lesson is completed or cancelled, and scheduling hears of
 * it through {@link BookingPaymentSucceeded}. A booking whose hold expired has its order cancelled; a payment that
 * arrives too late is refunded in full. Lessons of a course-pack enrollment are paid through the enrollment's order
 * and get none of their own.
 *
 * <p>The listeners' ids are the ones they had before billing was split into parts (in package
 * {@code io.lyceum.billing}): the event publication registry finds a listener by its id, so publications still
 * pending from an older version reach these listeners after an upgrade.
 */
@Component
class BookingOrders implements OrderFulfilment {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final Orders orders;
    private final Refunds refunds;
    private final Ledger ledger;
    private final ObjectProvider<Earnings> earnings;
    private final SchedulingApi scheduling;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    BookingOrders(
            Orders orders,
            Refunds refunds,
            Ledger ledger,
            ObjectProvider<Earnings> earnings,
            SchedulingApi scheduling,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.orders = orders;
        this.refunds = refunds;
        this.ledger = ledger;
        this.earnings = earnings;
        this.scheduling = scheduling;
        this.events = events;
        this.transactions = transactions;
    }

    @Override
    public OrderKind kind() {
        return OrderKind.BOOKING;
    }

    @Override
    public Line receiptCredit(Order order) {
        return Line.credit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, order.amount());
    }

    @Override
    public void paid(Order order, Instant at) {
        events.publishEvent(new BookingPaymentSucceeded(
                TenantContext.require(), BookingId.of(order.referenceId()), "order:" + order.id(), at));
    }

    /**
     * The booking's order, opened now if the booking still awaits payment and the listener has not opened it yet
     * (a client may check out faster than the event arrives). Joins the caller's transaction.
     */
    Optional<Order> ensureOrder(UUID bookingId, @Nullable Instant holdExpiresAt) {
        Optional<Order> existing = orders.findByReference(OrderKind.BOOKING, bookingId);
        if (existing.isPresent()) {
            return existing;
        }
        Optional<BookingSummary> booking = scheduling.findBooking(BookingId.of(bookingId));
        if (booking.isEmpty()
                || booking.get().state() != BookingState.PENDING_PAYMENT
                || booking.get().coursePackId() != null
                || !booking.get().price().isPositive()) {
            return Optional.empty();
        }
        BookingSummary b = booking.get();
        return Optional.of(orders.open(
                new Orders.NewOrder(
                        OrderKind.BOOKING,
                        bookingId,
                        b.bookedBy(),
                        b.studentId().value(),
                        b.tutorId().value(),
                        (b.trial() ? "Trial lesson" : "Lesson") + " on "
                                + WHEN.format(b.startsAt().atOffset(ZoneOffset.UTC)),
                        b.price(),
                        holdExpiresAt),
                Orders.Actor.SYSTEM));
    }

    @ApplicationModuleListener(
            id = "io.lyceum.billing.BookingOrders.on(io.lyceum.scheduling.BookingPlaced)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(BookingPlaced event) {
        if (event.state() != BookingState.PENDING_PAYMENT || !event.price().isPositive()) {
            return;
        }
        transactions.executeWithoutResult(
                status -> ensureOrder(event.bookingId().value(), event.holdExpiresAt()));
    }

    /** The hold ran out or the payment failed for good: the order can no longer be paid. */
    @ApplicationModuleListener(
            id = "io.lyceum.billing.BookingOrders.on(io.lyceum.scheduling.BookingExpired)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(BookingExpired event) {
        transactions.executeWithoutResult(status -> orders.findByReference(
                        OrderKind.BOOKING, event.bookingId().value())
                .ifPresent(
                        order -> orders.cancel(order.id(), Orders.Actor.SYSTEM, "booking expired: " + event.cause())));
    }

    /**
     * A cancelled booking: an unpaid order is cancelled; a paid one is settled by the policy's decision, recorded on
     * the event: {@code refund} goes back to the payer, the rest of the fee beyond the tutor's compensation is the
     * platform's, and the tutor's compensation is earned like a lesson (issue 12): with the commission of the tutor's
     * tier, pending until the release margin has passed, so a late cancellation never pays better than the lesson.
     */
    @ApplicationModuleListener(
            id = "io.lyceum.billing.BookingOrders.on(io.lyceum.scheduling.BookingCancelled)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(BookingCancelled event) {
        transactions.executeWithoutResult(status -> orders.findByReference(
                        OrderKind.BOOKING, event.bookingId().value())
                .ifPresent(order -> settleCancellation(order, event)));
    }

    private void settleCancellation(Order order, BookingCancelled event) {
        if (!order.status().paid()) {
            orders.cancel(order.id(), Orders.Actor.SYSTEM, "booking cancelled");
            return;
        }
        CancellationDecision decision = event.decision();
        Money held = order.refundable();
        Money refund = min(decision.refund(), held);
        String reference = "booking:" + event.bookingId() + ":cancelled";
        if (refund.isPositive()) {
            refunds.refund(
                    order.id(),
                    List.of(Line.debit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, refund)),
                    reference,
                    "booking cancelled (" + decision.rule() + ")",
                    new Orders.Actor(event.actorId(), event.actorRole()));
        }
        Money fee = min(decision.fee(), held.minus(refund));
        if (fee.isPositive()) {
            Money compensation = min(decision.tutorCompensation(), fee);
            Money platformShare = fee.minus(compensation);
            if (platformShare.isPositive()) {
                ledger.post(new Ledger.Posting(
                        "CANCELLATION_FEE",
                        reference + ":fee",
                        "late cancellation fee (" + decision.rule() + ")",
                        order.id(),
                        event.bookingId().value(),
                        null,
                        event.occurredAt(),
                        List.of(
                                Line.debit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, platformShare),
                                Line.credit(LedgerAccountType.PLATFORM_REVENUE, null, platformShare))));
            }
            if (compensation.isPositive()) {
                // what is still held is the compensation: earned as a lesson is, commission and release hold included
                earnings.getObject()
                        .earn(event.bookingId().value(), event.tutorId().value(), null);
            }
        }
    }

    private static Money min(Money a, Money b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The tutor declined a paid request, or it was declined automatically: the whole payment goes back to the payer (an
     * unpaid order can no longer be paid).
     */
    @ApplicationModuleListener(
            id = "io.lyceum.billing.BookingOrders.on(io.lyceum.scheduling.BookingDeclined)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(BookingDeclined event) {
        transactions.executeWithoutResult(status -> orders.findByReference(
                        OrderKind.BOOKING, event.bookingId().value())
                .ifPresent(order -> {
                    if (!order.status().paid()) {
                        orders.cancel(order.id(), Orders.Actor.SYSTEM, "booking declined");
                    } else if (order.refundable().isPositive()) {
                        refunds.refund(
                                order.id(),
                                List.of(Line.debit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, order.refundable())),
                                "booking:" + event.bookingId() + ":declined",
                                event.automatic() ? "booking declined automatically" : "booking declined by the tutor",
                                new Orders.Actor(event.actorId(), event.automatic() ? "SYSTEM" : "TUTOR"));
                    }
                }));
    }

    /** Scheduling could not use a payment (the slot was released meanwhile): the whole payment goes back. */
    @ApplicationModuleListener(
            id = "io.lyceum.billing.BookingOrders.on(io.lyceum.scheduling.BookingPaymentArrivedTooLate)",
            propagation = Propagation.NOT_SUPPORTED)
    void on(BookingPaymentArrivedTooLate event) {
        transactions.executeWithoutResult(status -> orders.findByReference(
                        OrderKind.BOOKING, event.bookingId().value())
                .ifPresent(order -> {
                    // what is still held for the booking: a cancellation may have refunded part of it already
                    Money held = min(
                            order.refundable(),
                            earnings.getObject()
                                    .prepaid(
                                            event.bookingId().value(),
                                            order.amount().currency()));
                    if (held.isPositive()) {
                        refunds.refund(
                                order.id(),
                                List.of(Line.debit(LedgerAccountType.CUSTOMER_PREPAYMENTS, null, held)),
                                "booking:" + event.bookingId() + ":late-payment",
                                "payment arrived after the booking was "
                                        + event.state().name().toLowerCase(java.util.Locale.ROOT),
                                Orders.Actor.SYSTEM);
                    }
                }));
    }
}
