package io.lyceum.billing.documents;

/**
 * A billing document's state. Quotes: DRAFT, SENT, ACCEPTED, REJECTED, EXPIRED. Invoices: DRAFT, SENT, PAID, OVERDUE,
 * CANCELLED. Only a DRAFT can be edited; sending numbers it.
 */
enum DocumentStatus {
    DRAFT,
    SENT,
    ACCEPTED,
    REJECTED,
    EXPIRED,
    PAID,
    OVERDUE,
    CANCELLED;

    /** Whether documents of the type may be in this state. */
    boolean allowedFor(DocumentType type) {
        return switch (this) {
            case DRAFT, SENT -> true;
            case ACCEPTED, REJECTED, EXPIRED -> type == DocumentType.QUOTE;
            case PAID, OVERDUE, CANCELLED -> type == DocumentType.INVOICE;
        };
    }
}
