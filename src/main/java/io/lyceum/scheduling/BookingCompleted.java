package io.lyceum.scheduling;

import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * A confirmed lesson took place: it was completed automatically after its end plus the grace period, with no no-show
 * reported. Billing releases the price to the tutor (a dispute may still follow within the dispute window).
 */
public record BookingCompleted(
        TenantId tenantId,
        UUID bookingId,
        UUID tutorId,
        UUID studentId,
        Money price,
        Instant startsAt,
        Instant endsAt,
        Instant disputableUntil,
        Instant occurredAt)
        implements TenantEvent {}
