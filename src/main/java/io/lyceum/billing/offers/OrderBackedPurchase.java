package io.lyceum.billing.offers;

import io.lyceum.billing.payments.Order;
import java.time.Instant;

/**
 * A purchase sold through one of payments' orders (a package, an enrollment): its row is created with the order, and
 * the order's payment or abandonment reaches it through {@link PurchaseFulfilments}, in the payment's transaction with
 * the order locked.
 */
interface OrderBackedPurchase {

    /** The order was paid: the purchase takes effect (unless it no longer waits for its payment). */
    void paid(Order order, Instant at);

    /** The order will never be paid: the purchase waiting for it is given up. */
    void abandoned(Order order, String reason, Instant at);
}
