package io.lyceum.billing.payments;

/** What an order pays for; the order's {@code referenceId} is the id of that thing. */
public enum OrderKind {
    BOOKING,
    PACKAGE,
    ENROLLMENT,
    INVOICE
}
