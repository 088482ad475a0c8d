package io.lyceum.catalog;

import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The catalog's facade for other modules. */
public interface CatalogApi {

    /** Whether the user is a tutor of the current tenant whose profile is approved (and not suspended). */
    boolean isApprovedTutor(TutorId tutorId);

    /** The published booking terms of an approved (not suspended) tutor; empty otherwise. */
    Optional<TutorTerms> tutorTerms(TutorId tutorId);

    /**
     * The price of a lesson: what a booking of this tutor's subject, level, length and kind charges, computed by
     * {@link TutorTerms} (the one pricing model). {@code subjectId} and {@code level} may be null when the tutor
     * teaches one subject (at one level). {@code displayCurrency} (nullable) adds the price converted for display.
     * Refused with 404 {@code lesson.tutor_unavailable} for a tutor that cannot be booked, 422 {@code
     * lesson.subject_required}, {@code lesson.level_required}, {@code lesson.subject_not_taught}, {@code
     * lesson.trial_not_offered} or {@code lesson.invalid_duration}.
     */
    LessonQuote quoteLesson(
            TutorId tutorId,
            @Nullable UUID subjectId,
            @Nullable Level level,
            int durationMinutes,
            boolean trial,
            @Nullable String displayCurrency);

    /**
     * The same quote from the tutor's {@link #tutorTerms} already read (so a caller that needs them anyway reads the
     * profile once), with the same refusals except the 404.
     */
    LessonQuote quoteLesson(
            TutorTerms terms,
            @Nullable UUID subjectId,
            @Nullable Level level,
            int durationMinutes,
            boolean trial,
            @Nullable String displayCurrency);

    /** A price converted into another currency for display with the tenant's exchange rates; empty without a rate. */
    Optional<Money> displayPrice(Money price, String currency);

    /** The facts about a course pack of the current tenant, published or not; empty when there is no such pack. */
    Optional<CoursePackFacts> coursePack(CoursePackId packId);

    /** A tutor's course packs of the current tenant, published or not, newest first (at most {@code limit}). */
    List<CoursePackFacts> coursePacksOf(TutorId tutorId, int limit);

    /**
     * Adds a LINK material pointing into this application (a site path such as {@code /courses/{id}/learn}) to one of
     * the tutor's course packs, last in order, with the same checks as a tutor's own link (own pack, not removed,
     * titles unique per pack). Returns the material's id.
     *
     * @throws io.lyceum.shared.LyceumException 404 {@code pack.not_found} for another tutor's pack, 409 {@code
     *     material.title_taken}, 422 {@code material.invalid} for a path that is not site-relative
     */
    UUID addCourseMaterial(
            TutorId tutorId, CoursePackId packId, String title, @Nullable String description, String sitePath);

    /**
     * The reviews module reports a tutor's public review aggregates (visible, not hidden reviews): the count, the mean
     * rating and the Bayesian average used for ranking. Stored with the tutor's standing and copied into the search
     * row ({@code rating}, {@code ratingCount}, the {@code minRating} filter, the {@code rating} and {@code recommended}
     * sorts). Runs in the caller's transaction; an unchanged value keeps the search cache.
     */
    void recordTutorRating(
            TutorId tutorId, int count, @Nullable BigDecimal average, @Nullable BigDecimal bayesianAverage);

    /**
     * The trust module reports a tutor's credibility score (0–100), blended into the {@code recommended} sort and the
     * {@code trustScore} sort. Runs in the caller's transaction; an unchanged value keeps the search cache.
     */
    void recordTutorScore(TutorId tutorId, BigDecimal score);

    /**
     * Several tutors' scores at once (the trust worker's batch), in the caller's transaction: every tutor's rows first,
     * in id order, then the tenant's search version once, the order every writer of a tutor's standing takes them in.
     */
    void recordTutorScores(java.util.Map<UUID, BigDecimal> scores);

    /** What the trust module scores of a tutor's profile; empty when the user has no tutor profile. */
    Optional<TutorProfileFacts> tutorProfileFacts(TutorId tutorId);

    /**
     * An admin removes a course pack as {@code POST /api/v1/admin/course-packs/{id}/remove} does (hidden, the tutor
     * emailed, {@link CoursePackRemoved} makes billing refund its enrollments pro rata, audited), joining the caller's
     * transaction. False when it was already removed. 404 {@code pack.not_found}.
     */
    boolean removeCoursePack(io.lyceum.accounts.CurrentUser admin, CoursePackId packId, String reason);

    /**
     * An admin hides a tutor's public profile (APPROVED → SUSPENDED, as the suspend route does, audited), joining the
     * caller's transaction. False when the profile was not public (nothing to hide).
     */
    boolean hideTutorProfile(io.lyceum.accounts.CurrentUser admin, TutorId tutorId, String reason);
}
