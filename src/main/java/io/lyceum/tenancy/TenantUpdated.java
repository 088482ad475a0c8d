package io.lyceum.tenancy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published when an owner changes a tenant's name, currency, time zone or settings, inside the updating transaction.
 * {@code before} and {@code after} hold only the fields that changed.
 */
public record TenantUpdated(
        TenantId tenantId,
        @Nullable UUID actorId,
        Map<String, Object> before,
        Map<String, Object> after,
        Instant occurredAt,
        String requestId)
        implements TenantEvent {}
