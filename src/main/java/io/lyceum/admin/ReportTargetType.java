package io.lyceum.admin;

/** What a report is about. The owning module decides whether the reporter may see it and who it belongs to. */
enum ReportTargetType {
    /** A user account (the target id is the user's id). */
    USER,
    /** A chat message the reporter can read. */
    MESSAGE,
    /** A review (needs the reviews module; refused until it is there). */
    REVIEW,
    /** A course pack the reporter can see. */
    COURSE_PACK,
    /** A tutor's public profile (the target id is the tutor's user id). */
    PROFILE;

    /** Whether the target is content someone wrote rather than the person. */
    boolean isContent() {
        return this != USER;
    }
}
