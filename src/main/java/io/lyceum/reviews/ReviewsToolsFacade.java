package io.lyceum.reviews;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reviews' route for the agents' tools: the controller's own method, called through its proxy. */
@Service
class ReviewsToolsFacade implements ReviewsToolsApi {

    private final ReviewController reviews;

    ReviewsToolsFacade(ReviewController reviews) {
        this.reviews = reviews;
    }

    @Override
    public Object tutorReviews(UUID tutorId, PageQuery page, CurrentUser viewer) {
        return reviews.tutorReviews(tutorId, page, viewer);
    }
}
