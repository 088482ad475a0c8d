package io.lyceum.billing.offers;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.ledger.Ledger;
import io.lyceum.billing.ledger.Ledger.Line;
import io.lyceum.billing.ledger.Ledger.Posting;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.ledger.RefundLines;
import io.lyceum.billing.payments.Order;
import io.lyceum.billing.payments.OrderKind;
import io.lyceum.billing.payments.Orders;
import io.lyceum.billing.payments.Refunds;
import io.lyceum.scheduling.BookingPaymentSucceeded;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The order-backed purchase lifecycle packages and enrollments share: the order opened for a new purchase, the prepaid
 * value moved between the student's {@code STUDENT_CREDIT} and a lesson's {@code CUSTOMER_PREPAYMENTS} (where a paid
 * booking's money sits), the booking told it is paid, unused value expired to the platform, and the refund of unused
 * value (with what an admin chooses not to refund retained). Each caller holds its purchase's row lock.
 */
@Component
class Purchases {

    private final Orders orders;
    private final Refunds refunds;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;

    Purchases(Orders orders, Refunds refunds, Ledger ledger, ApplicationEventPublisher events) {
        this.orders = orders;
        this.refunds = refunds;
        this.ledger = ledger;
        this.events = events;
    }

    /** Opens the order a student (or their guardian) pays the purchase {@code referenceId} with. */
    Order openOrder(
            OrderKind kind,
            UUID referenceId,
            CurrentUser buyer,
            UUID studentId,
            UUID tutorId,
            String description,
            Money price,
            @Nullable Instant paymentDeadline) {
        return orders.open(
                new Orders.NewOrder(
                        kind,
                        referenceId,
                        buyer.userId().value(),
                        studentId,
                        tutorId,
                        description,
                        price,
                        paymentDeadline),
                BillingParties.actor(buyer));
    }

    /** A ledger account a purchase's value moves between. */
    record Account(LedgerAccountType type, @Nullable UUID ownerId) {

        /** Where the value of a lesson paid for sits until it is taught. */
        static final Account PREPAYMENTS = new Account(LedgerAccountType.CUSTOMER_PREPAYMENTS, null);

        static final Account PLATFORM = new Account(LedgerAccountType.PLATFORM_REVENUE, null);

        /** The value the student has prepaid and not yet spent. */
        static Account studentCredit(UUID studentId) {
            return new Account(LedgerAccountType.STUDENT_CREDIT, studentId);
        }
    }

    /**
     * One ledger entry moving {@code value} from one account to another: student credit to a booking's prepayment
     * (a lesson paid for), back (a lesson given back), or to the platform (value expired).
     */
    void move(
            String kind,
            String reference,
            String description,
            @Nullable UUID orderId,
            @Nullable UUID bookingId,
            Instant at,
            Money value,
            Account from,
            Account to) {
        ledger.post(new Posting(
                kind,
                reference,
                description,
                orderId,
                bookingId,
                null,
                at,
                List.of(Line.debit(from.type(), from.ownerId(), value), Line.credit(to.type(), to.ownerId(), value))));
    }

    /** Tells scheduling the booking is paid ({@code source} names what paid it), in the caller's transaction. */
    void bookingPaid(UUID bookingId, String source, Instant at) {
        events.publishEvent(new BookingPaymentSucceeded(TenantContext.require(), BookingId.of(bookingId), source, at));
    }

    /**
     * Refunds {@code refund} of a purchase's {@code unused} prepaid value to the payer ({@code <owner>:refund}): out of
     * the student's credit, beyond it out of platform revenue (an admin's goodwill).
     */
    Refunds.Refund refund(
            String owner, UUID orderId, UUID studentId, Money unused, Money refund, String reason, Orders.Actor actor) {
        return refunds.refund(
                orderId,
                RefundLines.debits(LedgerAccountType.STUDENT_CREDIT, studentId, unused, refund),
                owner + ":refund",
                reason,
                actor);
    }

    /** What an admin chose not to refund of the {@code unused} value becomes platform revenue ({@code <owner>:retained}). */
    void retainUnrefunded(
            String owner, @Nullable UUID orderId, UUID studentId, Money unused, Money refund, Instant at) {
        if (refund.compareTo(unused) < 0) {
            RefundLines.retain(
                    ledger,
                    owner + ":retained",
                    orderId,
                    null,
                    LedgerAccountType.STUDENT_CREDIT,
                    studentId,
                    unused.minus(refund),
                    at);
        }
    }
}
