package io.lyceum.billing;

import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An invoice was sent to its recipient, comes due soon (published once, by the daily sweep) or became overdue. Billing emails the recipient itself (with the PDF, from
 * {@code DocumentMail}); this is for the other channels.
 *
 * @param notice {@link #SENT}, {@link #DUE_SOON} or {@link #OVERDUE}
 */
public record InvoiceNotice(
        TenantId tenantId,
        UUID invoiceId,
        UUID recipientId,
        @Nullable String number,
        Money total,
        @Nullable LocalDate dueDate,
        String notice,
        Instant occurredAt)
        implements TenantEvent {

    public static final String SENT = "SENT";
    public static final String DUE_SOON = "DUE_SOON";
    public static final String OVERDUE = "OVERDUE";
}
