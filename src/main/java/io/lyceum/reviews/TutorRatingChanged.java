package io.lyceum.reviews;

import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;

/**
 * A tutor's public aggregates were recomputed: a review became visible (both sides reviewed, or its window ended), was
 * edited or hidden.
 */
public record TutorRatingChanged(TenantId tenantId, TutorId tutorId, TutorRatings ratings, Instant occurredAt)
        implements TenantEvent {}
