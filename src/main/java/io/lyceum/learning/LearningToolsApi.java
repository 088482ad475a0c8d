package io.lyceum.learning;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the agents module's tools may ask of learning. Each method runs the REST route's own code under the caller's
 * security context and answers the route's JSON body as a tree (its shape is the route's, as the API document
 * describes it); it refuses what the route refuses, with the same problem codes.
 */
public interface LearningToolsApi {

    /** The transcript or video and the preferences of {@code POST /api/v1/courses/generate} (validated there). */
    record CourseRequest(
            @Nullable String transcript,
            @Nullable String videoUrl,
            @Nullable String difficulty,
            @Nullable String language,
            @Nullable Integer durationMinutes,
            @Nullable String mode,
            @Nullable String generator) {}

    /**
     * {@code POST /api/v1/courses/generate}: tutors only (403 {@code auth.forbidden} for others); answers {@code
     * courseId}, {@code status} (processing, or completed when cached), {@code cached} and {@code statusUrl}.
     */
    JsonNode generateCourse(CurrentUser caller, CourseRequest request);

    /** {@code GET /api/v1/courses/status/{id}}: the owner's view of a generation (404 for anyone else). */
    JsonNode generationStatus(CurrentUser caller, UUID courseId);

    /** {@code GET /api/v1/courses/{id}}: the course and its outline as the caller may see it (answers for the owner). */
    JsonNode course(CurrentUser caller, UUID courseId);

    /** {@code GET /api/v1/courses/mine}: a tutor's courses, newest first. */
    JsonNode myCourses(CurrentUser caller, PageQuery page);

    /** One answer to a quiz of the section, scored by the route. */
    record QuizAnswer(@Nullable UUID quizId, @Nullable String answer) {}

    /** {@code POST /api/v1/user/progress/{courseId}}: a section completed and its quizzes answered. */
    JsonNode recordProgress(
            CurrentUser caller,
            UUID courseId,
            @Nullable UUID sectionId,
            @Nullable Boolean completed,
            @Nullable List<QuizAnswer> answers);

    /** {@code GET /api/v1/user/progress}: the caller's progress, or a student's for a guardian or their tutor. */
    JsonNode progress(CurrentUser caller, @Nullable UUID learnerId, PageQuery page);
}
