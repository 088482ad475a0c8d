package io.lyceum.reviews;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import java.util.UUID;

/**
 * What the agents module's tools may ask of reviews: the REST route's own code under the caller's security context
 * (the {@code Object} result is the route's JSON body).
 */
public interface ReviewsToolsApi {

    /** {@code GET /api/v1/reviews/tutors/{id}}: a tutor's visible reviews with replies and the rating summary. */
    Object tutorReviews(UUID tutorId, PageQuery page, CurrentUser viewer);
}
