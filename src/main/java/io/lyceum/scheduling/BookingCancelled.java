package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A booking was cancelled; billing refunds according to {@code decision}. */
public record BookingCancelled(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        @Nullable UUID actorId,
        String actorRole,
        String reason,
        Instant startsAt,
        CancellationDecision decision,
        Instant occurredAt)
        implements TenantEvent {}
