package io.lyceum.reviews;

import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** The author changed a review's rating or text (within the edit window). */
public record ReviewEdited(
        TenantId tenantId, UUID reviewId, UUID tutorId, UUID studentId, int rating, Instant occurredAt)
        implements TenantEvent {}
