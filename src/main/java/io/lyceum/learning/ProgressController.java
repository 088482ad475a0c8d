package io.lyceum.learning;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.learning.LearnerProgress.CourseProgress;
import io.lyceum.learning.LearnerProgress.QuizAnswer;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/user/progress")
@Tag(name = "Learning: progress")
class ProgressController {

    private final LearnerProgress progress;

    ProgressController(LearnerProgress progress) {
        this.progress = progress;
    }

    @GetMapping
    @Operation(
            summary = "Course progress",
            description = "The caller's own, or with `userId` a student's: a guardian with an active link to the "
                    + "student, or a tutor who has taught the student (the tutor's courses only). Anyone else: 404 "
                    + "`learner.not_found`. Paged, last accessed first: progress in percent, last accessed, completed, "
                    + "the next section.")
    PageResponse<CourseProgress> list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) @Nullable UUID userId,
            PageQuery query) {
        return progress.list(user, userId, query.requireSortable(Set.of()));
    }

    record ProgressRequest(
            @Nullable UUID sectionId,
            @Nullable Boolean completed,
            @Size(max = 100) @Nullable List<QuizAnswer> quizResults) {}

    @PostMapping("/{courseId}")
    @Operation(
            summary = "Record progress in a course",
            description = "A section completed (or not, with `completed: false`) and answers to its quizzes "
                    + "(`quizResults`: quizId and answer), scored here. Answers the updated progress, the next "
                    + "section, and each quiz's result with the correct answer and its source sentence. A course "
                    + "the caller may not learn from is 404 `course.not_found`; a section or quiz of another course "
                    + "is 422 `progress.unknown_section` / `progress.unknown_quiz`.")
    LearnerProgress.Update record(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID courseId, @RequestBody ProgressRequest body) {
        return progress.record(user, courseId, body.sectionId(), body.completed(), body.quizResults());
    }
}
