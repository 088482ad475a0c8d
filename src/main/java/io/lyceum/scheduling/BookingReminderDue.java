package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * A confirmed lesson starts soon: {@code kind} is {@link #DAY_BEFORE} ("24h") or {@link #HOUR_BEFORE} ("1h"). Published
 * once per booking and kind (again after a reschedule), for the notifications module to remind the parties.
 */
public record BookingReminderDue(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        UUID bookedBy,
        String kind,
        Instant startsAt,
        Instant endsAt,
        Instant occurredAt)
        implements TenantEvent {

    public static final String DAY_BEFORE = "24h";
    public static final String HOUR_BEFORE = "1h";
}
