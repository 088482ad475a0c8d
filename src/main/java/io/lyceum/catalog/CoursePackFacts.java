package io.lyceum.catalog;

import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What other modules may know about a course pack: who teaches it, whether students can see it, and whether a
 * preliminary (screening) meeting with the tutor is required before enrolling.
 *
 * @param published the tutor has published it
 * @param active it has not been removed by moderation
 * @param price the whole pack's price
 * @param schedulingType {@code FLEXIBLE} (the student picks the lesson times) or {@code STRICT} ({@code fixedDates})
 * @param fixedDates the lesson starts of a STRICT pack, in order
 * @param lessonSubjectId the subject its lessons are booked under: a subject of the pack's category the tutor teaches
 *     (preferring the pack's level); null when the tutor teaches none
 */
public record CoursePackFacts(
        CoursePackId packId,
        TutorId tutorId,
        String title,
        boolean published,
        boolean active,
        boolean preliminaryMeetingRequired,
        Money price,
        int numberOfLessons,
        int lessonMinutes,
        String schedulingType,
        List<Instant> fixedDates,
        String level,
        @Nullable UUID lessonSubjectId) {

    public CoursePackFacts {
        fixedDates = fixedDates == null ? List.of() : List.copyOf(fixedDates);
    }

    /** Published and not removed: students may see it and ask to join. */
    public boolean open() {
        return published && active;
    }
}
