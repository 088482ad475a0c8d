package io.lyceum.reviews;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.TutorId;
import tools.jackson.databind.JsonNode;

/**
 * What the agents module's tools may ask of reviews: the REST route's own code under the caller's security context
 * (the result is the route's JSON body as a tree, shaped as the API document describes the route).
 */
public interface ReviewsToolsApi {

    /** {@code GET /api/v1/reviews/tutors/{id}}: a tutor's visible reviews with replies and the rating summary. */
    JsonNode tutorReviews(TutorId tutorId, PageQuery page, CurrentUser viewer);
}
