package io.lyceum.billing;

import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The owner replaced the tenant's commission tiers. {@code before} and {@code after} are the schedules as the API shows
 * them ({@code tiers}, {@code trialRateBps}, {@code version}); {@code before} describes the defaults when the tenant
 * had none. The admin module's audit log records it.
 */
public record CommissionTiersChanged(
        TenantId tenantId,
        UUID actorId,
        Map<String, Object> before,
        Map<String, Object> after,
        long version,
        Instant occurredAt)
        implements TenantEvent {}
