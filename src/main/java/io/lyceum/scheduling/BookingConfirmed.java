package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** A booking became CONFIRMED (by the tutor, or automatically when no confirmation is required). */
public record BookingConfirmed(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        UUID bookedBy,
        Instant startsAt,
        Instant endsAt,
        Instant occurredAt)
        implements TenantEvent {}
