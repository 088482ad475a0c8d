package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What other modules may know about a booking. */
public record BookingSummary(
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        UUID bookedBy,
        UUID subjectId,
        @Nullable CoursePackId coursePackId,
        boolean trial,
        Instant startsAt,
        Instant endsAt,
        BookingState state,
        Money price) {}
