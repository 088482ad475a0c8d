package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantEvent;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A party did not turn up: {@code state} is {@link BookingState#NO_SHOW_STUDENT} (reported by the tutor; the tutor
 * keeps the price) or {@link BookingState#NO_SHOW_TUTOR} (reported by the student, a guardian or an admin; the student
 * is refunded). The other party may dispute the report within the dispute window.
 */
public record BookingNoShowReported(
        TenantId tenantId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        BookingState state,
        UUID actorId,
        String actorRole,
        @Nullable String reason,
        Money price,
        Instant disputableUntil,
        Instant occurredAt)
        implements TenantEvent {}
