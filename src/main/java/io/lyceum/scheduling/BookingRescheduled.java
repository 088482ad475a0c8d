package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** A booking moved to a new time. */
public record BookingRescheduled(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        UUID actorId,
        Instant previousStartsAt,
        Instant startsAt,
        Instant endsAt,
        Instant occurredAt)
        implements TenantEvent {}
