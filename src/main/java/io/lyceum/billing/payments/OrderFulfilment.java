package io.lyceum.billing.payments;

import io.lyceum.billing.ledger.Ledger;
import java.time.Instant;

/**
 * What each kind of order does once paid. One bean per {@link OrderKind}. {@link Orders} records the payment (order
 * status, history, the ledger entry debiting provider clearing and crediting {@link #receiptCredit}) and then calls {@link #paid} in the
 * same transaction, so the payment and its effects commit together and happen once.
 */
public interface OrderFulfilment {

    OrderKind kind();

    /**
     * The credit line of the payment's journal entry: the account the paid money goes to, for example customer
     * prepayments for a lesson or the student's credit for a package. Its amount is minus the order's amount.
     */
    Ledger.Line receiptCredit(Order order);

    /** Makes the order's effect happen: confirm the booking, grant the credits, activate the enrollment, ... */
    void paid(Order order, Instant at);

    /** The order will never be paid (cancelled, expired, payment failed for good); undo any reservation. */
    default void abandoned(Order order, String reason, Instant at) {}
}
