package io.lyceum.reviews;

import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** An admin hid a review from the public, with a reason (also audited as an administrative action). */
public record ReviewHidden(
        TenantId tenantId, UUID reviewId, TutorId tutorId, UUID adminId, String reason, Instant occurredAt)
        implements TenantEvent {}
