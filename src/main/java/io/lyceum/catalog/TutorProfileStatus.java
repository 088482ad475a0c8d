package io.lyceum.catalog;

/** The approval state of a tutor profile. */
public enum TutorProfileStatus {
    DRAFT,
    SUBMITTED,
    APPROVED,
    REJECTED,
    CHANGES_REQUESTED,
    SUSPENDED
}
