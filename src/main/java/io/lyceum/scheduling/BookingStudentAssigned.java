package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** The guardian who made a booking assigned another of their linked students to it. */
public record BookingStudentAssigned(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId previousStudentId,
        UserId studentId,
        UUID actorId,
        Instant occurredAt)
        implements TenantEvent {}
