package io.lyceum.scheduling;

import io.lyceum.shared.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What other modules may know about a booking. */
public record BookingSummary(
        UUID bookingId,
        UUID tutorId,
        UUID studentId,
        UUID bookedBy,
        UUID subjectId,
        @Nullable UUID coursePackId,
        boolean trial,
        Instant startsAt,
        Instant endsAt,
        BookingState state,
        Money price) {}
