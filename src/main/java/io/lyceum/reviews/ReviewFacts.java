package io.lyceum.reviews;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * What other modules (the admin desk's reports) may know about one review.
 *
 * @param authorId the student or guardian who wrote it
 * @param visible whether the public reads it now (not blind, not hidden)
 * @param hidden whether an admin hid it
 */
public record ReviewFacts(
        UUID reviewId,
        BookingId bookingId,
        TutorId tutorId,
        UserId studentId,
        UUID authorId,
        int rating,
        String body,
        Instant createdAt,
        boolean visible,
        boolean hidden) {}
