package io.lyceum.reviews;

import java.util.Optional;
import java.util.UUID;

/** What other modules may ask of the reviews module. Queries run in the current tenant. */
public interface ReviewsApi {

    /** A tutor's public aggregates over their visible, not hidden reviews. */
    TutorRatings tutorRatings(UUID tutorId);

    /** The private ratings tutors gave a student (never public). */
    StudentRatings studentRatings(UUID studentId);

    /** A review of the current tenant, whatever its visibility; empty when there is none. */
    Optional<ReviewFacts> findReview(UUID reviewId);

    /**
     * An admin hides a review (the desk's "content removed"), in the caller's transaction: audited as {@code
     * REVIEW_HIDDEN} and taken out of the tutor's aggregates, exactly as {@code POST /api/v1/admin/reviews/{id}/hide}.
     * Returns false when it was hidden already.
     *
     * @throws io.lyceum.shared.LyceumException 404 {@code review.not_found}, 422 {@code review.invalid} without a reason
     */
    boolean hideReview(UUID reviewId, UUID adminId, String reason);
}
