package io.lyceum.reviews;

import java.util.UUID;

/**
 * What other modules may know about one review (the admin desk: a reported review).
 *
 * @param authorId the student or guardian who wrote it
 * @param hidden an admin hid it
 */
public record ReviewFacts(UUID reviewId, UUID tutorId, UUID authorId, int rating, String body, boolean hidden) {}
