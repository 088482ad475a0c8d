package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** A participant disputed a completed or no-show booking; billing holds the money until an admin resolves it. */
public record BookingDisputed(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        BookingState previousState,
        UUID actorId,
        String actorRole,
        String reason,
        Instant occurredAt)
        implements TenantEvent {}
