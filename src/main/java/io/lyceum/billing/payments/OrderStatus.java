package io.lyceum.billing.payments;

/** An order's state. OPEN and REQUIRES_ACTION may be paid; PAID and later have taken the money. */
public enum OrderStatus {
    OPEN,
    REQUIRES_ACTION,
    PROCESSING,
    PAID,
    PARTIALLY_REFUNDED,
    REFUNDED,
    CANCELLED,
    /** Settled with a package credit: no payment was taken for it, and none will be. */
    PAID_WITH_CREDIT;

    /** A checkout may start a new payment attempt. */
    boolean payable() {
        return this == OPEN;
    }

    /** Closed without money taken by a provider: cancelled, or settled with a package credit. */
    public boolean closedWithoutPayment() {
        return this == CANCELLED || this == PAID_WITH_CREDIT;
    }

    /** The money was taken (possibly refunded in part or in full since). */
    public boolean paid() {
        return this == PAID || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
