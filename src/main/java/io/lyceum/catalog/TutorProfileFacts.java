package io.lyceum.catalog;

import io.lyceum.shared.TutorId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the catalog knows of a tutor's published profile that other modules score (the trust module's profile
 * completeness, credentials and tenure).
 *
 * @param approved whether the profile is APPROVED now
 * @param sectionsFilled how many of the published profile's {@link #SECTIONS} sections are filled in
 * @param credentials certifications and education entries in the published profile: an admin reviewed them when
 *     approving it
 * @param firstApprovedAt when an admin first approved the profile (null: never)
 */
public record TutorProfileFacts(
        TutorId tutorId,
        boolean approved,
        int sectionsFilled,
        int credentials,
        @Nullable Instant firstApprovedAt) {

    /**
     * The sections of a profile: about, subjects, certifications, education, pricing, languages, teaching, intro
     * video.
     */
    public static final int SECTIONS = 8;
}
