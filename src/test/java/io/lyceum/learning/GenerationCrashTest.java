package io.lyceum.learning;

import static io.lyceum.testsupport.http.Http.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.ExternalInstance;
import io.lyceum.testsupport.Tenants;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Issue 19's crash test: a second Lyceum runs as a separate JVM on the test's database and generates a one-hour course;
 * it is killed with SIGKILL in the middle of the generation (no shutdown hooks, the job's row left picked by a dead
 * instance), and this test's own instance, whose scheduler takes over a job whose heartbeats stopped, finishes it. The
 * course is then ready exactly once: one saved generation, one "generated" history entry, its sections written once,
 * and the generator run again only when the kill came before its outline was persisted.
 *
 * <p>Runs in the normal build ({@code *Test}): the start of the second server dominates its time.
 */
class GenerationCrashTest extends ApiTestBase {

    private static final List<String> ONE_HOUR = List.of(
            Samples.PHOTOSYNTHESIS,
            Samples.FRENCH_REVOLUTION,
            Samples.QUADRATICS,
            Samples.FRENCH_REVOLUTION,
            Samples.QUADRATICS,
            Samples.PHOTOSYNTHESIS);

    @Autowired
    EmbeddedPostgres postgres;

    @Autowired
    CourseStore store;

    @Autowired
    ApplicationContext context;

    /** Where the killed instance had got to. */
    record AtKill(String step, int generatorRuns) {}

    @Test
    void killingTheInstanceThatGeneratesACourseLetsAnotherFinishItExactlyOnce() throws Exception {
        SignedIn tutor = Accounts.newUser("TUTOR");
        TenantId tenant = Tenants.idOf(jdbc, null);
        int port = ExternalInstance.freePort();
        Path log = Files.createTempFile("lyceum-generation-crash-", ".log");
        ExternalInstance server = new ExternalInstance(
                postgres,
                "generation-crash",
                port,
                log,
                Map.of("lyceum.jobs.enabled", "true", "lyceum.jobs.polling-interval", "PT0.5S"));
        UUID courseId;
        AtKill atKill;
        // this instance's scheduler stops until the kill: it could otherwise claim the generation before the second
        // server does and finish it, leaving nothing to kill (failed so once in CI)
        SmartLifecycle localJobs = context.getBean("jobScheduler", SmartLifecycle.class);
        localJobs.stop();
        try {
            server.start();
            courseId = generateOn(port, tutor);
            atKill = killMidway(server, tenant, courseId);
        } finally {
            server.kill();
            localJobs.start();
        }
        System.out.printf("killed the generating instance at step %s; log: %s%n", atKill, log);

        // this instance's scheduler sees the dead instance's heartbeats stop and runs the job again
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "completed"
                        .equals(tutor.api()
                                .get("/api/v1/courses/status/" + courseId)
                                .path("status")));

        CourseStore.GenerationRow generation =
                TenantContext.callAs(tenant, () -> store.generation(courseId).orElseThrow());
        assertThat(generation.step()).isEqualTo("SAVED");
        // a generator run whose outline was persisted is never repeated; one cut off by the kill runs once more
        assertThat(generation.generatorRuns())
                .isEqualTo(atKill.step().equals("OUTLINE") ? atKill.generatorRuns() : atKill.generatorRuns() + 1);
        var course = tutor.api()
                .get("/api/v1/courses/" + courseId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(course.getString("status")).isEqualTo("READY");
        List<String> sections = course.getList("sections.id", String.class);
        assertThat(sections).isNotEmpty().doesNotHaveDuplicates();
        assertThat(generation.outline().sections()).hasSameSizeAs(sections);
        // written once: the course's rows are exactly the outline's
        Long rows = TenantContext.callAs(tenant, () -> jdbc.sql(
                        "SELECT count(*) FROM course_contents WHERE course_id = :c AND parent_id IS NULL")
                .param("c", courseId)
                .query(Long.class)
                .single());
        assertThat(rows).isEqualTo(sections.size());
        var history = tutor.api()
                .get("/api/v1/courses/" + courseId + "/history?size=100")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(history.getList("content.details.action", String.class).stream()
                        .filter("GENERATED"::equals))
                .hasSize(1);
    }

    /** Uploads a one-hour transcript (with a word of its own, so no cached outline answers it) to the other server. */
    private static UUID generateOn(int port, SignedIn tutor) {
        StringBuilder text = new StringBuilder("Lesson " + UUID.randomUUID() + ".\n");
        for (String sample : ONE_HOUR) {
            text.append(Samples.transcript(sample).text()).append('\n');
        }
        String courseId = given().baseUri("http://127.0.0.1:" + port)
                .header("Authorization", "Bearer " + tutor.accessToken())
                .multiPart("file", "lesson.txt", text.toString().getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("difficulty", "intermediate")
                .multiPart("duration", "60")
                .post("/api/v1/courses/generate")
                .then()
                .statusCode(202)
                .extract()
                .path("courseId");
        return UUID.fromString(courseId);
    }

    /** Kills the server as soon as it has started the generator (or persisted its outline) for the course. */
    private AtKill killMidway(ExternalInstance server, TenantId tenant, UUID courseId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String runner = jdbc.sql("SELECT picked_by FROM scheduled_tasks WHERE task_name = :task"
                            + " AND task_instance = :instance AND picked")
                    .param("task", GenerationJob.TASK)
                    .param("instance", GenerationJob.instanceId(tenant, courseId))
                    .query(String.class)
                    .optional()
                    .orElse(null);
            CourseStore.GenerationRow generation = TenantContext.callAs(
                    tenant, () -> store.generation(courseId).orElseThrow());
            assertThat(generation.step())
                    .as("the generation finished before the kill")
                    .isNotEqualTo("SAVED");
            if (runner != null && runner.startsWith("generation-crash") && generation.generatorRuns() > 0) {
                server.kill();
                CourseStore.GenerationRow killed = TenantContext.callAs(
                        tenant, () -> store.generation(courseId).orElseThrow());
                return new AtKill(killed.step(), killed.generatorRuns());
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the second server never started the generation");
    }
}
