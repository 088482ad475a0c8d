package io.lyceum.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.lyceum.messaging.ConversationType;
import io.lyceum.messaging.MessagingApi;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Reports: filing what one can see, the reporter's view, the admin desk's workflow and its effects. */
class ReportApiTests extends ApiTestBase {

    static final String REPORTS = "/api/v1/reports";
    static final String MY = "/api/v1/my-reports";
    static final String DESK = "/api/v1/admin/reports";

    @Autowired
    MessagingApi messaging;

    static Response report(SignedIn who, String type, UUID target, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("targetType", type);
        body.put("targetId", target == null ? null : target.toString());
        body.put("description", description);
        return who.api().contentType("application/json").body(body).post(REPORTS);
    }

    static UUID reported(SignedIn who, String type, UUID target) {
        return UUID.fromString(report(who, type, target, "This is not right")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    static Response post(SignedIn who, String path, Map<String, ?> body) {
        return who.api().contentType("application/json").body(body).post(path);
    }

    TenantId tenant() {
        return Tenants.idOf(jdbc, null);
    }

    long count(String sql, Map<String, ?> params) {
        return TenantContext.callAs(tenant(), () -> jdbc.sql(sql)
                .params(new HashMap<>(params))
                .query(Long.class)
                .single());
    }

    @Test
    void anyoneSignedInReportsWhatTheyCanSeeAndFollowsItWithoutTheAdminNote() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        SignedIn student = Accounts.newUser("STUDENT");

        var filed = report(student, "PROFILE", tutor.id(), "  Asks students to pay outside the platform  ")
                .then()
                .statusCode(201)
                .body("status", equalTo("OPEN"))
                .body("targetType", equalTo("PROFILE"))
                .body("description", equalTo("Asks students to pay outside the platform"))
                .body("$", not(hasKey("adminNote")))
                .body("$", not(hasKey("assigneeId")))
                .extract()
                .jsonPath();
        assertThat(filed.getString("targetLabel")).isNotBlank();
        UUID id = UUID.fromString(filed.getString("id"));

        student.api()
                .get(MY)
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].id", equalTo(id.toString()));
        student.api().get(MY + "/" + id).then().statusCode(200).body("status", equalTo("OPEN"));
        // someone else's report does not exist for them
        Accounts.newUser("STUDENT")
                .api()
                .get(MY + "/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("report.not_found"));
        Accounts.newUser("STUDENT").api().get(MY).then().body("page.totalElements", equalTo(0));

        // the same thing again while it is handled
        report(student, "PROFILE", tutor.id(), "again")
                .then()
                .statusCode(409)
                .body("code", equalTo("report.duplicate"));
    }

    @Test
    void reportingWhatOneCannotSeeIsNotFoundAndBadReportsAreRefused() {
        SignedIn student = Accounts.newUser("STUDENT");
        // no such user, a tutor whose profile is not public, a user of another tenant
        report(student, "USER", UUID.randomUUID(), "x")
                .then()
                .statusCode(404)
                .body("code", equalTo("report.target_not_found"));
        SignedIn draftTutor = Accounts.newUser("TUTOR");
        report(student, "PROFILE", draftTutor.userId(), "x")
                .then()
                .statusCode(404)
                .body("code", equalTo("report.target_not_found"));
        String slug = Tenants.uniqueSlug("rep");
        Tenants.newTenantWithOwner(slug);
        SignedIn far = Accounts.newUser("STUDENT", slug);
        report(student, "USER", far.userId(), "x")
                .then()
                .statusCode(404)
                .body("code", equalTo("report.target_not_found"));
        report(student, "COURSE_PACK", UUID.randomUUID(), "x")
                .then()
                .statusCode(404)
                .body("code", equalTo("report.target_not_found"));

        // a message of a conversation the reporter is not in
        SignedIn a = Accounts.newUser("STUDENT");
        SignedIn t = Accounts.newUser("TUTOR");
        UUID message = message(a, t, "hello there");
        report(student, "MESSAGE", message, "x")
                .then()
                .statusCode(404)
                .body("code", equalTo("report.target_not_found"));

        report(student, "USER", student.userId(), "x")
                .then()
                .statusCode(422)
                .body("code", equalTo("report.own_target"));
        report(a, "MESSAGE", message, "x").then().statusCode(422).body("code", equalTo("report.own_target"));
        report(student, "REVIEW", UUID.randomUUID(), "x")
                .then()
                .statusCode(404)
                .body("code", equalTo("report.target_not_found"));
        report(student, "USER", a.userId(), " ")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        report(student, "PLANET", a.userId(), "x")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"));
        Accounts.request(null)
                .contentType("application/json")
                .body(Map.of("targetType", "USER", "targetId", a.userId().toString(), "description", "x"))
                .post(REPORTS)
                .then()
                .statusCode(401);
        Accounts.request(null).get(MY).then().statusCode(401);
    }

    @Test
    void theDeskIsForAdminsOnly() {
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn other = Accounts.newUser("STUDENT");
        UUID id = reported(student, "USER", other.userId());
        for (SignedIn who : List.of(student, Accounts.newUser("TUTOR"), Accounts.newUser("GUARDIAN"))) {
            who.api().get(DESK).then().statusCode(403).body("code", equalTo("auth.forbidden"));
            who.api().get(DESK + "/" + id).then().statusCode(403).body("code", equalTo("auth.forbidden"));
            post(
                            who,
                            DESK + "/" + id + "/assign",
                            Map.of("assigneeId", who.userId().toString()))
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
            post(who, DESK + "/" + id + "/investigate", Map.of())
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
            post(who, DESK + "/" + id + "/resolve", Map.of("resolution", "DISMISSED"))
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
        }
        Accounts.request(null).get(DESK).then().statusCode(401);
        // another tenant's admin does not see it
        String slug = Tenants.uniqueSlug("desk");
        SignedIn farOwner = Tenants.newTenantWithOwner(slug);
        farOwner.api().get(DESK + "/" + id).then().statusCode(404).body("code", equalTo("report.not_found"));
        post(farOwner, DESK + "/" + id + "/investigate", Map.of())
                .then()
                .statusCode(404)
                .body("code", equalTo("report.not_found"));
    }

    @Test
    void adminsAssignInvestigateAndWarnWithHistoryAndAuditAndTheReporterNeverSeesTheNote() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn colleague = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn tutor = Accounts.newUser("TUTOR");
        UUID id = reported(student, "USER", tutor.userId());

        // the queue, with filters
        admin.api()
                .queryParam("reporterId", student.userId())
                .get(DESK)
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].status", equalTo("OPEN"))
                .body("content[0].targetUserId", equalTo(tutor.userId().toString()));
        admin.api()
                .queryParam("reporterId", student.userId())
                .queryParam("status", "RESOLVED")
                .get(DESK)
                .then()
                .body("page.totalElements", equalTo(0));
        admin.api()
                .queryParam("targetUserId", tutor.userId())
                .queryParam("unassigned", true)
                .get(DESK)
                .then()
                .body("page.totalElements", equalTo(1));
        admin.api()
                .queryParam("status", "NOPE")
                .get(DESK)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
        admin.api()
                .queryParam("sort", "description,asc")
                .get(DESK)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));

        // assign: to staff only
        post(
                        admin,
                        DESK + "/" + id + "/assign",
                        Map.of("assigneeId", student.userId().toString()))
                .then()
                .statusCode(422)
                .body("code", equalTo("report.assignee_not_staff"));
        post(
                        admin,
                        DESK + "/" + id + "/assign",
                        Map.of("assigneeId", colleague.userId().toString()))
                .then()
                .statusCode(200)
                .body("report.assigneeId", equalTo(colleague.userId().toString()))
                .body("assignee.id", equalTo(colleague.userId().toString()));
        post(colleague, DESK + "/" + id + "/investigate", Map.of("note", "looking at their messages"))
                .then()
                .statusCode(200)
                .body("report.status", equalTo("INVESTIGATING"));
        post(colleague, DESK + "/" + id + "/investigate", Map.of())
                .then()
                .statusCode(409)
                .body("code", equalTo("report.invalid_transition"));
        // a USER report cannot have "content removed"
        post(colleague, DESK + "/" + id + "/resolve", Map.of("resolution", "CONTENT_REMOVED"))
                .then()
                .statusCode(422)
                .body("code", equalTo("report.resolution_not_applicable"));
        post(colleague, DESK + "/" + id + "/resolve", Map.of("resolution", "SHRUGGED"))
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"));

        var resolved = post(
                        colleague,
                        DESK + "/" + id + "/resolve",
                        Map.of(
                                "resolution", "WARNED",
                                "publicResolution", "We warned the tutor.",
                                "adminNote", "Second complaint this month; ban next time",
                                "message", "Please keep lessons on the platform."))
                .then()
                .statusCode(200)
                .body("report.status", equalTo("RESOLVED"))
                .body("report.resolution", equalTo("WARNED"))
                .body("report.adminNote", equalTo("Second complaint this month; ban next time"))
                .extract()
                .jsonPath();
        assertThat(resolved.getList("history.to", String.class))
                .containsExactly("OPEN", "OPEN", "INVESTIGATING", "RESOLVED");
        assertThat(resolved.getString("history[3].details.resolution")).isEqualTo("WARNED");
        assertThat(resolved.getString("history[1].details.assigneeId"))
                .isEqualTo(colleague.userId().toString());

        // the warning message reached the tutor, in the admin–tutor channel, naming the report
        assertThat(count("""
                        SELECT count(*) FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id
                        WHERE m.type = 'WARNING' AND c.type = 'ADMIN_TUTOR' AND c.participant_b = :tutor
                          AND m.content ->> 'complaintId' = :report AND m.content ->> 'resolutionType' = 'warn'
                          AND m.body = 'Please keep lessons on the platform.'
                        """, Map.of("tutor", tutor.userId(), "report", id.toString())))
                .isEqualTo(1);

        // closed: no more moves
        post(admin, DESK + "/" + id + "/resolve", Map.of("resolution", "DISMISSED"))
                .then()
                .statusCode(409)
                .body("code", equalTo("report.invalid_transition"));
        post(
                        admin,
                        DESK + "/" + id + "/assign",
                        Map.of("assigneeId", admin.userId().toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("report.invalid_transition"));

        // the reporter sees the outcome and what the admin chose to say, never the note
        String mine = student.api()
                .get(MY + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(mine)
                .contains("\"resolution\":\"WARNED\"", "We warned the tutor.")
                .doesNotContain("ban next time");
        String list = student.api().get(MY).then().extract().asString();
        assertThat(list).doesNotContain("ban next time").doesNotContain("adminNote");

        // the audit log has each admin action
        awaitAudit(admin, id, 3);
        var actions = admin.api()
                .queryParam("subjectId", id)
                .queryParam("sort", "occurredAt,asc")
                .get("/api/v1/admin/audit-log")
                .then()
                .extract()
                .jsonPath();
        assertThat(actions.getList("content.action", String.class))
                .containsExactly("REPORT_ASSIGNED", "REPORT_INVESTIGATING", "REPORT_RESOLVED");
        assertThat(actions.getString("content[2].after.resolution")).isEqualTo("WARNED");
        assertThat(actions.getString("content[2].subjectType")).isEqualTo("REPORT");
    }

    @Test
    void twoAdminsResolvingAtOnceOneWinsAndTheOtherIsTold() {
        SignedIn first = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn second = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn tutor = Accounts.newUser("TUTOR");
        UUID id = reported(student, "USER", tutor.userId());

        List<Response> answers = Parallel.run(
                6,
                i -> post(
                        i % 2 == 0 ? first : second,
                        DESK + "/" + id + "/resolve",
                        Map.of("resolution", i % 3 == 0 ? "WARNED" : "USER_SUSPENDED", "adminNote", "admin " + i)));
        assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.statusCode() == 409))
                .hasSize(5)
                .allSatisfy(r -> assertThat(r.jsonPath().getString("code")).isEqualTo("report.invalid_transition"));

        // one resolution, one history entry, one effect
        assertThat(count(
                        "SELECT count(*) FROM admin_report_history WHERE report_id = :r AND to_status = 'RESOLVED'",
                        Map.of("r", id)))
                .isEqualTo(1);
        String winner = answers.stream()
                .filter(r -> r.statusCode() == 200)
                .findFirst()
                .orElseThrow()
                .jsonPath()
                .getString("report.resolution");
        long warnings = count(
                "SELECT count(*) FROM chat_messages WHERE type = 'WARNING' AND content ->> 'complaintId' = :r",
                Map.of("r", id.toString()));
        assertThat(warnings).isEqualTo(winner.equals("WARNED") ? 1 : 0);
        String status = first.api()
                .get("/api/v1/admin/users/" + tutor.userId())
                .then()
                .extract()
                .path("status");
        assertThat(status).isEqualTo(winner.equals("USER_SUSPENDED") ? "SUSPENDED" : "ACTIVE");
    }

    @Test
    void removingAReportedMessageDeletesItThroughMessagingAndIsAudited() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn tutor = Accounts.newUser("TUTOR");
        UUID message = message(student, tutor, "pay me in cash outside the platform");
        UUID id = UUID.fromString(report(tutor, "MESSAGE", message, "asks for cash")
                .then()
                .statusCode(201)
                .body("targetLabel", equalTo("pay me in cash outside the platform"))
                .extract()
                .path("id"));

        post(admin, DESK + "/" + id + "/resolve", Map.of("resolution", "CONTENT_REMOVED", "adminNote", "removed"))
                .then()
                .statusCode(200)
                .body("report.status", equalTo("RESOLVED"))
                .body("history[1].details.messageRemoved", equalTo(true));
        assertThat(count(
                        "SELECT count(*) FROM chat_messages WHERE id = :m AND deleted_at IS NOT NULL",
                        Map.of("m", message)))
                .isEqualTo(1);
        awaitAudit(admin, message, 1);
        admin.api()
                .queryParam("subjectId", message)
                .get("/api/v1/admin/audit-log")
                .then()
                .body("content[0].action", equalTo("MESSAGE_REMOVED"))
                .body("content[0].subjectType", equalTo("MESSAGE"))
                .body("content[0].actorUserId", equalTo(admin.userId().toString()));
        // a deleted message can no longer be reported
        report(tutor, "MESSAGE", message, "again")
                .then()
                .statusCode(422)
                .body("code", equalTo("report.target_not_reportable"));
    }

    @Test
    void removingAReportedProfileHidesItAndChangesRequiredSendsARequireEditWarning() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        Tutors.Approved tutor = Tutors.approved(jdbc);
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn another = Accounts.newUser("STUDENT");
        Accounts.request(null).get("/api/v1/tutors/" + tutor.id()).then().statusCode(200);

        UUID edit = reported(another, "PROFILE", tutor.id());
        post(admin, DESK + "/" + edit + "/resolve", Map.of("resolution", "CHANGES_REQUIRED"))
                .then()
                .statusCode(200);
        assertThat(count(
                        "SELECT count(*) FROM chat_messages WHERE type = 'WARNING' AND content ->> 'complaintId' = :r "
                                + "AND content ->> 'resolutionType' = 'requireEdit'",
                        Map.of("r", edit.toString())))
                .isEqualTo(1);

        UUID id = reported(student, "PROFILE", tutor.id());
        post(admin, DESK + "/" + id + "/resolve", Map.of("resolution", "CONTENT_REMOVED"))
                .then()
                .statusCode(200)
                .body("history[1].details.profileHidden", equalTo(true));
        Accounts.request(null)
                .get("/api/v1/tutors/" + tutor.id())
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
        admin.api().get("/api/v1/admin/tutors/" + tutor.id()).then().body("status", equalTo("SUSPENDED"));
        // hidden now: nobody can report it any more
        report(Accounts.newUser("STUDENT"), "PROFILE", tutor.id(), "x")
                .then()
                .statusCode(404)
                .body("code", equalTo("report.target_not_found"));
    }

    @Test
    void aReviewIsReportableOnceOthersCanReadItAndRemovingItHidesIt() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        SignedIn tutor = Accounts.newUser("TUTOR");
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn reader = Accounts.newUser("STUDENT");
        UUID booking = completedLesson(tutor.userId(), student.userId());
        UUID review = UUID.fromString(post(
                        student,
                        "/api/v1/reviews",
                        Map.of(
                                "bookingId",
                                booking.toString(),
                                "rating",
                                1,
                                "body",
                                "Useless tutor, avoid at all costs"))
                .then()
                .statusCode(201)
                .extract()
                .path("id"));

        // blind until the tutor has rated the student: nobody else can read it, so nobody else can report it
        report(reader, "REVIEW", review, "unfair")
                .then()
                .statusCode(404)
                .body("code", equalTo("report.target_not_found"));
        report(tutor, "REVIEW", review, "unfair")
                .then()
                .statusCode(404)
                .body("code", equalTo("report.target_not_found"));
        report(student, "REVIEW", review, "mine").then().statusCode(422).body("code", equalTo("report.own_target"));
        post(tutor, "/api/v1/reviews/student-ratings", Map.of("bookingId", booking.toString(), "rating", 4))
                .then()
                .statusCode(201);

        UUID id = UUID.fromString(report(tutor, "REVIEW", review, "Insulting, not about the lesson")
                .then()
                .statusCode(201)
                .body("targetLabel", equalTo("Useless tutor, avoid at all costs"))
                .extract()
                .path("id"));
        admin.api()
                .get(DESK + "/" + id)
                .then()
                .body("report.targetUserId", equalTo(student.userId().toString()));
        post(admin, DESK + "/" + id + "/resolve", Map.of("resolution", "CONTENT_REMOVED", "message", "abusive"))
                .then()
                .statusCode(200)
                .body("history[1].details.reviewHidden", equalTo(true));
        reader.api().get("/api/v1/reviews/" + review).then().statusCode(404).body("code", equalTo("review.not_found"));
        awaitAudit(admin, review, 1);
        admin.api()
                .queryParam("subjectId", review)
                .get("/api/v1/admin/audit-log")
                .then()
                .body("content[0].action", equalTo("REVIEW_HIDDEN"))
                .body("content[0].actorUserId", equalTo(admin.userId().toString()));
        report(reader, "REVIEW", review, "again")
                .then()
                .statusCode(404)
                .body("code", equalTo("report.target_not_found"));
    }

    /** A lesson that ended an hour ago, written straight into the bookings table. */
    UUID completedLesson(UUID tutor, UUID student) {
        UUID id = io.lyceum.shared.Ids.newId();
        java.time.Instant start =
                java.time.Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        TenantContext.runAs(tenant(), () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, trial,
                                              starts_at, ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, false, :start, :end, :end, 'COMPLETED',
                                3000, 'GBP', now(), now())
                        """)
                .param("id", id)
                .param("t", tenant().value())
                .param("tutor", tutor)
                .param("student", student)
                .param("subject", UUID.randomUUID())
                .param("start", start.atOffset(java.time.ZoneOffset.UTC))
                .param("end", start.plus(Duration.ofHours(1)).atOffset(java.time.ZoneOffset.UTC))
                .update());
        return id;
    }

    UUID message(SignedIn student, SignedIn tutor, String body) {
        UUID conversation = TenantContext.callAs(
                tenant(),
                () -> messaging.openConversation(
                        ConversationType.STUDENT_TUTOR, student.userId(), tutor.userId(), "TEST"));
        return UUID.fromString(student.api()
                .contentType("application/json")
                .body(Map.of("conversationId", conversation.toString(), "body", body))
                .post("/api/v1/messages")
                .then()
                .statusCode(201)
                .extract()
                .path("message.id"));
    }

    static void awaitAudit(SignedIn admin, UUID subject, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> admin.api()
                                .queryParam("subjectId", subject)
                                .get("/api/v1/admin/audit-log")
                                .then()
                                .extract()
                                .jsonPath()
                                .getInt("page.totalElements")
                        >= count);
    }
}
