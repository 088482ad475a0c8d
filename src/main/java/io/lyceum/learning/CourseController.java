package io.lyceum.learning;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.learning.CourseViews.CourseSummary;
import io.lyceum.learning.CourseViews.CourseView;
import io.lyceum.learning.OutlineEditor.Impact;
import io.lyceum.learning.OutlineEditor.OutlineEdit;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.StateChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/courses")
@Tag(name = "Learning: courses")
class CourseController {

    private static final String GENERATE = "courseGenerate";
    private static final String GENERATE_SUMMARY = "Generate a course from a video or a transcript";
    private static final String GENERATE_DESCRIPTION = "TUTOR only. Either `videoUrl` (a YouTube video with captions)"
            + " or a transcript (WebVTT, SRT, a Lessonspace transcript or plain text): as JSON `transcript` text, or as the multipart file "
            + "`file` (at most 5 MB, 413 `transcript.too_large` beyond). Preferences: difficulty (beginner, "
            + "intermediate, advanced), language (en), duration (target minutes), mode (quality or speed: which "
            + "model the llm generator takes), generator (extractive, the offline default, or llm when configured). "
            + "Answers 202 with the course id and `processing`; poll the status. The same transcript with the same "
            + "preferences and generator version is answered from the cache at once: `completed` and `cached`. A "
            + "malformed or empty transcript is 422 `transcript.malformed` / `transcript.empty`.";

    private final CourseGeneration generation;
    private final Courses courses;
    private final OutlineEditor editor;
    private final CourseHistory history;

    CourseController(CourseGeneration generation, Courses courses, OutlineEditor editor, CourseHistory history) {
        this.generation = generation;
        this.courses = courses;
        this.editor = editor;
        this.history = history;
    }

    record PreferencesRequest(
            @Nullable String difficulty,
            @Nullable String language,
            @Min(0) @Max(600) @Nullable Integer duration,
            @Nullable String mode,
            @Nullable String generator) {}

    record GenerateRequest(
            @Size(max = 2000) @Nullable String videoUrl,
            @Nullable String transcript,
            @Valid @Nullable PreferencesRequest preferences) {}

    record GenerateResponse(UUID courseId, String status, boolean cached, String statusUrl) {}

    @PostMapping(value = "/generate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('TUTOR')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = GENERATE, summary = GENERATE_SUMMARY, description = GENERATE_DESCRIPTION)
    GenerateResponse generate(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody GenerateRequest body) {
        PreferencesRequest p =
                body.preferences() == null ? new PreferencesRequest(null, null, null, null, null) : body.preferences();
        Preferences preferences = Preferences.of(p.difficulty(), p.language(), p.duration(), p.mode(), p.generator());
        return answer(generation.start(user, body.videoUrl(), body.transcript(), preferences));
    }

    @PostMapping(value = "/generate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('TUTOR')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = GENERATE, summary = GENERATE_SUMMARY, description = GENERATE_DESCRIPTION)
    GenerateResponse upload(
            @AuthenticationPrincipal CurrentUser user,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(required = false) @Nullable String difficulty,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(required = false) @Nullable Integer duration,
            @RequestParam(required = false) @Nullable String mode,
            @RequestParam(required = false) @Nullable String generator) {
        if (file == null || file.isEmpty()) {
            throw LyceumException.invalid(
                    "transcript.empty",
                    "Attach the transcript as `file`.",
                    List.of(new FieldError("file", "is required")));
        }
        if (file.getSize() > TranscriptUploadLimit.MAX_BYTES) {
            throw TranscriptUploadLimit.tooLarge();
        }
        Preferences preferences = Preferences.of(difficulty, language, duration, mode, generator);
        return answer(generation.start(user, null, text(file), preferences));
    }

    private static String text(MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            byte[] bytes = in.readNBytes((int) TranscriptUploadLimit.MAX_BYTES + 1);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw TranscriptFormats.malformed("it is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GenerateResponse answer(CourseGeneration.Accepted accepted) {
        return new GenerateResponse(
                accepted.courseId(),
                accepted.status(),
                accepted.cached(),
                "/api/v1/courses/status/" + accepted.courseId());
    }

    @GetMapping("/status/{courseId}")
    @Operation(
            summary = "A generation's status",
            description = "The course's owner only (404 `course.not_found` for anyone else). Status processing, "
                    + "completed or failed; progress in percent; the current step; the estimated seconds left "
                    + "(`eta`); the failure reason when it failed; whether it came from the cache.")
    CourseGeneration.Status status(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID courseId) {
        return generation.status(user, courseId);
    }

    @GetMapping("/mine")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(summary = "My courses", description = "TUTOR only. Paged, newest first.")
    PageResponse<CourseSummary> mine(@AuthenticationPrincipal CurrentUser user, PageQuery query) {
        return courses.mine(user, query.requireSortable(Set.of())).map(CourseSummary::of);
    }

    @GetMapping("/{courseId}")
    @Operation(
            summary = "A course with its outline",
            description = "Its owner sees everything, quiz answers and their source sentences included. A learner "
                    + "sees a published course that is public, or for the owner's students when the owner has "
                    + "taught them, without answers. Anyone else: 404 `course.not_found`. ETag = version.")
    ResponseEntity<CourseView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID courseId) {
        Courses.Loaded loaded = courses.read(user, courseId);
        return ResponseEntity.ok()
                .eTag(CourseViews.etag(loaded.course().version()))
                .body(CourseViews.of(loaded));
    }

    record OutlineResponse(CourseView course, List<Impact> validationIssues, boolean saved) {}

    @PutMapping("/outline/{courseId}")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Edit a course's outline",
            description = "The owner only. The whole outline: sections in order, each with lessons and quizzes in "
                    + "order; items keep their `id`, new ones have none, left-out ones are removed. If-Match with the "
                    + "ETag is required (428 `course.precondition_required`; 412 `course.version_mismatch` when "
                    + "stale). Answers the course and `validationIssues`: section.removed_with_progress, "
                    + "section.removed_with_quizzes, quiz.removed_with_answers, section.empty, "
                    + "order.quiz_before_material, duration.far_from_target, progress.changes (the learners whose "
                    + "progress changes). `dryRun=true` answers the same without saving. Invalid outlines are 422 "
                    + "`course.invalid_outline`.")
    ResponseEntity<OutlineResponse> editOutline(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID courseId,
            @RequestBody OutlineEdit body,
            @Parameter(description = "ETag from GET") @RequestHeader(value = "If-Match", required = false) @Nullable
                    String ifMatch,
            @RequestParam(defaultValue = "false") boolean dryRun) {
        courses.own(user, courseId);
        OutlineEditor.Result result = editor.edit(user, courseId, OutlineEditor.version(ifMatch), body, dryRun);
        return ResponseEntity.ok()
                .eTag(CourseViews.etag(result.course().course().version()))
                .body(new OutlineResponse(CourseViews.of(result.course()), result.impacts(), result.saved()));
    }

    @GetMapping("/{courseId}/history")
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "A course's history",
            description = "The owner only (404 `course.not_found` for anyone else). Paged, oldest first: generation "
                    + "requested, generated or failed (actorRole SYSTEM), every saved outline edit (who, when, "
                    + "details.changes: course fields, sections, lessons and quizzes added, removed, renamed, "
                    + "edited or reordered; details.impacts: the impact codes the edit had; details.version: the "
                    + "course's version after it), and additions to course packs. States: PROCESSING, FAILED, then "
                    + "the publication (DRAFT, PUBLISHED).")
    PageResponse<StateChange> history(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID courseId, PageQuery query) {
        courses.own(user, courseId);
        return history.read(courseId, query.requireSortable(Set.of()));
    }

    record MaterialRequest(@Nullable UUID coursePackId) {}

    record MaterialResponse(UUID materialId, UUID coursePackId, String url) {}

    @PostMapping("/{courseId}/materials")
    @PreAuthorize("hasRole('TUTOR')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Add a course to one of my course packs",
            description = "The course's owner, for one of their own packs: the course becomes a LINK material to "
                    + "its page. 404 `course.not_found` / `pack.not_found`; 409 `course.not_ready` while generating, "
                    + "`material.title_taken` when the pack has a material of that title.")
    MaterialResponse addToPack(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID courseId, @RequestBody MaterialRequest body) {
        UUID material = courses.addToCoursePack(user, courseId, body.coursePackId());
        // addToCoursePack refused a request without a pack
        return new MaterialResponse(
                material, Objects.requireNonNull(body.coursePackId()), "/courses/" + courseId + "/learn");
    }
}
