package io.lyceum.learning;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Learning's routes for the agents' tools: the controllers' own methods, called through their security proxies. */
@Service
class LearningToolsFacade implements LearningToolsApi {

    private final CourseController courses;
    private final ProgressController progress;
    private final JsonMapper json;

    LearningToolsFacade(CourseController courses, ProgressController progress, JsonMapper json) {
        this.courses = courses;
        this.progress = progress;
        this.json = json;
    }

    @Override
    public JsonNode generateCourse(CurrentUser caller, CourseRequest r) {
        var preferences = new CourseController.PreferencesRequest(
                r.difficulty(), r.language(), r.durationMinutes(), r.mode(), r.generator());
        return json.valueToTree(courses.generate(
                caller, new CourseController.GenerateRequest(r.videoUrl(), r.transcript(), preferences)));
    }

    @Override
    public JsonNode generationStatus(CurrentUser caller, UUID courseId) {
        return json.valueToTree(courses.status(caller, courseId));
    }

    @Override
    public JsonNode course(CurrentUser caller, UUID courseId) {
        return json.valueToTree(courses.get(caller, courseId).getBody());
    }

    @Override
    public JsonNode myCourses(CurrentUser caller, PageQuery page) {
        return json.valueToTree(courses.mine(caller, page));
    }

    @Override
    public JsonNode recordProgress(
            CurrentUser caller,
            UUID courseId,
            @Nullable UUID sectionId,
            @Nullable Boolean completed,
            @Nullable List<QuizAnswer> answers) {
        List<LearnerProgress.QuizAnswer> quizResults = answers == null
                ? null
                : answers.stream()
                        .map(a -> new LearnerProgress.QuizAnswer(a.quizId(), a.answer()))
                        .toList();
        return json.valueToTree(progress.record(
                caller, courseId, new ProgressController.ProgressRequest(sectionId, completed, quizResults)));
    }

    @Override
    public JsonNode progress(CurrentUser caller, @Nullable UUID learnerId, PageQuery page) {

        return json.valueToTree(progress.list(caller, learnerId, page));
    }
}
