package io.lyceum.learning;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.learning.CourseStore.CourseRow;
import io.lyceum.platform.JobQueue;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenantContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starting a generation and answering its status. A request with an uploaded transcript is checked at once (422 for a
 * malformed or empty one); when the same transcript, preferences and generator version were generated before, the
 * course is made from the cached outline on the spot. Otherwise the course, its generation state and the job that
 * will run it ({@link GenerationJob}) are written in one transaction, so a crash never leaves a course without its
 * job or a job without its course.
 */
@Service
class CourseGeneration {

    private final CourseStore store;
    private final CourseHistory history;
    private final Generators generators;
    private final List<TranscriptSource> sources;
    private final GenerationJob job;
    private final TransactionTemplate transactions;
    private final JobQueue jobs;
    private final Clock clock;

    CourseGeneration(
            CourseStore store,
            CourseHistory history,
            Generators generators,
            List<TranscriptSource> sources,
            GenerationJob job,
            TransactionTemplate transactions,
            JobQueue jobs,
            Clock clock) {
        this.store = store;
        this.history = history;
        this.generators = generators;
        this.sources = sources;
        this.job = job;
        this.transactions = transactions;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** What the generation request answers. */
    record Accepted(UUID courseId, String status, boolean cached) {}

    Accepted start(
            CurrentUser tutor, @Nullable String videoUrl, @Nullable String transcriptText, Preferences preferences) {
        CourseGenerator generator = generators.choose(preferences.generator());
        String videoSource = videoUrl == null || videoUrl.isBlank() ? null : videoUrl;
        boolean hasVideo = videoSource != null;
        boolean hasTranscript = transcriptText != null;
        if (hasVideo == hasTranscript) {
            throw LyceumException.invalid(
                    "course.source_required",
                    "Give either a video URL or a transcript, not both and not neither.",
                    List.of(new FieldError("videoUrl", "or transcript is required")));
        }
        URI video = null;
        if (videoSource != null) {
            video = checkVideo(videoSource);
        }
        Transcript transcript = transcriptText != null ? TranscriptFormats.parse(transcriptText) : null;
        UUID courseId = Ids.newId();
        Instant now = clock.instant();
        String source = hasVideo ? "VIDEO" : "UPLOAD";
        String videoText = video == null ? null : video.toString();
        if (transcript != null) {
            String key = cacheKey(transcript, preferences, generator);
            Optional<Outline> cached = store.cachedOutline(key);
            if (cached.isPresent()) {
                transactions.executeWithoutResult(status -> {
                    store.insertCourse(processing(courseId, tutor, source, videoText, preferences, generator, now));
                    requested(courseId, tutor, source, generator);
                    store.insertGeneration(courseId, "OUTLINE", transcript, 0, now);
                    store.outlineGenerated(courseId, cached.get(), now);
                    job.save(courseId, cached.get(), true, key);
                });
                return new Accepted(courseId, "completed", true);
            }
        }
        int estimate = estimatedSeconds(generator, transcript == null ? 0 : transcript.wordCount(), hasVideo);
        transactions.executeWithoutResult(status -> {
            store.insertCourse(processing(courseId, tutor, source, videoText, preferences, generator, now));
            requested(courseId, tutor, source, generator);
            store.insertGeneration(courseId, transcript == null ? "QUEUED" : "TRANSCRIPT", transcript, estimate, now);
            jobs.scheduleInThisTransaction(
                    GenerationJob.TASK, GenerationJob.instanceId(TenantContext.require(), courseId), now);
        });
        job.wakeScheduler();
        return new Accepted(courseId, "processing", false);
    }

    private void requested(UUID courseId, CurrentUser tutor, String source, CourseGenerator generator) {
        history.record(
                courseId,
                null,
                "PROCESSING",
                tutor,
                null,
                java.util.Map.of("action", "GENERATION_REQUESTED", "source", source, "generator", generator.name()));
    }

    private CourseRow processing(
            UUID id,
            CurrentUser tutor,
            String source,
            @Nullable String video,
            Preferences preferences,
            CourseGenerator generator,
            Instant now) {
        return new CourseRow(
                id,
                tutor.userId().value(),
                "Generating…",
                "",
                "PROCESSING",
                "DRAFT",
                "STUDENTS",
                source,
                video,
                preferences,
                generator.name(),
                false,
                preferences.targetMinutes(),
                0,
                List.of(),
                1,
                now,
                now);
    }

    static String cacheKey(Transcript transcript, Preferences preferences, CourseGenerator generator) {
        return transcript.hash() + "|" + preferences.cacheKey() + "|" + generator.version();
    }

    /** A first guess of the generation's length, from the transcript's size; the status refines it as steps finish. */
    static int estimatedSeconds(CourseGenerator generator, int words, boolean fetch) {
        int seconds = generator.name().equals("llm") ? 10 + words / 100 : 1 + words / 10_000;
        return seconds + (fetch ? 5 : 0);
    }

    private URI checkVideo(String url) {
        FieldError error = new FieldError("videoUrl", "must be an http(s) URL of a video with captions");
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw LyceumException.invalid("course.invalid_video", "The video URL is not valid.", List.of(error));
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equalsIgnoreCase("https")
                        || uri.getScheme().equalsIgnoreCase("http"))
                || uri.getHost() == null
                || url.length() > 2000) {
            throw LyceumException.invalid("course.invalid_video", "The video URL is not valid.", List.of(error));
        }
        if (sources.stream().noneMatch(s -> s.handles(uri))) {
            throw LyceumException.invalid(
                    "course.unsupported_video",
                    "Lyceum reads captions of YouTube videos; for other videos upload the transcript.",
                    List.of(error));
        }
        return uri;
    }

    /** The status of a generation, for the course's owner. */
    record Status(
            UUID courseId,
            String status,
            int progress,
            String currentStep,
            @Nullable Integer eta,
            @Nullable String failureReason,
            boolean cached) {}

    Status status(CurrentUser user, UUID courseId) {
        CourseRow course = store.course(courseId)
                .filter(c -> c.ownerId().equals(user.userId().value()))
                .orElseThrow(Courses::notFound);
        var generation = store.generation(courseId).orElseThrow(Courses::notFound);
        String status =
                switch (course.status()) {
                    case "READY" -> "completed";
                    case "FAILED" -> "failed";
                    default -> "processing";
                };
        String step =
                switch (generation.step()) {
                    case "QUEUED" -> "fetching transcript";
                    case "TRANSCRIPT" -> generation.generatorRuns() > 0 ? "generating outline" : "reading transcript";
                    case "OUTLINE" -> "saving course";
                    case "SAVED" -> "completed";
                    default -> "failed";
                };
        Integer eta = null;
        if (status.equals("processing")) {
            long elapsed =
                    Duration.between(generation.startedAt(), clock.instant()).toSeconds();
            eta = (int) Math.max(1, generation.estimatedSeconds() - elapsed);
        } else if (status.equals("completed")) {
            eta = 0;
        }
        return new Status(
                courseId,
                status,
                generation.step().equals("FAILED") ? generation.percent() : generation.percent(),
                step,
                eta,
                generation.failureReason(),
                course.cached());
    }
}
