package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;

/**
 * Published by billing when a booking's payment succeeded; scheduling moves the booking from PENDING_PAYMENT to
 * REQUESTED or CONFIRMED. Delivered at least once: handling it twice changes nothing.
 */
public record BookingPaymentSucceeded(
        TenantId tenantId, BookingId bookingId, String paymentReference, Instant occurredAt) implements TenantEvent {}
