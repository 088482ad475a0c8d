package io.lyceum.billing;

import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** The payment provider confirmed a refund: the money is on its way back to the payer. */
public record RefundSettled(
        TenantId tenantId,
        UUID refundId,
        UUID orderId,
        UUID payerId,
        String description,
        Money amount,
        String reason,
        Instant occurredAt)
        implements TenantEvent {}
