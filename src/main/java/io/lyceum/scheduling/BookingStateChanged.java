package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Any change of a booking's state, as recorded in its history, for listeners that follow every transition (audit,
 * outgoing webhooks). Published alongside the specific event ({@link BookingConfirmed}, {@link BookingCancelled}, ...);
 * {@code actorId} is null and {@code actorRole} is {@code SYSTEM} or {@code BILLING} for timers and payments.
 */
public record BookingStateChanged(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        @Nullable BookingState from,
        BookingState to,
        @Nullable UUID actorId,
        String actorRole,
        @Nullable String reason,
        Instant occurredAt)
        implements TenantEvent {}
