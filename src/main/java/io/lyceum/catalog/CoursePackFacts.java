package io.lyceum.catalog;

import java.util.UUID;

/**
 * What other modules may know about a course pack: who teaches it, whether students can see it, and whether a
 * preliminary (screening) meeting with the tutor is required before enrolling.
 *
 * @param published the tutor has published it
 * @param active it has not been removed by moderation
 */
public record CoursePackFacts(
        UUID packId,
        UUID tutorId,
        String title,
        boolean published,
        boolean active,
        boolean preliminaryMeetingRequired) {

    /** Published and not removed: students may see it and ask to join. */
    public boolean open() {
        return published && active;
    }
}
