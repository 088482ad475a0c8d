package io.lyceum.scheduling;

import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** The guardian who made a booking assigned another of their linked students to it. */
public record BookingStudentAssigned(
        TenantId tenantId,
        UUID bookingId,
        UUID tutorId,
        UUID previousStudentId,
        UUID studentId,
        UUID actorId,
        Instant occurredAt)
        implements TenantEvent {}
