package io.lyceum.billing.documents;

import io.lyceum.billing.documents.BillingDocument.Line;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.StateChange;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Requests and responses of the quote and invoice routes. */
final class DocumentViews {

    private DocumentViews() {}

    record UnitPrice(
            @Schema(description = "Minor units of the document's currency", example = "2500")
            @NotNull
            @Min(0)
            @Max(1_000_000_000L)
            Long amount,

            @Schema(description = "Optional; must be the document's currency when given")
            @Pattern(regexp = "[A-Z]{3}")
            @Nullable
            String currency) {}

    record LineRequest(
            @NotBlank @Size(max = 500) String description,

            @Schema(description = "Up to two decimal places, for example 1.5 (hours)", example = "1.5")
            @NotNull
            @DecimalMin("0.01")
            @DecimalMax("100000")
            @Digits(integer = 6, fraction = 2)
            BigDecimal quantity,

            @NotNull @Valid UnitPrice unitPrice,

            @Schema(description = "Optional: the lesson booking this line bills") @Nullable
            UUID bookingId,

            @Schema(description = "Optional: the course-pack enrollment this line bills") @Nullable
            UUID enrollmentId) {

        /**
         * The line as the business rules read it. Fields that failed bean validation are read leniently (missing as
         * zero, extra decimals cut) so those rules can still report their own problems in the same answer.
         */
        Documents.LineDraft draft() {
            return new Documents.LineDraft(
                    description == null ? "" : description,
                    quantity == null
                            ? 0
                            : quantity.setScale(2, java.math.RoundingMode.DOWN)
                                    .movePointRight(2)
                                    .min(BigDecimal.valueOf(100_000_00))
                                    .max(BigDecimal.ZERO)
                                    .longValue(),
                    unitPrice == null || unitPrice.amount() == null
                            ? 0
                            : Math.clamp(unitPrice.amount(), 0, 1_000_000_000L),
                    unitPrice == null ? null : unitPrice.currency(),
                    bookingId,
                    enrollmentId);
        }
    }

    record QuoteRequest(
            @Schema(description = "A student or guardian of the tenant") @NotNull
            UUID recipientId,

            @Schema(example = "GBP") @NotNull @Pattern(regexp = "[A-Z]{3}")
            String currency,

            @Schema(description = "Tax rate in basis points (2000 = 20%); default 0") @Min(0) @Max(10_000) @Nullable
            Integer taxRateBps,

            @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid LineRequest> lines,
            @Size(max = 200) @Nullable String billingName,
            @Size(max = 1000) @Nullable String billingAddress,
            @Email @Size(max = 254) @Nullable String billingEmail,
            @Size(max = 4000) @Nullable String notes,

            @Schema(description = "Last day the quote may be accepted; default 30 days after sending") @Nullable
            LocalDate validUntil) {

        Documents.Draft draft() {
            return new Documents.Draft(
                    recipientId,
                    currency,
                    taxRateBps == null ? 0 : Math.clamp(taxRateBps, 0, 10_000),
                    lines == null
                            ? List.of()
                            : lines.stream()
                                    .filter(java.util.Objects::nonNull)
                                    .map(LineRequest::draft)
                                    .toList(),
                    billingName,
                    billingAddress,
                    billingEmail,
                    notes,
                    validUntil);
        }
    }

    record InvoiceRequest(
            @Schema(description = "A student or guardian of the tenant") @NotNull
            UUID recipientId,

            @Schema(example = "GBP") @NotNull @Pattern(regexp = "[A-Z]{3}")
            String currency,

            @Schema(description = "Tax rate in basis points (2000 = 20%); default 0") @Min(0) @Max(10_000) @Nullable
            Integer taxRateBps,

            @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid LineRequest> lines,
            @Size(max = 200) @Nullable String billingName,
            @Size(max = 1000) @Nullable String billingAddress,
            @Email @Size(max = 254) @Nullable String billingEmail,
            @Size(max = 4000) @Nullable String notes,

            @Schema(description = "Last day to pay; default 14 days after sending") @Nullable
            LocalDate dueDate) {

        Documents.Draft draft() {
            return new Documents.Draft(
                    recipientId,
                    currency,
                    taxRateBps == null ? 0 : Math.clamp(taxRateBps, 0, 10_000),
                    lines == null
                            ? List.of()
                            : lines.stream()
                                    .filter(java.util.Objects::nonNull)
                                    .map(LineRequest::draft)
                                    .toList(),
                    billingName,
                    billingAddress,
                    billingEmail,
                    notes,
                    dueDate);
        }
    }

    record ReasonRequest(@Size(max = 2000) @Nullable String reason) {}

    record ConvertRequest(
            @Schema(description = "Send the invoice at once (numbered, emailed, payable); default false: a DRAFT")
            @Nullable
            Boolean send,

            @Schema(description = "The invoice's due date; default 14 days after sending") @Nullable
            LocalDate dueDate) {}

    record PayRequest(
            @Schema(example = "pm_card_visa") @NotBlank @Size(max = 255)
            String paymentMethodId,

            @Schema(description = "Where the browser returns after a 3-D Secure challenge") @Size(max = 2000) @Nullable
            String returnUrl) {}

    record LineView(
            UUID id,
            int position,
            String description,
            BigDecimal quantity,
            Money unitPrice,
            Money amount,
            @Nullable UUID bookingId,
            @Nullable UUID enrollmentId) {

        static LineView of(BillingDocument doc, Line line) {
            return new LineView(
                    line.id(),
                    line.position(),
                    line.description(),
                    BigDecimal.valueOf(line.quantityHundredths(), 2),
                    doc.money(line.unitPrice()),
                    doc.money(line.amount()),
                    line.bookingId(),
                    line.enrollmentId());
        }
    }

    @Schema(description = "A quote or an invoice. Amounts are computed by the server.")
    record DocumentView(
            UUID id,
            DocumentType type,

            @Schema(description = "INV-2026-000123 / QUO-2026-000045; null while a DRAFT") @Nullable
            String number,

            DocumentStatus status,
            UUID issuerId,
            IssuerKind issuerKind,
            UUID recipientId,
            @Nullable String billingName,
            @Nullable String billingAddress,
            @Nullable String billingEmail,
            @Nullable String notes,
            String currency,
            int taxRateBps,
            List<LineView> lines,
            Money subtotal,
            Money tax,
            Money total,
            @Nullable LocalDate dueDate,
            @Nullable LocalDate validUntil,

            @Schema(description = "Invoice: the quote it was converted from") @Nullable
            UUID quoteId,

            @Schema(description = "Quote: the invoice it was converted to") @Nullable
            UUID invoiceId,

            @Schema(description = "Invoice: the order through which it is paid, once sent") @Nullable
            UUID orderId,

            @Schema(description = "Invoice, SENT or OVERDUE: POST here (recipient) to pay through checkout") @Nullable
            String payLink,

            @Nullable Instant issuedAt,
            @Nullable Instant respondedAt,
            @Nullable Instant paidAt,
            @Nullable Instant cancelledAt,
            long version,
            Instant createdAt,
            Instant updatedAt) {

        static DocumentView of(BillingDocument doc, @Nullable String payLink) {
            return new DocumentView(
                    doc.id(),
                    doc.type(),
                    doc.number(),
                    doc.status(),
                    doc.issuerId(),
                    doc.issuerKind(),
                    doc.recipientId(),
                    doc.billingName(),
                    doc.billingAddress(),
                    doc.billingEmail(),
                    doc.notes(),
                    doc.currency().getCurrencyCode(),
                    doc.taxRateBps(),
                    doc.lines().stream().map(l -> LineView.of(doc, l)).toList(),
                    doc.money(doc.subtotal()),
                    doc.money(doc.tax()),
                    doc.money(doc.total()),
                    doc.dueDate(),
                    doc.validUntil(),
                    doc.quoteId(),
                    doc.convertedTo(),
                    doc.orderId(),
                    payLink,
                    doc.issuedAt(),
                    doc.respondedAt(),
                    doc.paidAt(),
                    doc.cancelledAt(),
                    doc.version(),
                    doc.createdAt(),
                    doc.updatedAt());
        }
    }

    /** A document's history entries in the shape every history shares. */
    static final class DocumentHistory {

        private DocumentHistory() {}

        static StateChange of(DocumentStore.HistoryEntry entry) {
            return new StateChange(
                    StateChange.name(entry.fromStatus()),
                    entry.toStatus().name(),
                    entry.occurredAt(),
                    entry.actorId(),
                    entry.actorRole(),
                    entry.reason(),
                    null);
        }
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version in an If-Match header; null when there is none (or it is {@code *}). */
    static @Nullable Long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new LyceumException(
                    ErrorKind.BAD_REQUEST,
                    "request.invalid_parameter",
                    "If-Match must be the ETag of the document.",
                    List.of(new FieldError("If-Match", "must be an ETag such as \"3\"")));
        }
    }
}
