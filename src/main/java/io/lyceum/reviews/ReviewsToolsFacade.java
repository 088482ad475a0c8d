package io.lyceum.reviews;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.TutorId;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reviews' route for the agents' tools: the controller's own method, called through its proxy. */
@Service
class ReviewsToolsFacade implements ReviewsToolsApi {

    private final ReviewController reviews;

    private final JsonMapper json;

    ReviewsToolsFacade(ReviewController reviews, JsonMapper json) {
        this.json = json;
        this.reviews = reviews;
    }

    @Override
    public JsonNode tutorReviews(TutorId tutorId, PageQuery page, CurrentUser viewer) {
        return json.valueToTree(reviews.tutorReviews(tutorId.value(), page, viewer));
    }
}
