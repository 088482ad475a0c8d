package io.lyceum.catalog;

import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** An admin reinstated a suspended tutor. */
public record TutorReinstated(TenantId tenantId, TutorId tutorId, UUID actorId, Instant occurredAt)
        implements TenantEvent {}
