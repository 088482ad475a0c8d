package io.lyceum.billing.documents;

import io.lyceum.shared.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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
        @Nullable String number,
        UUID issuerId,
        IssuerKind issuerKind,
        UUID recipientId,
        @Nullable String billingName,
        @Nullable String billingAddress,
        @Nullable String billingEmail,
        @Nullable String notes,
        Currency currency,
        int taxRateBps,
        long subtotal,
        long tax,
        long total,
        @Nullable LocalDate dueDate,
        @Nullable LocalDate validUntil,
        @Nullable UUID quoteId,
        @Nullable UUID convertedTo,
        @Nullable UUID orderId,
        @Nullable Instant issuedAt,
        @Nullable Instant respondedAt,
        @Nullable Instant paidAt,
        @Nullable Instant cancelledAt,
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
            @Nullable UUID bookingId,
            @Nullable UUID enrollmentId) {}

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
