package io.lyceum.billing;

/** An order's state. OPEN and REQUIRES_ACTION may be paid; PAID and later have taken the money. */
enum OrderStatus {
    OPEN,
    REQUIRES_ACTION,
    PROCESSING,
    PAID,
    PARTIALLY_REFUNDED,
    REFUNDED,
    CANCELLED;

    /** A checkout may start a new payment attempt. */
    boolean payable() {
        return this == OPEN;
    }

    /** The money was taken (possibly refunded in part or in full since). */
    boolean paid() {
        return this == PAID || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
