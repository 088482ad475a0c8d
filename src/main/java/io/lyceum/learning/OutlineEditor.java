package io.lyceum.learning;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.learning.CourseStore.ContentRow;
import io.lyceum.learning.CourseStore.CourseRow;
import io.lyceum.learning.CourseStore.ProgressRow;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Edits a course's outline under optimistic concurrency (If-Match with the course's version: 428 without it, 412
 * when stale) and answers the validation impacts of the edit: sections removed although learners completed them or
 * quizzes were answered in them, empty sections, quizzes placed before the lesson that teaches their answer, a
 * length far from the target, and the learners whose progress the edit changes. Impacts warn; they do not refuse the
 * edit (a dry run shows them without saving). Invalid input (blank titles, a multiple-choice answer missing from its
 * options, ids of another course) is 422 and nothing is written.
 */
@Service
class OutlineEditor {

    private final CourseStore store;
    private final Courses courses;
    private final CourseHistory history;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OutlineEditor(
            CourseStore store, Courses courses, CourseHistory history, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.courses = courses;
        this.history = history;
        this.transactions = transactions;
        this.clock = clock;
    }

    record OutlineEdit(
            @Nullable String title,
            @Nullable String summary,
            @Nullable String publication,
            @Nullable String visibility,
            @Nullable Integer targetMinutes,
            @Nullable List<SectionEdit> sections) {}

    record SectionEdit(
            @Nullable UUID id,
            @Nullable String title,
            @Nullable String summary,
            @Nullable List<LessonEdit> lessons,
            @Nullable List<QuizEdit> quizzes) {}

    record LessonEdit(
            @Nullable UUID id,
            @Nullable String title,
            @Nullable String text,
            @Nullable Integer minutes) {}

    record QuizEdit(
            @Nullable UUID id,
            @Nullable String type,
            @Nullable String question,
            @Nullable List<String> options,
            @Nullable String answer) {}

    /**
     * @param code stable, such as {@code section.removed_with_progress}
     * @param severity {@code WARNING} (something learners will notice) or {@code INFO}
     * @param contentId the section or quiz concerned, if one
     * @param learners the learners concerned, if any
     * @param details numbers behind the message (minutes, counts, percents)
     */
    record Impact(
            String code,
            String severity,
            String message,
            @Nullable UUID contentId,
            List<UUID> learners,
            Map<String, Object> details) {}

    record Result(Courses.Loaded course, List<Impact> impacts, boolean saved) {}

    static int version(@Nullable String ifMatch) {

        if (ifMatch == null || ifMatch.isBlank()) {
            throw new LyceumException(
                    ErrorKind.PRECONDITION_REQUIRED,
                    "course.precondition_required",
                    "Send If-Match with the course's ETag, so an edit never overwrites another one unseen.");
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Integer.parseInt(value.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new LyceumException(
                    ErrorKind.PRECONDITION_FAILED, "course.version_mismatch", "If-Match is not this course's ETag.");
        }
    }

    Result edit(CurrentUser tutor, UUID courseId, int expectedVersion, OutlineEdit edit, boolean dryRun) {
        courses.own(tutor, courseId);
        return transactions.execute(status -> {
            CourseRow course = store.lockCourse(courseId).orElseThrow(Courses::notFound);
            if (course.version() != expectedVersion) {
                throw new LyceumException(
                        ErrorKind.PRECONDITION_FAILED,
                        "course.version_mismatch",
                        "The course changed since it was read (version " + course.version() + "); reload it.");
            }
            if (!course.status().equals("READY")) {
                throw LyceumException.conflict("course.not_ready", "The course is still being generated.");
            }
            List<ContentRow> before = store.contents(courseId);
            List<ContentRow> after = rows(courseId, edit, before);
            String publication = choice(edit.publication(), course.publication(), "publication", "DRAFT", "PUBLISHED");
            String visibility = choice(edit.visibility(), course.visibility(), "visibility", "PUBLIC", "STUDENTS");
            int target = edit.targetMinutes() == null ? course.targetMinutes() : edit.targetMinutes();
            if (target < 0 || target > 600) {
                throw invalid("targetMinutes", "must be between 0 and 600");
            }
            String title = edit.title() == null ? course.title() : edit.title().strip();
            if (title.isEmpty() || title.length() > 200) {
                throw invalid("title", "is required, at most 200 characters");
            }
            String summary =
                    edit.summary() == null ? course.summary() : edit.summary().strip();
            List<ProgressRow> progress = store.progressOfCourse(courseId);
            int estimated = estimatedMinutes(after);
            List<Impact> impacts = impacts(before, after, progress, store.answerCounts(courseId), target, estimated);
            if (dryRun) {
                CourseRow preview = new CourseRow(
                        course.id(),
                        course.ownerId(),
                        title,
                        summary,
                        course.status(),
                        publication,
                        visibility,
                        course.sourceKind(),
                        course.videoUrl(),
                        course.preferences(),
                        course.generator(),
                        course.cached(),
                        target,
                        estimated,
                        course.glossary(),
                        course.version(),
                        course.createdAt(),
                        course.updatedAt());
                status.setRollbackOnly();
                return new Result(new Courses.Loaded(preview, after, true), impacts, false);
            }
            List<Map<String, Object>> changes =
                    CourseHistory.changes(course, before, after, title, summary, publication, visibility, target);
            store.replaceContents(courseId, after);
            store.updateCourseFields(
                    courseId, title, summary, publication, visibility, target, estimated, clock.instant());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("action", "OUTLINE_EDITED");
            details.put("version", course.version() + 1);
            details.put("changes", changes);
            details.put("impacts", impacts.stream().map(Impact::code).toList());
            history.record(courseId, CourseHistory.state(course), publication, tutor, null, details);
            Set<UUID> sections = sectionIds(after);
            for (ProgressRow row : progress) {
                List<UUID> kept = row.completedSections().stream()
                        .filter(sections::contains)
                        .toList();
                int percent = percent(kept.size(), sections.size());
                store.saveProgress(
                        courseId,
                        row.userId(),
                        kept,
                        percent,
                        row.lastAccessedAt(),
                        percent == 100 ? (row.completedAt() != null ? row.completedAt() : clock.instant()) : null);
            }
            CourseRow saved = store.course(courseId).orElseThrow();
            return new Result(new Courses.Loaded(saved, store.contents(courseId), true), impacts, true);
        });
    }

    static int percent(int done, int total) {
        return total == 0 ? 0 : (int) Math.round(100.0 * done / total);
    }

    static int estimatedMinutes(List<ContentRow> rows) {
        int lessons = rows.stream()
                .filter(r -> r.kind().equals("LESSON"))
                .mapToInt(ContentRow::minutes)
                .sum();
        long quizzes = rows.stream().filter(r -> r.kind().equals("QUIZ")).count();
        return lessons + (int) (quizzes / 2);
    }

    private static Set<UUID> sectionIds(List<ContentRow> rows) {
        Set<UUID> ids = new HashSet<>();
        rows.stream().filter(r -> r.kind().equals("SECTION")).forEach(r -> ids.add(r.id()));
        return ids;
    }

    private static String choice(@Nullable String given, String current, String field, String... allowed) {
        if (given == null) {
            return current;
        }
        String value = given.trim().toUpperCase(Locale.ROOT);
        if (!List.of(allowed).contains(value)) {
            throw invalid(field, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static LyceumException invalid(String field, String message) {
        return LyceumException.invalid(
                "course.invalid_outline",
                "The outline is not valid: " + field + " " + message + ".",
                List.of(new FieldError(field, message)));
    }

    /** The edited outline as rows, keeping what the edit leaves out of existing items (key points, sources). */
    private List<ContentRow> rows(UUID courseId, OutlineEdit edit, List<ContentRow> before) {
        if (edit.sections() == null || edit.sections().isEmpty()) {
            throw invalid("sections", "must hold at least one section");
        }
        if (edit.sections().size() > 200) {
            throw invalid("sections", "must be at most 200");
        }
        Map<UUID, ContentRow> existing = new HashMap<>();
        before.forEach(r -> existing.put(r.id(), r));
        Set<UUID> seen = new HashSet<>();
        List<ContentRow> rows = new ArrayList<>();
        int s = 0;
        for (SectionEdit section : edit.sections()) {
            String path = "sections[" + s + "]";
            UUID sectionId = idFor(section.id(), "SECTION", existing, seen, courseId, path);
            ContentRow old = existing.get(sectionId);
            Map<String, Object> body = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old.body());
            if (section.summary() != null) {
                body.put("summary", section.summary().strip());
            }
            body.putIfAbsent("summary", "");
            String title = required(section.title(), path + ".title", 200);
            List<ContentRow> children = new ArrayList<>();
            int sequence = 0;
            List<LessonEdit> lessons = section.lessons() == null ? List.of() : section.lessons();
            for (int l = 0; l < lessons.size(); l++) {
                LessonEdit lesson = lessons.get(l);
                String lessonPath = path + ".lessons[" + l + "]";
                UUID id = idFor(lesson.id(), "LESSON", existing, seen, courseId, lessonPath);
                ContentRow oldLesson = existing.get(id);
                Map<String, Object> lessonBody =
                        oldLesson == null ? new LinkedHashMap<>() : new LinkedHashMap<>(oldLesson.body());
                if (lesson.text() != null) {
                    lessonBody.put("text", lesson.text().strip());
                }
                lessonBody.putIfAbsent("text", "");
                lessonBody.putIfAbsent("keyPoints", List.of());
                int minutes = lesson.minutes() != null ? lesson.minutes() : oldLesson != null ? oldLesson.minutes() : 1;
                // only what the edit sets is checked: a lesson kept as generated keeps its length, however long
                if (lesson.minutes() != null && (minutes < 0 || minutes > 600)) {
                    throw invalid(lessonPath + ".minutes", "must be between 0 and 600");
                }
                children.add(new ContentRow(
                        id,
                        sectionId,
                        "LESSON",
                        sequence++,
                        required(lesson.title(), lessonPath + ".title", 200),
                        lessonBody,
                        minutes));
            }
            List<QuizEdit> quizzes = section.quizzes() == null ? List.of() : section.quizzes();
            for (int q = 0; q < quizzes.size(); q++) {
                QuizEdit quiz = quizzes.get(q);
                String quizPath = path + ".quizzes[" + q + "]";
                UUID id = idFor(quiz.id(), "QUIZ", existing, seen, courseId, quizPath);
                ContentRow oldQuiz = existing.get(id);
                Map<String, Object> quizBody =
                        oldQuiz == null ? new LinkedHashMap<>() : new LinkedHashMap<>(oldQuiz.body());
                if (quiz.type() != null) {
                    String type = quiz.type().trim().toUpperCase(Locale.ROOT);
                    if (!type.equals("CLOZE") && !type.equals("MULTIPLE_CHOICE")) {
                        throw invalid(quizPath + ".type", "must be CLOZE or MULTIPLE_CHOICE");
                    }
                    quizBody.put("type", type);
                }
                if (quiz.question() != null) {
                    quizBody.put("question", quiz.question().strip());
                }
                if (quiz.options() != null) {
                    quizBody.put(
                            "options",
                            quiz.options().stream().map(String::strip).toList());
                }
                if (quiz.answer() != null) {
                    quizBody.put("answer", quiz.answer().strip());
                }
                quizBody.putIfAbsent("type", "CLOZE");
                quizBody.putIfAbsent("options", List.of());
                String question = required((String) quizBody.get("question"), quizPath + ".question", 2000);
                String answer = required((String) quizBody.get("answer"), quizPath + ".answer", 500);
                @SuppressWarnings("unchecked")
                List<String> options = (List<String>) quizBody.get("options");
                if (quizBody.get("type").equals("MULTIPLE_CHOICE")
                        && (options.size() < 2 || options.stream().noneMatch(o -> o.equalsIgnoreCase(answer)))) {
                    throw invalid(quizPath + ".options", "must hold at least two choices, the answer among them");
                }
                children.add(new ContentRow(
                        id, sectionId, "QUIZ", sequence++, GenerationJob.abbreviate(question), quizBody, 1));
            }
            int minutes = children.stream()
                    .filter(c -> c.kind().equals("LESSON"))
                    .mapToInt(ContentRow::minutes)
                    .sum();
            rows.add(new ContentRow(sectionId, null, "SECTION", s, title, body, minutes));
            rows.addAll(children);
            s++;
        }
        return rows;
    }

    private UUID idFor(
            @Nullable UUID given,
            String kind,
            Map<UUID, ContentRow> existing,
            Set<UUID> seen,
            UUID courseId,
            String path) {
        if (given == null) {
            return Ids.newId();
        }
        ContentRow old = existing.get(given);
        if (old == null) {
            if (store.contentIdTakenElsewhere(given, courseId)) {
                throw invalid(path + ".id", "is not an item of this course");
            }
            throw invalid(path + ".id", "is not an item of this course (leave it out for a new item)");
        }
        if (!old.kind().equals(kind)) {
            throw invalid(
                    path + ".id",
                    "is a " + old.kind().toLowerCase(Locale.ROOT) + ", not a " + kind.toLowerCase(Locale.ROOT));
        }
        if (!seen.add(given)) {
            throw invalid(path + ".id", "appears twice");
        }
        return given;
    }

    private static String required(@Nullable String value, String field, int max) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            throw invalid(field, "is required, at most " + max + " characters");
        }
        return value.strip();
    }

    // ---- impacts

    static List<Impact> impacts(
            List<ContentRow> before,
            List<ContentRow> after,
            List<ProgressRow> progress,
            Map<UUID, Integer> answers,
            int targetMinutes,
            int estimatedMinutes) {
        List<Impact> impacts = new ArrayList<>();
        Set<UUID> afterIds = new HashSet<>();
        after.forEach(r -> afterIds.add(r.id()));
        Set<UUID> afterSections = sectionIds(after);

        for (ContentRow section : before) {
            if (!section.kind().equals("SECTION") || afterIds.contains(section.id())) {
                continue;
            }
            List<UUID> learners = progress.stream()
                    .filter(p -> p.completedSections().contains(section.id()))
                    .map(ProgressRow::userId)
                    .toList();
            if (!learners.isEmpty()) {
                impacts.add(new Impact(
                        "section.removed_with_progress",
                        "WARNING",
                        "Section \"" + section.title() + "\" is removed although " + learners.size()
                                + " learner(s) completed it.",
                        section.id(),
                        learners,
                        Map.of("learnerCount", learners.size())));
            }
            List<ContentRow> quizzes = before.stream()
                    .filter(r -> r.kind().equals("QUIZ") && section.id().equals(r.parentId()))
                    .filter(r -> !afterIds.contains(r.id()))
                    .toList();
            if (!quizzes.isEmpty()) {
                int answered = quizzes.stream()
                        .mapToInt(q -> answers.getOrDefault(q.id(), 0))
                        .sum();
                impacts.add(new Impact(
                        "section.removed_with_quizzes",
                        "WARNING",
                        "Section \"" + section.title() + "\" is removed with its " + quizzes.size() + " quiz(zes)"
                                + (answered > 0 ? ", answered " + answered + " time(s)" : "") + ".",
                        section.id(),
                        List.of(),
                        Map.of("quizCount", quizzes.size(), "answerCount", answered)));
            }
        }
        for (ContentRow quiz : before) {
            if (quiz.kind().equals("QUIZ")
                    && !afterIds.contains(quiz.id())
                    && afterIds.contains(quiz.parentId())
                    && answers.getOrDefault(quiz.id(), 0) > 0) {
                impacts.add(new Impact(
                        "quiz.removed_with_answers",
                        "INFO",
                        "A quiz learners answered " + answers.get(quiz.id()) + " time(s) is removed.",
                        quiz.id(),
                        List.of(),
                        Map.of("answerCount", answers.get(quiz.id()))));
            }
        }
        List<ContentRow> sections =
                after.stream().filter(r -> r.kind().equals("SECTION")).toList();
        for (ContentRow section : sections) {
            boolean hasLesson = after.stream()
                    .anyMatch(r -> r.kind().equals("LESSON") && section.id().equals(r.parentId()));
            if (!hasLesson) {
                impacts.add(new Impact(
                        "section.empty",
                        "WARNING",
                        "Section \"" + section.title() + "\" has no lesson.",
                        section.id(),
                        List.of(),
                        Map.of()));
            }
        }
        impacts.addAll(ordering(after, sections));
        if (targetMinutes > 0) {
            int gap = Math.abs(estimatedMinutes - targetMinutes);
            if (gap > Math.max(5, targetMinutes / 4)) {
                impacts.add(new Impact(
                        "duration.far_from_target",
                        "WARNING",
                        "The course takes about " + estimatedMinutes + " minutes; the target is " + targetMinutes + ".",
                        null,
                        List.of(),
                        Map.of("estimatedMinutes", estimatedMinutes, "targetMinutes", targetMinutes)));
            }
        }
        List<UUID> changed = new ArrayList<>();
        List<Map<String, Object>> changes = new ArrayList<>();
        for (ProgressRow row : progress) {
            long kept = row.completedSections().stream()
                    .filter(afterSections::contains)
                    .count();
            int percent = percent((int) kept, afterSections.size());
            if (percent != row.percent()) {
                changed.add(row.userId());
                changes.add(Map.of("userId", row.userId(), "before", row.percent(), "after", percent));
            }
        }
        if (!changed.isEmpty()) {
            impacts.add(new Impact(
                    "progress.changes",
                    "WARNING",
                    "The progress of " + changed.size() + " learner(s) changes.",
                    null,
                    changed,
                    Map.of("changes", changes)));
        }
        return impacts;
    }

    /**
     * A quiz asks about a moment of the lesson; it is out of order when that moment is taught by a lesson of a later
     * section (the learner meets the question before the material).
     */
    private static List<Impact> ordering(List<ContentRow> after, List<ContentRow> sections) {
        List<Impact> impacts = new ArrayList<>();
        Map<UUID, Integer> position = new HashMap<>();
        for (int i = 0; i < sections.size(); i++) {
            position.put(sections.get(i).id(), i);
        }
        for (ContentRow quiz : after) {
            if (!quiz.kind().equals("QUIZ") || !(quiz.body().get("sourceStartMs") instanceof Number at)) {
                continue;
            }
            long t = at.longValue();
            for (ContentRow lesson : after) {
                if (!lesson.kind().equals("LESSON")
                        || !(lesson.body().get("startMs") instanceof Number start)
                        || !(lesson.body().get("endMs") instanceof Number end)) {
                    continue;
                }
                if (t >= start.longValue() && t < end.longValue()) {
                    // every lesson and quiz of an outline sits in one of its sections
                    int taught = Objects.requireNonNull(position.get(lesson.parentId()));
                    int asked = Objects.requireNonNull(position.get(quiz.parentId()));

                    if (taught > asked) {
                        impacts.add(new Impact(
                                "order.quiz_before_material",
                                "WARNING",
                                "A quiz in section " + (asked + 1) + " asks about \"" + lesson.title()
                                        + "\", taught later in section " + (taught + 1) + ".",
                                quiz.id(),
                                List.of(),
                                Map.of("quizSection", asked + 1, "lessonSection", taught + 1)));
                    }
                    break;
                }
            }
        }
        return impacts.stream().filter(Objects::nonNull).toList();
    }
}
