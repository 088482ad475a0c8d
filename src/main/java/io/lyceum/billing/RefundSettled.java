package io.lyceum.billing;

import io.lyceum.shared.Money;
import io.lyceum.shared.OrderId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * The provider confirmed a refund of (part of) an order's payment: the money is on its way back to the payer.
 * Published once per refund, in the transaction that settles it.
 *
 * @param orderKind what the order paid for ({@code BOOKING}, {@code PACKAGE}, {@code ENROLLMENT}, {@code INVOICE})
 * @param referenceId the id of that thing
 * @param description the order's description, as the payer saw it
 */
public record RefundSettled(
        TenantId tenantId,
        UUID refundId,
        OrderId orderId,
        String orderKind,
        UUID referenceId,
        UUID payerId,
        String description,
        Money amount,
        String reason,
        Instant occurredAt)
        implements TenantEvent {}
