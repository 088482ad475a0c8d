package io.lyceum.learning;

import io.lyceum.learning.CourseStore.ContentRow;
import io.lyceum.learning.CourseStore.CourseRow;
import io.lyceum.learning.CourseStore.GenerationRow;
import io.lyceum.platform.DueJobs;
import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one course's generation, step by step, each step's result persisted before the next starts:
 *
 * <ol>
 *   <li>{@code QUEUED}: fetch the video's transcript ({@link TranscriptSource}) → {@code TRANSCRIPT};
 *   <li>{@code TRANSCRIPT}: run the generator (no transaction or lock held meanwhile) → {@code OUTLINE};
 *   <li>{@code OUTLINE}: write the sections, lessons and quizzes, cache the outline, mark the course ready →
 *       {@code SAVED}.
 * </ol>
 *
 * A run that dies (the instance crashed, the database went away) is run again by db-scheduler and resumes at the step
 * recorded: a finished generator run is never repeated. A {@link CourseGenerator.GenerationFailed} fails the course
 * with its reason at once; any other error is retried, and fails the course after {@value #MAX_ATTEMPTS} attempts.
 */
@Component
class GenerationJob {

    static final String TASK = "course-generation";
    static final int MAX_ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(GenerationJob.class);

    private final CourseStore store;
    private final CourseHistory history;
    private final Generators generators;
    private final List<TranscriptSource> sources;
    private final TransactionTemplate transactions;
    private final ObjectProvider<DueJobs> scheduler;
    private final Clock clock;

    GenerationJob(
            CourseStore store,
            CourseHistory history,
            Generators generators,
            List<TranscriptSource> sources,
            TransactionTemplate transactions,
            ObjectProvider<DueJobs> scheduler,
            Clock clock) {
        this.store = store;
        this.history = history;
        this.generators = generators;
        this.sources = sources;
        this.transactions = transactions;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    static String instanceId(TenantId tenant, UUID courseId) {
        return tenant.value() + ":" + courseId;
    }

    /** The scheduler's entry point: the task instance names the tenant and the course. */
    void execute(String instanceId) {
        String[] parts = instanceId.split(":");
        TenantId tenant = new TenantId(UUID.fromString(parts[0]));
        UUID courseId = UUID.fromString(parts[1]);
        TenantContext.runAs(tenant, () -> run(courseId, null));
    }

    /** Asks the scheduler to look for due jobs now rather than at its next poll (the job row was just committed). */
    void wakeScheduler() {
        scheduler.ifAvailable(DueJobs::checkNow);
    }

    /**
     * Runs the course's generation from the step it is at, in the current tenant. {@code stopAfter} ends the run once
     * that step has been reached (tests use it to leave a job half done, as a crash would).
     */
    void run(UUID courseId, @Nullable String stopAfter) {
        try {
            advance(courseId, stopAfter);
        } catch (CourseGenerator.GenerationFailed e) {
            fail(courseId, e.reason());
        } catch (RuntimeException e) {
            int attempts = store.attemptFailed(courseId);
            if (attempts >= MAX_ATTEMPTS) {
                log.error("Course generation {} failed {} times; giving up", courseId, attempts, e);
                fail(
                        courseId,
                        "The generation failed " + attempts + " times ("
                                + e.getClass().getSimpleName() + "). Try again later.");
                return;
            }
            throw e;
        }
    }

    private void advance(UUID courseId, @Nullable String stopAfter) {
        GenerationRow generation = store.generation(courseId).orElse(null);
        CourseRow course = store.course(courseId).orElse(null);
        if (generation == null || course == null) {
            return; // the course is gone: nothing to do
        }
        if (generation.step().equals("QUEUED")) {
            URI video = URI.create(course.videoUrl());
            TranscriptSource source = sources.stream()
                    .filter(s -> s.handles(video))
                    .findFirst()
                    .orElseThrow(() -> new CourseGenerator.GenerationFailed("No transcript source reads " + video));
            Transcript transcript = source.fetch(video, course.preferences().language());
            CourseGenerator generator = generators.choose(course.generator());
            store.transcriptFetched(
                    courseId,
                    transcript,
                    CourseGeneration.estimatedSeconds(generator, transcript.wordCount(), true),
                    clock.instant());
            generation = store.generation(courseId).orElseThrow();
            if (generation.step().equals(stopAfter)) {
                return;
            }
        }
        if (generation.step().equals("TRANSCRIPT")) {
            CourseGenerator generator = generators.choose(course.generator());
            store.generatorStarting(courseId, clock.instant());
            // the transcript is stored with the step that reaches TRANSCRIPT (an upload, or the fetch above)
            Transcript transcript = Objects.requireNonNull(generation.transcript(), "a read transcript");
            Outline outline = generator.generate(transcript, course.preferences());
            store.outlineGenerated(courseId, outline, clock.instant());
            generation = store.generation(courseId).orElseThrow();
            if (generation.step().equals(stopAfter)) {
                return;
            }
        }
        if (generation.step().equals("OUTLINE")) {
            GenerationRow ready = generation;
            CourseGenerator generator = generators.choose(course.generator());
            // a generation at OUTLINE has stored both its transcript and the generated outline
            Transcript transcript = Objects.requireNonNull(ready.transcript(), "a read transcript");
            String key = CourseGeneration.cacheKey(transcript, course.preferences(), generator);
            transactions.executeWithoutResult(status -> {
                CourseRow locked = store.lockCourse(courseId).orElseThrow();
                if (locked.status().equals("PROCESSING")) {
                    save(courseId, Objects.requireNonNull(ready.outline(), "a generated outline"), false, key);
                }
            });
        }
    }

    /** Writes a generated outline as the course's contents and marks it ready; in the caller's transaction. */
    void save(UUID courseId, Outline outline, boolean cached, String cacheKey) {
        store.replaceContents(courseId, rows(outline));
        store.finishCourse(courseId, outline, cached, clock.instant());
        store.cacheOutline(cacheKey, outline, clock.instant());
        store.generationSaved(courseId, clock.instant());
        CourseRow saved = store.course(courseId).orElseThrow();
        history.record(
                courseId,
                "PROCESSING",
                CourseHistory.state(saved),
                null,
                null,
                Map.of(
                        "action",
                        "GENERATED",
                        "cached",
                        cached,
                        "sections",
                        outline.sections().size(),
                        "quizzes",
                        outline.quizCount()));
    }

    private void fail(UUID courseId, String reason) {
        transactions.executeWithoutResult(status -> {
            store.generationFailed(courseId, reason, clock.instant());
            store.failCourse(courseId, clock.instant());
            history.record(courseId, "PROCESSING", "FAILED", null, reason, Map.of("action", "GENERATION_FAILED"));
        });
    }

    /** The outline as content rows: sections, then each section's lessons and quizzes in order. */
    static List<ContentRow> rows(Outline outline) {
        List<ContentRow> rows = new ArrayList<>();
        int s = 0;
        for (Outline.Section section : outline.sections()) {
            UUID sectionId = Ids.newId();
            Map<String, Object> sectionBody = new LinkedHashMap<>();
            sectionBody.put("summary", section.summary());
            sectionBody.put("startMs", section.startMs());
            sectionBody.put("endMs", section.endMs());
            int minutes =
                    section.lessons().stream().mapToInt(Outline.Lesson::minutes).sum();
            rows.add(new ContentRow(sectionId, null, "SECTION", s++, section.title(), sectionBody, minutes));
            int sequence = 0;
            for (Outline.Lesson lesson : section.lessons()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("text", lesson.text());
                body.put("keyPoints", lesson.keyPoints());
                body.put("startMs", lesson.startMs());
                body.put("endMs", lesson.endMs());
                rows.add(new ContentRow(
                        Ids.newId(), sectionId, "LESSON", sequence++, lesson.title(), body, lesson.minutes()));
            }
            for (Outline.Quiz quiz : section.quizzes()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", quiz.type());
                body.put("question", quiz.question());
                body.put("options", quiz.options());
                body.put("answer", quiz.answer());
                body.put("sourceSentence", quiz.sourceSentence());
                body.put("sourceStartMs", quiz.sourceStartMs());
                body.put("kind", quiz.kind());
                rows.add(new ContentRow(
                        Ids.newId(), sectionId, "QUIZ", sequence++, abbreviate(quiz.question()), body, 1));
            }
        }
        return rows;
    }

    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 119) + "…";
    }
}
