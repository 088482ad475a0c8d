package io.lyceum.billing;

import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A reconciliation run found differences between the ledger and orders and the payment provider's records.
 * {@code countsByKind} counts the differences of each kind (for example {@code PAYMENT_WITHOUT_PAID_ORDER}); the
 * details are in {@code GET /api/v1/admin/payments/reconciliation}. The admin module's audit log records it.
 */
public record ReconciliationDifferencesFound(
        TenantId tenantId,
        UUID runId,
        Instant windowFrom,
        Instant windowTo,
        int differences,
        Map<String, Integer> countsByKind,
        @Nullable UUID requestedBy,
        Instant occurredAt)
        implements TenantEvent {}
