package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * A booking now waits for the tutor's confirmation (REQUESTED): placed free of charge, paid, or moved by the student
 * to a new time. It is declined automatically when the tutor does not answer before its confirmation deadline.
 */
public record BookingRequested(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        UUID bookedBy,
        Instant startsAt,
        Instant endsAt,
        Instant confirmBy,
        Instant occurredAt)
        implements TenantEvent {}
