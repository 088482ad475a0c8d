package io.lyceum.catalog;

import java.util.Optional;
import java.util.UUID;

/** The catalog's facade for other modules. */
public interface CatalogApi {

    /** Whether the user is a tutor of the current tenant whose profile is approved (and not suspended). */
    boolean isApprovedTutor(UUID tutorId);

    /** The published booking terms of an approved (not suspended) tutor; empty otherwise. */
    Optional<TutorTerms> tutorTerms(UUID tutorId);

    /** The facts about a course pack of the current tenant, published or not; empty when there is no such pack. */
    Optional<CoursePackFacts> coursePack(UUID packId);
}
