package io.lyceum.catalog;

import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** An admin asked a tutor for changes. */
public record TutorChangesRequested(
        TenantId tenantId, TutorId tutorId, UUID actorId, String comments, Instant occurredAt) implements TenantEvent {}
