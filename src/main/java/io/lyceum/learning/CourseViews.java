package io.lyceum.learning;

import io.lyceum.learning.CourseStore.ContentRow;
import io.lyceum.learning.CourseStore.CourseRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of courses. A learner's view of a quiz has no answer and no source sentence (it holds the answer). */
final class CourseViews {

    private CourseViews() {}

    record CourseView(
            UUID id,
            String title,
            String summary,
            String status,
            String publication,
            String visibility,
            UUID ownerId,
            String generator,
            boolean cached,
            @Nullable String videoUrl,
            int targetMinutes,
            int estimatedMinutes,
            int version,
            List<Outline.Term> glossary,
            List<SectionView> sections,
            Instant createdAt,
            Instant updatedAt) {}

    record SectionView(
            UUID id,
            int sequence,
            String title,
            String summary,
            int minutes,
            List<LessonView> lessons,
            List<QuizView> quizzes) {}

    record LessonView(
            UUID id,
            int sequence,
            String title,
            String text,
            List<String> keyPoints,
            int minutes,
            @Nullable Long startMs) {}

    /**
     * @param answer only for the course's owner
     * @param sourceSentence only for the course's owner (learners see it with their result)
     */
    record QuizView(
            UUID id,
            int sequence,
            @Nullable String type,
            @Nullable String question,
            List<String> options,
            @Nullable String kind,
            @Nullable Long sourceStartMs,
            @Nullable String answer,
            @Nullable String sourceSentence) {}

    record CourseSummary(
            UUID id,
            String title,
            String status,
            String publication,
            String visibility,
            int estimatedMinutes,
            Instant createdAt) {
        static CourseSummary of(CourseRow c) {
            return new CourseSummary(
                    c.id(),
                    c.title(),
                    c.status(),
                    c.publication(),
                    c.visibility(),
                    c.estimatedMinutes(),
                    c.createdAt());
        }
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }

    static CourseView of(Courses.Loaded loaded) {
        CourseRow c = loaded.course();
        List<SectionView> sections = new ArrayList<>();
        for (ContentRow section : loaded.contents()) {
            if (!section.kind().equals("SECTION")) {
                continue;
            }
            List<LessonView> lessons = new ArrayList<>();
            List<QuizView> quizzes = new ArrayList<>();
            loaded.contents().stream()
                    .filter(r -> section.id().equals(r.parentId()))
                    .sorted(java.util.Comparator.comparingInt(ContentRow::sequence))
                    .forEach(r -> {
                        Map<String, Object> b = r.body();
                        if (r.kind().equals("LESSON")) {
                            lessons.add(new LessonView(
                                    r.id(),
                                    r.sequence(),
                                    r.title(),
                                    (String) b.getOrDefault("text", ""),
                                    strings(b.get("keyPoints")),
                                    r.minutes(),
                                    number(b.get("startMs"))));
                        } else {
                            quizzes.add(new QuizView(
                                    r.id(),
                                    r.sequence(),
                                    (String) b.get("type"),
                                    (String) b.get("question"),
                                    strings(b.get("options")),
                                    (String) b.get("kind"),
                                    number(b.get("sourceStartMs")),
                                    loaded.owner() ? (String) b.get("answer") : null,
                                    loaded.owner() ? (String) b.get("sourceSentence") : null));
                        }
                    });
            sections.add(new SectionView(
                    section.id(),
                    section.sequence(),
                    section.title(),
                    (String) section.body().getOrDefault("summary", ""),
                    section.minutes(),
                    lessons,
                    quizzes));
        }
        return new CourseView(
                c.id(),
                c.title(),
                c.summary(),
                c.status(),
                c.publication(),
                c.visibility(),
                c.ownerId(),
                c.generator(),
                c.cached(),
                c.videoUrl(),
                c.targetMinutes(),
                c.estimatedMinutes(),
                c.version(),
                c.glossary(),
                sections,
                c.createdAt(),
                c.updatedAt());
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(@Nullable Object value) {
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }

    private static @Nullable Long number(@Nullable Object value) {

        return value instanceof Number n ? n.longValue() : null;
    }
}
