package io.lyceum.agents;

import static io.lyceum.agents.Schemas.arrayOf;
import static io.lyceum.agents.Schemas.bool;
import static io.lyceum.agents.Schemas.integer;
import static io.lyceum.agents.Schemas.object;
import static io.lyceum.agents.Schemas.oneOf;
import static io.lyceum.agents.Schemas.page;
import static io.lyceum.agents.Schemas.paged;
import static io.lyceum.agents.Schemas.props;
import static io.lyceum.agents.Schemas.result;
import static io.lyceum.agents.Schemas.string;
import static io.lyceum.agents.Schemas.uuid;

import io.lyceum.learning.LearningToolsApi;
import io.lyceum.learning.LearningToolsApi.CourseRequest;
import io.lyceum.learning.LearningToolsApi.QuizAnswer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tools over learning: courses generated from a transcript, their outline, and learners' progress. */
@Component
class LearningTools implements ToolSource {

    /** A transcript as JSON text stays well inside the 1 MB request limits of the gateway and of {@code /mcp}. */
    static final int MAX_TRANSCRIPT_CHARS = 500_000;

    private final LearningToolsApi learning;
    private final JsonMapper json;

    LearningTools(LearningToolsApi learning, JsonMapper json) {
        this.learning = learning;
        this.json = json;
    }

    @Override
    public List<AgentTool> tools() {
        return List.of(generate(), status(), course(), myCourses(), recordProgress(), progress());
    }

    private AgentTool generate() {
        return new AgentTool(
                "generate_course",
                "learning",
                "Generate a course from a transcript",
                "Tutors: starts generating a course of sections, lessons and quizzes (POST /api/v1/courses/generate)"
                        + " from a lesson's transcript (WebVTT, SRT or plain text, at least 50 words) or a YouTube"
                        + " video's captions. Exactly one of transcript and videoUrl. Answers the course id at once;"
                        + " follow it with course_generation_status. The same transcript and preferences again are"
                        + " answered from the cache (status completed).",
                true,
                object(props(
                        "transcript", string("the transcript text", MAX_TRANSCRIPT_CHARS),
                        "videoUrl", string("or a YouTube video with captions", 2000),
                        "difficulty", oneOf("how hard the quizzes are", "beginner", "intermediate", "advanced"),
                        "language", string("language code, such as en", 5),
                        "durationMinutes", integer("target length in minutes (0: none)", 0, 600),
                        "mode", oneOf("which model a model generator takes", "quality", "speed"),
                        "generator",
                                oneOf(
                                        "extractive (offline, the default) or llm (when configured)",
                                        "extractive",
                                        "llm"))),
                result(
                        "The course being generated",
                        props(
                                "courseId", Map.of("type", "string"),
                                "status", Map.of("type", "string", "enum", List.of("processing", "completed")),
                                "cached", Map.of("type", "boolean"),
                                "statusUrl", Map.of("type", "string")),
                        "courseId",
                        "status"),
                (caller, a) -> learning.generateCourse(
                        caller,
                        new CourseRequest(
                                a.string("transcript"),
                                a.string("videoUrl"),
                                a.string("difficulty"),
                                a.string("language"),
                                a.integer("durationMinutes"),
                                a.string("mode"),
                                a.string("generator"))));
    }

    private AgentTool status() {
        return new AgentTool(
                "course_generation_status",
                "learning",
                "A course generation's progress",
                "The progress of one of the caller's course generations (GET /api/v1/courses/status/{id}): status"
                        + " processing, completed or failed, percent, current step, seconds left and the failure"
                        + " reason. The course's owner only.",
                false,
                object(props("courseId", uuid("the course's id")), "courseId"),
                result(
                        "The generation's status",
                        props(
                                "courseId", Map.of("type", "string"),
                                "status",
                                        Map.of("type", "string", "enum", List.of("processing", "completed", "failed")),
                                "progress", Map.of("type", "integer"),
                                "currentStep", Map.of("type", "string"),
                                "eta", Map.of("type", "integer"),
                                "failureReason", Map.of("type", "string")),
                        "courseId",
                        "status",
                        "progress"),
                (caller, a) -> learning.generationStatus(caller, a.requiredUuid("courseId")));
    }

    private AgentTool course() {
        return new AgentTool(
                "get_course",
                "learning",
                "A course and its outline",
                "A course with its sections, lessons and quizzes (GET /api/v1/courses/{id}). Its owner sees the"
                        + " answers; a learner sees a published course open to them, without answers.",
                false,
                object(props("courseId", uuid("the course's id")), "courseId"),
                result(
                        "The course and its outline",
                        props(
                                "id", Map.of("type", "string"),
                                "title", Map.of("type", "string"),
                                "status", Map.of("type", "string"),
                                "sections", Map.of("type", "array", "items", Map.of("type", "object"))),
                        "id",
                        "title",
                        "sections"),
                (caller, a) -> learning.course(caller, a.requiredUuid("courseId")));
    }

    private AgentTool myCourses() {
        return new AgentTool(
                "list_my_courses",
                "learning",
                "My courses",
                "Tutors: the courses they generated, newest first (GET /api/v1/courses/mine).",
                false,
                object(paged()),
                page("A page of courses"),
                (caller, a) -> FrontendActions.with(
                        toMap(learning.myCourses(caller, a.page())),
                        FrontendActions.dataView(
                                "My courses",
                                "learning",
                                "myCourses",
                                "/api/v1/courses/mine",
                                Map.of(),
                                List.of(
                                        FrontendActions.column("title", "Course"),
                                        FrontendActions.column("status", "Status"),
                                        FrontendActions.column("publication", "Publication"),
                                        FrontendActions.column("createdAt", "Created")))));
    }

    private AgentTool recordProgress() {
        return new AgentTool(
                "record_course_progress",
                "learning",
                "Record a learner's answers and progress",
                "Records the caller's progress in a course (POST /api/v1/user/progress/{courseId}): a section"
                        + " completed (or not) and answers to its quizzes, scored by the server. Answers the updated"
                        + " percent, the next section and each quiz's result with the correct answer.",
                true,
                object(
                        props(
                                "courseId", uuid("the course's id"),
                                "sectionId", uuid("the section done or answered"),
                                "completed", bool("whether the section is completed (default true)"),
                                "quizResults",
                                        arrayOf(
                                                "answers to the section's quizzes",
                                                object(
                                                        props(
                                                                "quizId", uuid("the quiz's id"),
                                                                "answer", string("the learner's answer", 500)),
                                                        "quizId",
                                                        "answer"),
                                                100)),
                        "courseId",
                        "sectionId"),
                result(
                        "The learner's progress after this answer",
                        props(
                                "courseId", Map.of("type", "string"),
                                "updatedProgress", Map.of("type", "integer"),
                                "completed", Map.of("type", "boolean"),
                                "quizResults", Map.of("type", "array", "items", Map.of("type", "object"))),
                        "courseId",
                        "updatedProgress"),
                (caller, a) -> learning.recordProgress(
                        caller, a.requiredUuid("courseId"), a.uuid("sectionId"), a.bool("completed"), answers(a)));
    }

    private static @Nullable List<QuizAnswer> answers(ToolArguments a) {

        List<Map<String, Object>> given = a.objects("quizResults");
        return given == null
                ? null
                : given.stream()
                        .map(answer -> {
                            var fields = new ToolArguments(answer);
                            return new QuizAnswer(fields.uuid("quizId"), fields.string("answer"));
                        })
                        .toList();
    }

    private AgentTool progress() {
        return new AgentTool(
                "my_course_progress",
                "learning",
                "Course progress",
                "The caller's progress in their courses, last accessed first (GET /api/v1/user/progress); with"
                        + " userId a student's, for a guardian linked to the student or a tutor who taught them.",
                false,
                object(paged("userId", uuid("a student's id (guardians, tutors)"))),
                page("A page of course progress"),
                (caller, a) -> {
                    UUID learner = a.uuid("userId");
                    return FrontendActions.with(
                            toMap(learning.progress(caller, learner, a.page())),
                            FrontendActions.dataView(
                                    "Course progress",
                                    "learning",
                                    "courseProgress",
                                    "/api/v1/user/progress",
                                    learner == null ? Map.of() : Map.of("userId", learner.toString()),
                                    List.of(
                                            FrontendActions.column("title", "Course"),
                                            FrontendActions.column("progress", "Progress (%)"),
                                            FrontendActions.column("lastAccessed", "Last accessed"))));
                });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(JsonNode body) {
        return json.convertValue(body, Map.class);
    }
}
