package io.lyceum.reviews;

import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** The author changed a review's rating or text (within the edit window). */
public record ReviewEdited(
        TenantId tenantId, UUID reviewId, TutorId tutorId, UserId studentId, int rating, Instant occurredAt)
        implements TenantEvent {}
