package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;

/**
 * Billing reported a successful payment for a booking that had already released its slot (its hold expired, or it was
 * cancelled while the payment was under way). The booking stays in {@code state}; billing refunds the payment.
 */
public record BookingPaymentArrivedTooLate(
        TenantId tenantId, BookingId bookingId, String paymentReference, BookingState state, Instant occurredAt)
        implements TenantEvent {}
