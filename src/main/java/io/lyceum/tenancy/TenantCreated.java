package io.lyceum.tenancy;

import java.time.Instant;

/** Published when a new tenant is created, inside the creating transaction. */
public record TenantCreated(TenantId tenantId, String slug, String name, Instant occurredAt, String requestId)
        implements TenantEvent {}
