package io.lyceum.reviews;

import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.util.UUID;

/** What other modules may ask of the reviews module. Queries run in the current tenant. */
public interface ReviewsApi {

    /** A tutor's public aggregates over their visible, not hidden reviews. */
    TutorRatings tutorRatings(TutorId tutorId);

    /** The private ratings tutors gave a student (never public). */
    StudentRatings studentRatings(UserId studentId);

    /**
     * The review if the viewer may read it (anyone once it is visible; its author, student and their guardian before);
     * empty when there is no such review or the viewer may not read it.
     */
    java.util.Optional<ReviewFacts> reviewVisibleTo(io.lyceum.accounts.CurrentUser viewer, UUID reviewId);

    /**
     * An admin hides a review as {@code POST /api/v1/admin/reviews/{reviewId}/hide} does (audited, aggregates recomputed),
     * joining the caller's transaction. False when it was hidden already; 404 {@code review.not_found}.
     */
    boolean hideReview(io.lyceum.accounts.CurrentUser admin, UUID reviewId, String reason);
}
