package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The tutor declined a requested booking, or it was declined automatically ({@code automatic}, no actor) because the
 * tutor did not answer in time. Billing refunds the whole price.
 */
public record BookingDeclined(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        UUID bookedBy,
        @Nullable UUID actorId,
        boolean automatic,
        String reason,
        Instant startsAt,
        Instant occurredAt)
        implements TenantEvent {}
