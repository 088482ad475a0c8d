package io.lyceum.catalog;

import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** An admin approved a tutor profile (or published its pending changes). */
public record TutorApproved(TenantId tenantId, TutorId tutorId, UUID actorId, Instant occurredAt)
        implements TenantEvent {}
