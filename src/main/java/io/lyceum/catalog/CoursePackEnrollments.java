package io.lyceum.catalog;

import java.util.UUID;

/**
 * Service provider interface the enrollment owner (billing) implements so that the catalog can ask about enrollments
 * without depending on it. Both questions are about the current tenant. While no bean implements it, the catalog
 * treats every pack as having no enrollments: tutors may delete any of their packs and only the owning tutor and
 * admins read materials.
 */
public interface CoursePackEnrollments {

    /** Whether any student holds an active (paid, not refunded, not completed) enrollment in the pack. */
    boolean hasActiveEnrollments(UUID packId);

    /** Whether the student is enrolled in the pack and may read its materials. */
    boolean isEnrolled(UUID packId, UUID studentId);
}
