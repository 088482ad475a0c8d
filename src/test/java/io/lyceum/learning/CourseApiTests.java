package io.lyceum.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.JsonPath;
import io.lyceum.testsupport.http.Response;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The learning API end to end: generation as a job, status, cache, outline edits with impacts, progress, access. */
class CourseApiTests extends ApiTestBase {

    @Autowired
    GenerationJob job;

    @Autowired
    CourseStore store;

    static Response upload(SignedIn tutor, String fileName, String content, String difficulty) {
        return tutor.api()
                .multiPart("file", fileName, content.getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("difficulty", difficulty)
                .multiPart("duration", "30")
                .post("/api/v1/courses/generate");
    }

    static UUID generated(SignedIn tutor, String sample) {
        String courseId = upload(tutor, sample, Samples.read(sample), "intermediate")
                .then()
                .statusCode(202)
                .extract()
                .path("courseId");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> "completed"
                        .equals(tutor.api()
                                .get("/api/v1/courses/status/" + courseId)
                                .path("status")));
        return UUID.fromString(courseId);
    }

    @Test
    void anUploadedTranscriptBecomesACourseInTheBackgroundAndTheSameInputAgainIsInstant() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        // a one-off variant, so no earlier test's cache answers it
        String transcript = Samples.read(Samples.PHOTOSYNTHESIS) + "\n\n99:00:00.000 --> 99:00:05.000\nThank you, "
                + UUID.randomUUID() + ".\n";
        Response accepted = upload(tutor, "lesson.vtt", transcript, "advanced");
        accepted.then().statusCode(202).body("status", equalTo("processing")).body("cached", equalTo(false));
        String courseId = accepted.path("courseId");

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> "completed"
                        .equals(tutor.api()
                                .get("/api/v1/courses/status/" + courseId)
                                .path("status")));
        tutor.api()
                .get("/api/v1/courses/status/" + courseId)
                .then()
                .statusCode(200)
                .body("progress", equalTo(100))
                .body("currentStep", equalTo("completed"))
                .body("eta", equalTo(0));
        JsonPath course = tutor.api()
                .get("/api/v1/courses/" + courseId)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("READY"))
                .body("publication", equalTo("DRAFT"))
                .body("sections.size()", greaterThanOrEqualTo(3))
                .body("glossary.size()", greaterThanOrEqualTo(8))
                .extract()
                .jsonPath();
        // the owner sees each quiz's answer and where it came from
        List<Map<String, Object>> quizzes = course.getList("sections.quizzes.flatten()");
        assertThat(quizzes).isNotEmpty().allSatisfy(q -> {
            assertThat(q.get("answer")).isNotNull();
            assertThat((String) q.get("sourceSentence")).containsIgnoringCase((String) q.get("answer"));
        });

        // the same transcript and preferences again: answered from the cache at once
        upload(tutor, "again.vtt", transcript, "advanced")
                .then()
                .statusCode(202)
                .body("status", equalTo("completed"))
                .body("cached", equalTo(true));
        // other preferences are another course
        upload(tutor, "again.vtt", transcript, "beginner")
                .then()
                .statusCode(202)
                .body("status", equalTo("processing"));
    }

    @Test
    void malformedEmptyAndOversizedTranscriptsAreRefused() throws Exception {
        SignedIn tutor = Accounts.newUser("TUTOR");
        upload(tutor, "bad.srt", "1\n00:00:01,000 --> 00:00:02,000\nHello\n\nnot a cue\n", "beginner")
                .then()
                .statusCode(422)
                .body("code", equalTo("transcript.malformed"));
        upload(tutor, "short.txt", "Too short to teach anything.", "beginner")
                .then()
                .statusCode(422)
                .body("code", equalTo("transcript.empty"));
        tutor.api()
                .contentType("application/json")
                .body(Map.of("transcript", "   "))
                .post("/api/v1/courses/generate")
                .then()
                .statusCode(422)
                .body("code", equalTo("transcript.empty"));
        tutor.api()
                .contentType("application/json")
                .body(Map.of(
                        "transcript", Samples.read(Samples.QUADRATICS), "videoUrl", "https://youtu.be/abcdefghijk"))
                .post("/api/v1/courses/generate")
                .then()
                .statusCode(422)
                .body("code", equalTo("course.source_required"));
        tutor.api()
                .contentType("application/json")
                .body(Map.of("videoUrl", "https://example.com/lesson.mp4"))
                .post("/api/v1/courses/generate")
                .then()
                .statusCode(422)
                .body("code", equalTo("course.unsupported_video"));
        tutor.api()
                .contentType("application/json")
                .body(Map.of("transcript", Samples.read(Samples.QUADRATICS), "preferences", Map.of("generator", "llm")))
                .post("/api/v1/courses/generate")
                .then()
                .statusCode(422)
                .body("code", equalTo("course.generator_unavailable"));

        // 200 MB declared: refused before the body is read
        String answer = hugeUpload(tutor, 200L * 1024 * 1024);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("transcript.too_large");

        // students cannot generate
        upload(Accounts.newUser("STUDENT"), "q.txt", Samples.read(Samples.QUADRATICS), "beginner")
                .then()
                .statusCode(403);
    }

    /** Sends the headers of a multipart upload of {@code size} bytes and only its first 64 KB. */
    private String hugeUpload(SignedIn tutor, long size) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/courses/generate HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + tutor.accessToken() + "\r\n"
                            + "Content-Type: multipart/form-data; boundary=XyZ\r\nAccept: application/json\r\n"
                            + "Content-Length: " + size + "\r\nConnection: close\r\n\r\n"
                            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.vtt\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(new byte[64 * 1024]);
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close first
            }
            // the server answers at once but keeps the connection to swallow some of the body: read what came
            var in = socket.getInputStream();
            var answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            socket.setSoTimeout(3_000);
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).contains("transcript.too_large")) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException endOfAnswer) {
                // nothing more is coming
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void strangersSeeNoCourseAndLearnersNeverSeeAnswersBeforeSubmitting() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        UUID courseId = generated(tutor, Samples.FRENCH_REVOLUTION);
        SignedIn other = Accounts.newUser("TUTOR");
        SignedIn student = Accounts.newUser("STUDENT");
        for (SignedIn stranger : List.of(other, student)) {
            stranger.api()
                    .get("/api/v1/courses/" + courseId)
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("course.not_found"));
            stranger.api()
                    .get("/api/v1/courses/status/" + courseId)
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("course.not_found"));
        }
        other.api()
                .contentType("application/json")
                .header("If-Match", "\"1\"")
                .body(Map.of("sections", List.of(Map.of("title", "Mine now"))))
                .put("/api/v1/courses/outline/" + courseId)
                .then()
                .statusCode(404)
                .body("code", equalTo("course.not_found"));

        JsonPath course = tutor.api().get("/api/v1/courses/" + courseId).jsonPath();
        publish(tutor, courseId, course, "PUBLIC");

        JsonPath seen = student.api()
                .get("/api/v1/courses/" + courseId)
                .then()
                .statusCode(200)
                .body("sections.quizzes.flatten().answer", everyItem(nullValue()))
                .body("sections.quizzes.flatten().sourceSentence", everyItem(nullValue()))
                .extract()
                .jsonPath();
        Map<String, Object> section = seen.getMap("sections[0]");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> quizzes = (List<Map<String, Object>>) section.get("quizzes");
        assertThat(quizzes).isNotEmpty();
        List<Map<String, Object>> answers = new ArrayList<>();
        List<Map<String, Object>> owned = course.getList("sections[0].quizzes");
        for (Map<String, Object> quiz : owned) {
            answers.add(Map.of("quizId", quiz.get("id"), "answer", quiz.get("answer")));
        }
        answers.set(0, Map.of("quizId", owned.getFirst().get("id"), "answer", "certainly wrong"));

        JsonPath progress = student.api()
                .contentType("application/json")
                .body(Map.of("sectionId", section.get("id"), "completed", true, "quizResults", answers))
                .post("/api/v1/user/progress/" + courseId)
                .then()
                .statusCode(200)
                .body("quizResults[0].correct", equalTo(false))
                .body("quizResults[0].correctAnswer", equalTo(owned.getFirst().get("answer")))
                .body("quizResults[0].sourceSentence", notNullValue())
                .body("nextSection", equalTo(seen.getString("sections[1].id")))
                .extract()
                .jsonPath();
        int sections = seen.getList("sections").size();
        assertThat(progress.getInt("updatedProgress")).isEqualTo(Math.round(100f / sections));
        if (owned.size() > 1) {
            assertThat(progress.getBoolean("quizResults[1].correct")).isTrue();
        }

        student.api()
                .get("/api/v1/user/progress")
                .then()
                .statusCode(200)
                .body("content.courseId", hasItem(courseId.toString()))
                .body("content[0].progress", equalTo(progress.getInt("updatedProgress")));

        // a quiz of another section, a section of another course
        student.api()
                .contentType("application/json")
                .body(Map.of("sectionId", UUID.randomUUID().toString()))
                .post("/api/v1/user/progress/" + courseId)
                .then()
                .statusCode(422)
                .body("code", equalTo("progress.unknown_section"));
        student.api()
                .contentType("application/json")
                .body(Map.of(
                        "sectionId", seen.getString("sections[1].id"),
                        "quizResults", List.of(Map.of("quizId", owned.getFirst().get("id"), "answer", "x"))))
                .post("/api/v1/user/progress/" + courseId)
                .then()
                .statusCode(422)
                .body("code", equalTo("progress.unknown_quiz"));

        // guardians: only with a link
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        guardian.api()
                .queryParam("userId", student.userId())
                .get("/api/v1/user/progress")
                .then()
                .statusCode(404)
                .body("code", equalTo("learner.not_found"));
        link(guardian, student);
        guardian.api()
                .queryParam("userId", student.userId())
                .get("/api/v1/user/progress")
                .then()
                .statusCode(200)
                .body("content.courseId", hasItem(courseId.toString()));
        // a tutor who never taught the student
        other.api()
                .queryParam("userId", student.userId())
                .get("/api/v1/user/progress")
                .then()
                .statusCode(404)
                .body("code", equalTo("learner.not_found"));
    }

    @Test
    void outlineEditsNeedTheCurrentETagAndAnswerTheirImpacts() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        UUID courseId = generated(tutor, Samples.QUADRATICS);
        JsonPath course = tutor.api().get("/api/v1/courses/" + courseId).jsonPath();
        publish(tutor, courseId, course, "PUBLIC");
        course = tutor.api().get("/api/v1/courses/" + courseId).jsonPath();
        int version = course.getInt("version");
        SignedIn student = Accounts.newUser("STUDENT");
        String firstSection = course.getString("sections[0].id");
        student.api()
                .contentType("application/json")
                .body(Map.of("sectionId", firstSection))
                .post("/api/v1/user/progress/" + courseId)
                .then()
                .statusCode(200);

        List<Map<String, Object>> sections = editable(course);
        List<Map<String, Object>> withoutFirst = new ArrayList<>(sections.subList(1, sections.size()));
        Map<String, Object> empty = new HashMap<>();
        empty.put("title", "Extra practice");
        withoutFirst.add(empty);
        Map<String, Object> edit = Map.of("sections", withoutFirst, "targetMinutes", 90);

        tutor.api()
                .contentType("application/json")
                .body(edit)
                .put("/api/v1/courses/outline/" + courseId)
                .then()
                .statusCode(428)
                .body("code", equalTo("course.precondition_required"));
        tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"" + (version - 1) + "\"")
                .body(edit)
                .put("/api/v1/courses/outline/" + courseId)
                .then()
                .statusCode(412)
                .body("code", equalTo("course.version_mismatch"));

        // a dry run shows the impacts and changes nothing
        tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"" + version + "\"")
                .queryParam("dryRun", true)
                .body(edit)
                .put("/api/v1/courses/outline/" + courseId)
                .then()
                .statusCode(200)
                .body("saved", equalTo(false))
                .body("validationIssues.code", hasItem("section.removed_with_progress"));
        assertThat(tutor.api().get("/api/v1/courses/" + courseId).jsonPath().getInt("version"))
                .isEqualTo(version);

        JsonPath result = tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"" + version + "\"")
                .body(edit)
                .put("/api/v1/courses/outline/" + courseId)
                .then()
                .statusCode(200)
                .header("ETag", "\"" + (version + 1) + "\"")
                .body("saved", equalTo(true))
                .body("course.sections.size()", equalTo(sections.size()))
                .extract()
                .jsonPath();
        List<String> codes = result.getList("validationIssues.code");
        assertThat(codes)
                .contains(
                        "section.removed_with_progress",
                        "section.removed_with_quizzes",
                        "section.empty",
                        "duration.far_from_target",
                        "progress.changes");
        assertThat(result.getList("validationIssues.find { it.code == 'section.removed_with_progress' }.learners"))
                .containsExactly(student.userId().toString());
        // the learner's completed section is gone: progress recomputed
        student.api().get("/api/v1/user/progress").then().body("content[0].progress", equalTo(0));

        // the old ETag is stale now
        tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"" + version + "\"")
                .body(edit)
                .put("/api/v1/courses/outline/" + courseId)
                .then()
                .statusCode(412)
                .body("code", equalTo("course.version_mismatch"));

        // an invalid outline writes nothing
        tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"" + (version + 1) + "\"")
                .body(Map.of("sections", List.of(Map.of("title", " "))))
                .put("/api/v1/courses/outline/" + courseId)
                .then()
                .statusCode(422)
                .body("code", equalTo("course.invalid_outline"));
        // so does a null section, refused while the body is read (it used to fail later as a 500)
        tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"" + (version + 1) + "\"")
                .body("{\"sections\": [null]}")
                .put("/api/v1/courses/outline/" + courseId)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"))
                .body("errors[0].field", equalTo("sections[0]"));
    }

    @Test
    void aQuizMovedBeforeItsLessonIsReportedAsBrokenOrdering() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        UUID courseId = generated(tutor, Samples.PHOTOSYNTHESIS);
        JsonPath course = tutor.api().get("/api/v1/courses/" + courseId).jsonPath();
        List<Map<String, Object>> sections = editable(course);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lastQuizzes =
                (List<Map<String, Object>>) sections.getLast().get("quizzes");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> firstQuizzes =
                (List<Map<String, Object>>) sections.getFirst().get("quizzes");
        firstQuizzes.add(lastQuizzes.removeFirst());
        tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"" + course.getInt("version") + "\"")
                .body(Map.of("sections", sections))
                .put("/api/v1/courses/outline/" + courseId)
                .then()
                .statusCode(200)
                .body("validationIssues.code", hasItem("order.quiz_before_material"));
    }

    @Test
    void aTutorTurnsACourseIntoAMaterialOfTheirCoursePack() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        UUID courseId = generated(tutor, Samples.QUADRATICS);
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        String categoryId = admin.api()
                .contentType("application/json")
                .body(Map.of("name", "Courses " + UUID.randomUUID(), "position", 1))
                .post("/api/v1/categories")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> pack = new HashMap<>();
        pack.put("title", "Quadratics in four weeks");
        pack.put("description", "Factorising, completing the square and the formula.");
        pack.put("categoryId", categoryId);
        pack.put("level", "GCSE");
        pack.put("price", Map.of("amount", 12000, "currency", "GBP"));
        pack.put("numberOfLessons", 4);
        pack.put("lessonMinutes", 60);
        pack.put("schedulingType", "FLEXIBLE");
        String packId = tutor.api()
                .contentType("application/json")
                .body(pack)
                .post("/api/v1/tutors/me/course-packs")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        tutor.api()
                .contentType("application/json")
                .body(Map.of("coursePackId", packId))
                .post("/api/v1/courses/" + courseId + "/materials")
                .then()
                .statusCode(201)
                .body("url", equalTo("/courses/" + courseId + "/learn"));
        tutor.api()
                .get("/api/v1/tutors/me/course-packs/" + packId + "/materials")
                .then()
                .statusCode(200)
                .body("url", hasItem("/courses/" + courseId + "/learn"));
        Accounts.newUser("TUTOR")
                .api()
                .contentType("application/json")
                .body(Map.of("coursePackId", packId))
                .post("/api/v1/courses/" + courseId + "/materials")
                .then()
                .statusCode(404)
                .body("code", equalTo("course.not_found"));
    }

    @Test
    void aGenerationJobThatDiesResumesAtItsPersistedStepWithoutRunningTheGeneratorAgain() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        var tenant = Tenants.idOf(jdbc, null);
        UUID courseId = UUID.randomUUID();
        Transcript transcript = Samples.transcript(Samples.FRENCH_REVOLUTION);
        TenantContext.runAs(tenant, () -> {
            var now = java.time.Instant.now();
            store.insertCourse(new CourseStore.CourseRow(
                    courseId,
                    tutor.userId(),
                    "Generating…",
                    "",
                    "PROCESSING",
                    "DRAFT",
                    "STUDENTS",
                    "UPLOAD",
                    null,
                    Preferences.of("advanced", "en", 45, "speed", null),
                    "extractive",
                    false,
                    45,
                    0,
                    List.of(),
                    1,
                    now,
                    now));
            store.insertGeneration(courseId, "TRANSCRIPT", transcript, 2, now);
            // the first run stops once the outline is persisted, as a crash right after it would leave it
            job.run(courseId, "OUTLINE");
        });
        tutor.api()
                .get("/api/v1/courses/status/" + courseId)
                .then()
                .statusCode(200)
                .body("status", equalTo("processing"))
                .body("currentStep", equalTo("saving course"))
                .body("progress", equalTo(85));

        // the scheduler runs the job again (as after a restart): it resumes at the saved step
        TenantContext.runAs(tenant, () -> jdbc.sql("""
                        INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                        VALUES (:task, :instance, now(), false, 1, 0)
                        """)
                .param("task", GenerationJob.TASK)
                .param("instance", GenerationJob.instanceId(tenant, courseId))
                .update());
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed"
                .equals(tutor.api().get("/api/v1/courses/status/" + courseId).path("status")));
        var generation =
                TenantContext.callAs(tenant, () -> store.generation(courseId).orElseThrow());
        assertThat(generation.generatorRuns()).isEqualTo(1);
        assertThat(generation.step()).isEqualTo("SAVED");
        tutor.api().get("/api/v1/courses/" + courseId).then().statusCode(200).body("status", equalTo("READY"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> editable(JsonPath course) {
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Map<String, Object> section : course.<Map<String, Object>>getList("sections")) {
            Map<String, Object> s = new HashMap<>();
            s.put("id", section.get("id"));
            s.put("title", section.get("title"));
            List<Map<String, Object>> lessons = new ArrayList<>();
            for (Map<String, Object> lesson : (List<Map<String, Object>>) section.get("lessons")) {
                lessons.add(new HashMap<>(Map.of("id", lesson.get("id"), "title", lesson.get("title"))));
            }
            List<Map<String, Object>> quizzes = new ArrayList<>();
            for (Map<String, Object> quiz : (List<Map<String, Object>>) section.get("quizzes")) {
                quizzes.add(new HashMap<>(Map.of("id", quiz.get("id"))));
            }
            s.put("lessons", lessons);
            s.put("quizzes", quizzes);
            sections.add(s);
        }
        return sections;
    }

    static void publish(SignedIn tutor, UUID courseId, JsonPath course, String visibility) {
        tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"" + course.getInt("version") + "\"")
                .body(Map.of("sections", editable(course), "publication", "PUBLISHED", "visibility", visibility))
                .put("/api/v1/courses/outline/" + courseId)
                .then()
                .statusCode(200)
                .body("course.publication", equalTo("PUBLISHED"));
    }

    static void link(SignedIn guardian, SignedIn student) {
        io.lyceum.testsupport.Accounts.linkGuardian(guardian, student);
    }
}
