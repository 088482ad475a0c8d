package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;

/**
 * A confirmed lesson took place: it was completed automatically after its end plus the grace period, with no no-show
 * reported. Billing releases the price to the tutor (a dispute may still follow within the dispute window).
 */
public record BookingCompleted(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        Money price,
        Instant startsAt,
        Instant endsAt,
        Instant disputableUntil,
        Instant occurredAt)
        implements TenantEvent {}
