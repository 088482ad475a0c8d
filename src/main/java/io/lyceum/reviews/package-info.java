/**
 * Reviews: students (or their guardians) review completed lessons, tutors rate their students privately, reviews stay
 * blind until both sides have reviewed or the review window ends, tutors reply once, authors edit within a while,
 * admins hide with a reason. The module reports each tutor's aggregates to the catalog ({@code
 * CatalogApi.recordTutorRating}) for search; other modules ask {@link io.lyceum.reviews.ReviewsApi} and listen to
 * {@link io.lyceum.reviews.ReviewPosted} and its siblings.
 */
@NullMarked
@ApplicationModule(
        displayName = "Reviews",
        allowedDependencies = {"shared", "platform", "tenancy", "accounts", "catalog", "scheduling"})
package io.lyceum.reviews;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
