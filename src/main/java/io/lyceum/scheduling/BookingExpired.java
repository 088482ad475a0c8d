package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;

/**
 * A PENDING_PAYMENT booking released its slot: the hold expired ({@link #HOLD_EXPIRED}) or billing reported that the
 * payment failed ({@link #PAYMENT_FAILED}).
 */
public record BookingExpired(
        TenantId tenantId, BookingId bookingId, TutorId tutorId, UserId studentId, String cause, Instant occurredAt)
        implements TenantEvent {

    public static final String HOLD_EXPIRED = "HOLD_EXPIRED";
    public static final String PAYMENT_FAILED = "PAYMENT_FAILED";
}
