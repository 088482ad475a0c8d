package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;

/** Published by billing when a booking's payment failed for good; scheduling releases the held slot (EXPIRED). */
public record BookingPaymentFailed(TenantId tenantId, BookingId bookingId, String reason, Instant occurredAt)
        implements TenantEvent {}
