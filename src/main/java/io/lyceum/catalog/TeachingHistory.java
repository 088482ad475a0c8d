package io.lyceum.catalog;

import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;

/**
 * Service provider interface the owner of lessons (scheduling) implements so that the catalog can ask who taught whom
 * without depending on it. While no bean implements it, no tutor has taught anyone and notes cannot be written.
 */
public interface TeachingHistory {

    /** Whether the tutor has taught the student in the current tenant (a lesson of theirs was completed). */
    boolean hasTaught(TutorId tutorId, UserId studentId);
}
