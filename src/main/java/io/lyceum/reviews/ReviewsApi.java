package io.lyceum.reviews;

import java.util.UUID;

/** What other modules may ask of the reviews module. Queries run in the current tenant. */
public interface ReviewsApi {

    /** A tutor's public aggregates over their visible, not hidden reviews. */
    TutorRatings tutorRatings(UUID tutorId);

    /** The private ratings tutors gave a student (never public). */
    StudentRatings studentRatings(UUID studentId);
}
