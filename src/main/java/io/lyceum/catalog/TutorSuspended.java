package io.lyceum.catalog;

import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** An admin suspended an approved tutor. */
public record TutorSuspended(TenantId tenantId, TutorId tutorId, UUID actorId, String reason, Instant occurredAt)
        implements TenantEvent {}
