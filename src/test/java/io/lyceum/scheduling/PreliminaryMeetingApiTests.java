package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Preliminary meetings (seed 002): request, approve or reject, withdraw; who may do what; the billing question. */
class PreliminaryMeetingApiTests extends ApiTestBase {

    @Autowired
    SchedulingApi scheduling;

    private SignedIn tutor;
    private SignedIn admin;
    private String category;
    private String screened;
    private SignedIn student;

    @BeforeEach
    void aPackThatRequiresScreening() {
        var approved = Tutors.approved(jdbc);
        // a meeting lies within the tutor's open hours, like a lesson
        io.lyceum.testsupport.OpenSchedules.openAllWeek(
                jdbc, io.lyceum.testsupport.Tenants.idOf(jdbc, null), approved.id(), false, 0, 60);
        tutor = approved.tutor();
        admin = approved.admin();
        category = admin.api()
                .contentType("application/json")
                .body(Map.of("name", "Screened " + UUID.randomUUID(), "position", 1))
                .post("/api/v1/categories")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        screened = pack(tutor, true, true);
        student = Accounts.newUser("STUDENT");
    }

    private String pack(SignedIn owner, boolean screening, boolean publish) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Pack " + UUID.randomUUID());
        body.put("categoryId", category);
        body.put("level", "GCSE");
        body.put("price", Map.of("amount", 30000, "currency", "GBP"));
        body.put("numberOfLessons", 10);
        body.put("lessonMinutes", 60);
        body.put("schedulingType", "FLEXIBLE");
        body.put("preliminaryMeetingRequired", screening);
        String id = owner.api()
                .contentType("application/json")
                .body(body)
                .post("/api/v1/tutors/me/course-packs")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        if (publish) {
            owner.api()
                    .post("/api/v1/tutors/me/course-packs/" + id + "/publish")
                    .then()
                    .statusCode(200);
        }
        return id;
    }

    private static Response ask(SignedIn user, String packId, Map<String, Object> body) {
        return user.api()
                .contentType("application/json")
                .body(body)
                .post("/api/v1/course-packs/" + packId + "/preliminary-meetings");
    }

    private static String askOk(SignedIn user, String packId) {
        return ask(user, packId, Map.of("message", "I would like to join."))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Response approve(SignedIn user, String id, Map<String, Object> body) {
        return user.api()
                .contentType("application/json")
                .body(body)
                .post("/api/v1/tutor/preliminary-meetings/" + id + "/approve");
    }

    private static Response reject(SignedIn user, String id, String reason) {
        return user.api()
                .contentType("application/json")
                .body(Map.of("reason", reason))
                .post("/api/v1/tutor/preliminary-meetings/" + id + "/reject");
    }

    private static String tomorrow() {
        return Instant.now()
                .plus(Duration.ofDays(1))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }

    private boolean approved(SignedIn who, String packId) {
        return TenantContext.callAs(
                TenantId.DEFAULT,
                () -> scheduling.preliminaryMeetingApproved(
                        UserId.of(who.userId()), CoursePackId.of(UUID.fromString(packId))));
    }

    private static List<String> subjects(SignedIn user) {
        return Accounts.request(null)
                .queryParam("recipient", user.email())
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("content.subject");
    }

    private SignedIn linkedGuardian(SignedIn child) {
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        io.lyceum.testsupport.Accounts.linkGuardian(guardian, child);
        return guardian;
    }

    @Test
    void aStudentAsksAndTheTutorApprovesWithAJitsiRoom() {
        String id = ask(student, screened, Map.of("message", "Keen to start."))
                .then()
                .statusCode(201)
                .body("state", equalTo("REQUESTED"))
                .body("coursePackId", equalTo(screened))
                .body("tutorId", equalTo(tutor.userId().toString()))
                .body("studentId", equalTo(student.userId().toString()))
                .body("requestedBy", equalTo(student.userId().toString()))
                .body("message", equalTo("Keen to start."))
                .body("meetingUrl", nullValue())
                .extract()
                .path("id");
        assertThat(subjects(tutor)).anyMatch(s -> s.startsWith("Preliminary meeting requested"));
        assertThat(approved(student, screened)).isFalse();
        // the request opens the pair's conversation (messaging listens to PreliminaryMeetingRequested)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> tutor.api()
                .get("/api/v1/messages/threads")
                .then()
                .statusCode(200)
                .body(
                        "content.conversation.participantA",
                        hasItem(student.userId().toString()))
                .body("content.conversation.openedBy", hasItem("PRELIMINARY_MEETING")));

        String startsAt = tomorrow();
        approve(tutor, id, Map.of("startsAt", startsAt))
                .then()
                .statusCode(200)
                .body("state", equalTo("APPROVED"))
                .body("startsAt", equalTo(startsAt))
                .body("durationMinutes", equalTo(30))
                .body("meetingUrl", startsWith("https://meet.jit.si/lyceum-"))
                .body("decidedAt", notNullValue());
        assertThat(approved(student, screened)).isTrue();
        assertThat(approved(Accounts.newUser("STUDENT"), screened)).isFalse();
        assertThat(subjects(student)).contains("Preliminary meeting approved");

        student.api()
                .get("/api/v1/preliminary-meetings/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("APPROVED"));
    }

    @Test
    void theTutorMayGiveTheirOwnLinkOrReject() {
        String first = askOk(student, screened);
        approve(
                        tutor,
                        first,
                        Map.of("startsAt", tomorrow(), "durationMinutes", 45, "meetingUrl", "https://zoom.example/j/1"))
                .then()
                .statusCode(200)
                .body("meetingUrl", equalTo("https://zoom.example/j/1"))
                .body("durationMinutes", equalTo(45));

        SignedIn other = Accounts.newUser("STUDENT");
        String second = askOk(other, screened);
        reject(tutor, second, "  The group is full.  ")
                .then()
                .statusCode(200)
                .body("state", equalTo("REJECTED"))
                .body("rejectionReason", equalTo("The group is full."));
        assertThat(approved(other, screened)).isFalse();
        assertThat(subjects(other)).contains("Preliminary meeting declined");
    }

    @Test
    void oneMeetingPerStudentAndPackWithdrawnOnesExcepted() {
        String id = askOk(student, screened);
        ask(student, screened, Map.of()).then().statusCode(409).body("code", equalTo("preliminary_meeting.exists"));
        student.api()
                .post("/api/v1/preliminary-meetings/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"));
        String again = askOk(student, screened);
        reject(tutor, again, "Not a fit").then().statusCode(200);
        ask(student, screened, Map.of()).then().statusCode(409).body("code", equalTo("preliminary_meeting.exists"));
    }

    @Test
    void parallelRequestsMakeOneMeeting() {
        List<Integer> statuses = Parallel.run(
                8, i -> ask(student, screened, Map.of()).then().extract().statusCode());
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        long rows = TenantContext.callAs(
                TenantId.DEFAULT, () -> jdbc.sql("SELECT count(*) FROM preliminary_meetings WHERE student_id = :s")
                        .param("s", student.userId())
                        .query(Long.class)
                        .single());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void aGuardianAsksForALinkedStudentOnly() {
        SignedIn guardian = linkedGuardian(student);
        String id = ask(guardian, screened, Map.of("studentId", student.userId().toString()))
                .then()
                .statusCode(201)
                .body("studentId", equalTo(student.userId().toString()))
                .body("requestedBy", equalTo(guardian.userId().toString()))
                .extract()
                .path("id");
        ask(guardian, screened, Map.of()).then().statusCode(422).body("errors.field", hasItem("studentId"));
        ask(
                        guardian,
                        screened,
                        Map.of("studentId", Accounts.newUser("STUDENT").userId().toString()))
                .then()
                .statusCode(404)
                .body("code", equalTo("student.not_found"));
        ask(guardian, screened, Map.of("studentId", guardian.userId().toString()))
                .then()
                .statusCode(404);
        // a student cannot ask for someone else
        ask(
                        Accounts.newUser("STUDENT"),
                        screened,
                        Map.of("studentId", student.userId().toString()))
                .then()
                .statusCode(404);

        guardian.api()
                .get("/api/v1/preliminary-meetings")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].id", equalTo(id));
        student.api().get("/api/v1/preliminary-meetings").then().statusCode(200).body("content[0].id", equalTo(id));
        guardian.api().get("/api/v1/preliminary-meetings/" + id).then().statusCode(200);

        approve(tutor, id, Map.of("startsAt", tomorrow())).then().statusCode(200);
        assertThat(subjects(guardian)).contains("Preliminary meeting approved");
        assertThat(approved(student, screened)).isTrue();
        guardian.api()
                .post("/api/v1/preliminary-meetings/" + id + "/cancel")
                .then()
                .statusCode(409)
                .body("code", equalTo("preliminary_meeting.not_requested"));
    }

    @Test
    void onlyStudentsAndGuardiansAskAndOnlyThePacksTutorDecides() {
        ask(tutor, screened, Map.of()).then().statusCode(403);
        ask(admin, screened, Map.of()).then().statusCode(403);
        String id = askOk(student, screened);
        approve(student, id, Map.of("startsAt", tomorrow())).then().statusCode(403);
        reject(student, id, "no").then().statusCode(403);
        approve(admin, id, Map.of("startsAt", tomorrow())).then().statusCode(403);
        SignedIn otherTutor = Accounts.newUser("TUTOR");
        approve(otherTutor, id, Map.of("startsAt", tomorrow()))
                .then()
                .statusCode(404)
                .body("code", equalTo("preliminary_meeting.not_found"));
        reject(otherTutor, id, "no").then().statusCode(404);
        tutor.api()
                .post("/api/v1/preliminary-meetings/" + id + "/cancel")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        Accounts.newUser("STUDENT")
                .api()
                .post("/api/v1/preliminary-meetings/" + id + "/cancel")
                .then()
                .statusCode(404)
                .body("code", equalTo("preliminary_meeting.not_found"));
        io.lyceum.testsupport.http.Http.given()
                .get("/api/v1/preliminary-meetings")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
    }

    @Test
    void thePackMustBeOpenAndRequireScreening() {
        ask(student, UUID.randomUUID().toString(), Map.of())
                .then()
                .statusCode(404)
                .body("code", equalTo("course_pack.not_found"));
        ask(student, pack(tutor, true, false), Map.of()).then().statusCode(404);
        ask(student, pack(tutor, false, true), Map.of())
                .then()
                .statusCode(409)
                .body("code", equalTo("preliminary_meeting.not_required"));
        String removed = pack(tutor, true, true);
        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", "Copyright complaint"))
                .post("/api/v1/admin/course-packs/" + removed + "/remove")
                .then()
                .statusCode(200);
        ask(student, removed, Map.of()).then().statusCode(404);
        ask(student, "not-a-uuid", Map.of()).then().statusCode(400);
    }

    @Test
    void badInputIs422() {
        String id = askOk(student, screened);
        ask(student, screened, Map.of("message", "x".repeat(2001))).then().statusCode(422);
        approve(tutor, id, Map.of()).then().statusCode(422).body("errors.field", hasItem("startsAt"));
        approve(
                        tutor,
                        id,
                        Map.of(
                                "startsAt",
                                Instant.now().minus(Duration.ofHours(1)).toString()))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("startsAt"));
        approve(tutor, id, Map.of("startsAt", tomorrow(), "durationMinutes", 5))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("durationMinutes"));
        approve(tutor, id, Map.of("startsAt", tomorrow(), "meetingUrl", "http://insecure.example.com/room"))
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("meetingUrl"));
        approve(tutor, id, Map.of("startsAt", "tomorrow")).then().statusCode(400);
        reject(tutor, id, " ").then().statusCode(422);
        reject(tutor, id, "r".repeat(1001)).then().statusCode(422);
        tutor.api()
                .get("/api/v1/preliminary-meetings/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("REQUESTED"));
    }

    @Test
    void decisionsHappenOnce() {
        String id = askOk(student, screened);
        approve(tutor, id, Map.of("startsAt", tomorrow())).then().statusCode(200);
        approve(tutor, id, Map.of("startsAt", tomorrow()))
                .then()
                .statusCode(409)
                .body("code", equalTo("preliminary_meeting.not_requested"));
        reject(tutor, id, "changed my mind").then().statusCode(409);
        student.api()
                .post("/api/v1/preliminary-meetings/" + id + "/cancel")
                .then()
                .statusCode(409)
                .body("code", equalTo("preliminary_meeting.not_requested"));
    }

    @Test
    void everyoneSeesOnlyTheirOwn() {
        String mine = askOk(student, screened);
        SignedIn other = Accounts.newUser("STUDENT");
        String theirs = askOk(other, screened);
        String otherPack = pack(Tutors.approved(admin, "Europe/London").tutor(), true, true);
        String elsewhere = askOk(other, otherPack);

        other.api()
                .get("/api/v1/preliminary-meetings/" + mine)
                .then()
                .statusCode(404)
                .body("code", equalTo("preliminary_meeting.not_found"));
        student.api()
                .get("/api/v1/preliminary-meetings")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].id", equalTo(mine));
        tutor.api().get("/api/v1/preliminary-meetings").then().statusCode(200).body("page.totalElements", equalTo(2));
        tutor.api()
                .get("/api/v1/preliminary-meetings/" + elsewhere)
                .then()
                .statusCode(404)
                .body("code", equalTo("preliminary_meeting.not_found"));
        tutor.api()
                .get("/api/v1/preliminary-meetings?state=REQUESTED&coursePackId=" + screened + "&size=1")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(2))
                .body("page.totalPages", equalTo(2))
                .body("content.size()", equalTo(1));
        admin.api()
                .get("/api/v1/preliminary-meetings?coursePackId=" + otherPack)
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].id", equalTo(elsewhere));
        admin.api().get("/api/v1/preliminary-meetings/" + theirs).then().statusCode(200);
        student.api()
                .get("/api/v1/preliminary-meetings?state=NOPE")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));

        String slug = Tenants.uniqueSlug("prelim");
        SignedIn otherOwner = Tenants.newTenantWithOwner(slug);
        otherOwner
                .api()
                .get("/api/v1/preliminary-meetings/" + mine)
                .then()
                .statusCode(404)
                .body("code", equalTo("preliminary_meeting.not_found"));
        otherOwner
                .api()
                .get("/api/v1/preliminary-meetings")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(0));
        Accounts.newUser("STUDENT", slug)
                .api()
                .contentType("application/json")
                .body(Map.of())
                .post("/api/v1/course-packs/" + screened + "/preliminary-meetings")
                .then()
                .statusCode(404)
                .body("code", equalTo("course_pack.not_found"));
    }
}
