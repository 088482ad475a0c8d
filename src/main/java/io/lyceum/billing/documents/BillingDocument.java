package io.lyceum.billing.documents;

import io.lyceum.shared.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * A quote or an invoice as stored, with its lines in order.
 *
 * @param number null while a DRAFT; given once when the document is sent
 * @param quoteId for an invoice converted from a quote, that quote
 * @param convertedTo for a converted quote, its invoice
 * @param orderId for a sent invoice, the order through which it is paid
 * @param respondedAt when the recipient accepted or rejected a quote
 */
record BillingDocument(
        UUID id,
        DocumentType type,
        DocumentStatus status,
        String number,
        UUID issuerId,
        IssuerKind issuerKind,
        UUID recipientId,
        String billingName,
        String billingAddress,
        String billingEmail,
        String notes,
        Currency currency,
        int taxRateBps,
        long subtotal,
        long tax,
        long total,
        LocalDate dueDate,
        LocalDate validUntil,
        UUID quoteId,
        UUID convertedTo,
        UUID orderId,
        Instant issuedAt,
        Instant respondedAt,
        Instant paidAt,
        Instant cancelledAt,
        long version,
        Instant createdAt,
        Instant updatedAt,
        List<Line> lines) {

    /**
     * One line item.
     *
     * @param quantityHundredths the quantity times 100 (1.5 hours is 150)
     * @param unitPrice in minor units of the document's currency
     * @param amount {@code quantity * unitPrice}, rounded half-even to the minor unit
     */
    record Line(
            UUID id,
            int position,
            String description,
            long quantityHundredths,
            long unitPrice,
            long amount,
            UUID bookingId,
            UUID enrollmentId) {}

    Money money(long minorUnits) {
        return new Money(minorUnits, currency);
    }

    BillingDocument withLines(List<Line> lines) {
        return new BillingDocument(
                id,
                type,
                status,
                number,
                issuerId,
                issuerKind,
                recipientId,
                billingName,
                billingAddress,
                billingEmail,
                notes,
                currency,
                taxRateBps,
                subtotal,
                tax,
                total,
                dueDate,
                validUntil,
                quoteId,
                convertedTo,
                orderId,
                issuedAt,
                respondedAt,
                paidAt,
                cancelledAt,
                version,
                createdAt,
                updatedAt,
                List.copyOf(lines));
    }
}
