package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * A PENDING_PAYMENT booking's hold ends soon ({@code lyceum.scheduling.bookings.hold-warning-lead} before it does) and
 * the payment has not arrived: published once per booking, for the notifications module to tell the student side.
 */
public record BookingHoldExpiring(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        UUID bookedBy,
        Instant startsAt,
        Instant holdExpiresAt,
        Instant occurredAt)
        implements TenantEvent {}
