package io.lyceum.learning;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.learning.CourseStore.ContentRow;
import io.lyceum.learning.CourseStore.CourseRow;
import io.lyceum.learning.CourseStore.ProgressRow;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Learners' progress: sections completed and quiz answers scored here, on the server (the course a learner reads
 * never holds the answers). Who may read whose progress: the learner; a guardian with an ACTIVE link to the student;
 * a tutor who has taught the student (and then only for the tutor's own courses). Anyone else: 404
 * {@code learner.not_found}.
 */
@Service
class LearnerProgress {

    private final CourseStore store;
    private final Courses courses;
    private final AccountsApi accounts;
    private final SchedulingApi scheduling;
    private final TransactionTemplate transactions;
    private final Clock clock;

    LearnerProgress(
            CourseStore store,
            Courses courses,
            AccountsApi accounts,
            SchedulingApi scheduling,
            TransactionTemplate transactions,
            Clock clock) {
        this.store = store;
        this.courses = courses;
        this.accounts = accounts;
        this.scheduling = scheduling;
        this.transactions = transactions;
        this.clock = clock;
    }

    record CourseProgress(
            UUID courseId,
            String title,
            int progress,
            Instant lastAccessed,
            boolean completed,
            List<UUID> completedSections,
            @Nullable UUID nextSectionId) {}

    PageResponse<CourseProgress> list(CurrentUser reader, @Nullable UUID learnerId, PageQuery query) {
        UUID learner = learnerId == null ? reader.userId().value() : learnerId;
        UUID onlyOwner = null;
        if (!learner.equals(reader.userId().value())) {
            if (reader.role() == Role.GUARDIAN && accounts.mayActFor(reader.userId(), UserId.of(learner))) {
                onlyOwner = null;
            } else if (reader.role() == Role.TUTOR
                    && scheduling.hasTaught(reader.userId().asTutor(), UserId.of(learner))) {
                onlyOwner = reader.userId().value();
            } else {
                throw LyceumException.notFound("learner.not_found", "No such learner among the people you follow.");
            }
        }
        List<ProgressRow> rows = store.progressOfUser(learner, onlyOwner, query.size(), query.page() * query.size());
        List<CourseProgress> content = new ArrayList<>();
        for (ProgressRow row : rows) {
            CourseRow course = store.course(row.courseId()).orElseThrow();
            content.add(view(course, row, store.contents(row.courseId())));
        }
        return PageResponse.of(content, query, store.countProgressOfUser(learner, onlyOwner));
    }

    private static CourseProgress view(CourseRow course, ProgressRow row, List<ContentRow> contents) {
        return new CourseProgress(
                course.id(),
                course.title(),
                row.percent(),
                row.lastAccessedAt(),
                row.completedAt() != null,
                row.completedSections(),
                next(contents, row.completedSections()));
    }

    private static @Nullable UUID next(List<ContentRow> contents, List<UUID> completed) {
        return contents.stream()
                .filter(c -> c.kind().equals("SECTION") && !completed.contains(c.id()))
                .map(ContentRow::id)
                .findFirst()
                .orElse(null);
    }

    record QuizAnswer(@Nullable UUID quizId, @Nullable String answer) {}

    record QuizResult(
            UUID quizId,
            boolean correct,
            String correctAnswer,
            @Nullable String sourceSentence,
            @Nullable Long sourceStartMs) {}

    /** An answer that names a quiz of the section, checked before anything is stored. */
    private record Answered(ContentRow quiz, String answer) {}

    record Update(
            UUID courseId,
            int updatedProgress,
            boolean completed,
            List<UUID> completedSections,
            @Nullable UUID nextSection,
            List<QuizResult> quizResults,
            @Nullable Integer score) {}

    Update record(
            CurrentUser learner,
            UUID courseId,
            @Nullable UUID sectionId,
            @Nullable Boolean completed,
            @Nullable List<QuizAnswer> answers) {
        CourseRow course = store.course(courseId).orElseThrow(Courses::notFound);
        if (!course.ownerId().equals(learner.userId().value())
                && !courses.mayLearn(learner.userId().value(), course)) {
            throw Courses.notFound();
        }
        if (!course.status().equals("READY")) {
            throw Courses.notFound();
        }
        List<ContentRow> contents = store.contents(courseId);
        Map<UUID, ContentRow> byId = contents.stream().collect(Collectors.toMap(ContentRow::id, c -> c));
        if (sectionId == null
                || !byId.containsKey(sectionId)
                || !byId.get(sectionId).kind().equals("SECTION")) {
            throw LyceumException.invalid(
                    "progress.unknown_section",
                    "The section is not part of this course.",
                    List.of(new FieldError("sectionId", "must be a section of the course")));
        }
        List<QuizAnswer> given = answers == null ? List.of() : answers;
        Set<UUID> once = new java.util.HashSet<>();
        List<Answered> checked = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            QuizAnswer answer = given.get(i);
            ContentRow quiz = answer.quizId() == null ? null : byId.get(answer.quizId());
            if (quiz == null || !quiz.kind().equals("QUIZ") || !sectionId.equals(quiz.parentId())) {
                throw LyceumException.invalid(
                        "progress.unknown_quiz",
                        "A quiz answered is not a quiz of this section.",
                        List.of(new FieldError("quizResults[" + i + "].quizId", "must be a quiz of the section")));
            }
            if (answer.answer() == null || answer.answer().length() > 500 || !once.add(answer.quizId())) {
                throw LyceumException.invalid(
                        "request.validation_failed",
                        "Each quiz is answered once, with at most 500 characters.",
                        List.of(new FieldError("quizResults[" + i + "].answer", "is required, once per quiz")));
            }
            checked.add(new Answered(quiz, answer.answer()));
        }
        Instant now = clock.instant();
        return transactions.execute(status -> {
            ProgressRow row = store.lockProgress(courseId, learner.userId().value(), now);
            List<QuizResult> results = new ArrayList<>();
            int correct = 0;
            for (Answered answer : checked) {
                ContentRow quiz = answer.quiz();
                String expected = String.valueOf(quiz.body().get("answer"));
                boolean right = normalise(answer.answer()).equals(normalise(expected));

                correct += right ? 1 : 0;
                store.insertQuizAnswer(
                        Ids.newId(), courseId, quiz.id(), learner.userId().value(), answer.answer(), right, now);
                Object start = quiz.body().get("sourceStartMs");
                results.add(new QuizResult(
                        quiz.id(),
                        right,
                        expected,
                        (String) quiz.body().get("sourceSentence"),
                        start instanceof Number n ? n.longValue() : null));
            }
            Set<UUID> done = new LinkedHashSet<>(row.completedSections());
            if (completed == null || completed) {
                done.add(sectionId);
            } else {
                done.remove(sectionId);
            }
            List<UUID> sections = contents.stream()
                    .filter(c -> c.kind().equals("SECTION"))
                    .map(ContentRow::id)
                    .toList();
            List<UUID> kept = sections.stream().filter(done::contains).toList();
            int percent = OutlineEditor.percent(kept.size(), sections.size());
            Instant completedAt = percent == 100 ? (row.completedAt() != null ? row.completedAt() : now) : null;
            store.saveProgress(courseId, learner.userId().value(), kept, percent, now, completedAt);
            return new Update(
                    courseId,
                    percent,
                    completedAt != null,
                    kept,
                    next(contents, kept),
                    results,
                    given.isEmpty() ? null : (int) Math.round(100.0 * correct / given.size()));
        });
    }

    /** Case, surrounding space and punctuation do not matter; "Calvin Cycle." equals "calvin cycle". */
    static String normalise(String answer) {
        return answer.toLowerCase(Locale.ROOT)
                .replaceAll("[\\p{Punct}’“”]", " ")
                .replaceAll("\\s+", " ")
                .strip();
    }
}
