package io.lyceum.reviews;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * A student (or their guardian) reviewed a lesson. {@code visibleFrom}: when the public and the tutor may read it
 * (blind until then).
 */
public record ReviewPosted(
        TenantId tenantId,
        UUID reviewId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        UUID authorId,
        int rating,
        Instant visibleFrom,
        Instant occurredAt)
        implements TenantEvent {}
