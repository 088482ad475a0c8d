package io.lyceum.scheduling;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A booking as stored. {@code occupiedUntil} is the end plus the tutor's buffer; {@code policy} is the cancellation
 * policy in force when the booking was placed.
 */
record Booking(
        UUID id,
        UUID tutorId,
        UUID studentId,
        UUID bookedBy,
        UUID subjectId,
        @Nullable String level,
        @Nullable UUID coursePackId,
        boolean trial,
        Instant startsAt,
        Instant endsAt,
        Instant occupiedUntil,
        BookingState state,
        Money price,
        @Nullable String note,
        @Nullable Instant holdExpiresAt,
        int rescheduleCount,
        boolean confirmationRequired,
        @Nullable CancellationPolicy policy,
        @Nullable Instant reminded24hAt,
        @Nullable Instant reminded1hAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    int durationMinutes() {
        return (int) Duration.between(startsAt, endsAt).toMinutes();
    }

    Duration buffer() {
        return Duration.between(endsAt, occupiedUntil);
    }

    Booking withState(BookingState next, Instant now) {
        return new Booking(
                id,
                tutorId,
                studentId,
                bookedBy,
                subjectId,
                level,
                coursePackId,
                trial,
                startsAt,
                endsAt,
                occupiedUntil,
                next,
                price,
                note,
                next == BookingState.PENDING_PAYMENT ? holdExpiresAt : null,
                rescheduleCount,
                confirmationRequired,
                policy,
                reminded24hAt,
                reminded1hAt,
                version + 1,
                createdAt,
                now);
    }

    BookingSummary summary() {
        return new BookingSummary(
                BookingId.of(id),
                TutorId.of(tutorId),
                UserId.of(studentId),
                bookedBy,
                subjectId,
                coursePackId == null ? null : CoursePackId.of(coursePackId),
                trial,
                startsAt,
                endsAt,
                state,
                price);
    }
}
