package io.lyceum.catalog;

import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** A tutor submitted their profile (or material changes) for review. */
public record TutorProfileSubmitted(TenantId tenantId, TutorId tutorId, UUID actorId, Instant occurredAt)
        implements TenantEvent {}
