package io.lyceum.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.messaging.ConversationType;
import io.lyceum.messaging.MessagingApi;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The moderation log: admin actions on course packs and messages (the paths that had no audit entry before the desk)
 * reach the append-only audit log, whichever route made them; the reports' history and the dispute statements are
 * append-only for the application's role too.
 */
class ModerationLogTests extends ApiTestBase {

    static final String LOG = "/api/v1/admin/audit-log";

    @Autowired
    MessagingApi messaging;

    TenantId tenant() {
        return Tenants.idOf(jdbc, null);
    }

    @Test
    void aReportedCoursePackRemovedIsHiddenRefundableAndInTheLogAsIsOneRemovedFromTheAdminRoute() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        UUID pack = UUID.fromString(DeskFixtures.pack(jdbc, tutor));
        UUID report = ReportApiTests.reported(student, "COURSE_PACK", pack);
        admin.api()
                .get(ReportApiTests.DESK + "/" + report)
                .then()
                .body("report.targetUserId", equalTo(tutor.id().toString()));

        ReportApiTests.post(
                        admin,
                        ReportApiTests.DESK + "/" + report + "/resolve",
                        Map.of("resolution", "CONTENT_REMOVED", "message", "misleading syllabus"))
                .then()
                .statusCode(200)
                .body("history[1].details.coursePackRemoved", equalTo(true));
        Accounts.request(null)
                .get("/api/v1/course-packs/" + pack)
                .then()
                .statusCode(404)
                .body("code", equalTo("pack.not_found"));
        admin.api().get("/api/v1/admin/course-packs/" + pack).then().body("moderationStatus", equalTo("REMOVED"));
        ReportApiTests.awaitAudit(admin, pack, 1);
        admin.api()
                .queryParam("subjectId", pack)
                .get(LOG)
                .then()
                .body("content[0].action", equalTo("COURSE_PACK_REMOVED"))
                .body("content[0].subjectType", equalTo("COURSE_PACK"))
                .body("content[0].after.moderationStatus", equalTo("REMOVED"))
                .body("content[0].after.tutorId", equalTo(tutor.id().toString()));
        // a removed pack cannot be reported again
        ReportApiTests.report(Accounts.newUser("STUDENT"), "COURSE_PACK", pack, "x")
                .then()
                .statusCode(404)
                .body("code", equalTo("report.target_not_found"));

        UUID other = UUID.fromString(DeskFixtures.pack(jdbc, tutor));
        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", "copyright"))
                .post("/api/v1/admin/course-packs/" + other + "/remove")
                .then()
                .statusCode(200);
        ReportApiTests.awaitAudit(admin, other, 1);
        admin.api().queryParam("subjectId", other).get(LOG).then().body("content[0].reason", equalTo("copyright"));
    }

    @Test
    void anAdminsMessageDeletionAndChatModerationAreInTheLog() {
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn tutor = Accounts.newUser("TUTOR");
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        UUID room = TenantContext.callAs(
                tenant(),
                () -> messaging.openConversation(
                        ConversationType.STUDENT_TUTOR, student.userId(), tutor.userId(), "TEST"));
        UUID message = UUID.fromString(student.api()
                .contentType("application/json")
                .body(Map.of("conversationId", room.toString(), "body", "something rude"))
                .post("/api/v1/messages")
                .then()
                .statusCode(201)
                .extract()
                .path("message.id"));
        // the sender deleting their own message is not an admin action
        UUID own = UUID.fromString(student.api()
                .contentType("application/json")
                .body(Map.of("conversationId", room.toString(), "body", "typo"))
                .post("/api/v1/messages")
                .then()
                .statusCode(201)
                .extract()
                .path("message.id"));
        student.api().delete("/api/v1/messages/" + own).then().statusCode(204);

        admin.api().delete("/api/v1/messages/" + message).then().statusCode(204);
        admin.api()
                .contentType("application/json")
                .body(Map.of(
                        "action",
                        "silence",
                        "userId",
                        student.userId().toString(),
                        "reason",
                        "cool off",
                        "duration",
                        3600))
                .post("/api/v1/messages/threads/" + room + "/moderation")
                .then()
                .statusCode(204);

        ReportApiTests.awaitAudit(admin, message, 1);
        admin.api()
                .queryParam("subjectId", message)
                .get(LOG)
                .then()
                .body("content[0].action", equalTo("MESSAGE_REMOVED"))
                .body("content[0].after.senderId", equalTo(student.userId().toString()));
        ReportApiTests.awaitAudit(admin, student.userId(), 1);
        admin.api()
                .queryParam("subjectId", student.userId())
                .get(LOG)
                .then()
                .body("content[0].action", equalTo("CHAT_SILENCE"))
                .body("content[0].after.durationSeconds", equalTo(3600))
                .body("content[0].reason", equalTo("cool off"));
        admin.api().queryParam("subjectId", own).get(LOG).then().body("page.totalElements", equalTo(0));
    }

    @Test
    void reportHistoryAndDisputeStatementsCannotBeRewritten() {
        SignedIn student = Accounts.newUser("STUDENT");
        UUID report = ReportApiTests.reported(
                student, "USER", Accounts.newUser("TUTOR").userId());
        for (String statement : List.of(
                "UPDATE admin_report_history SET reason = 'rewritten' WHERE report_id = :id",
                "DELETE FROM admin_report_history WHERE report_id = :id",
                "UPDATE dispute_statements SET statement = 'rewritten' WHERE booking_id = :id",
                "DELETE FROM dispute_statements WHERE booking_id = :id")) {
            Throwable thrown = catchThrowable(() -> TenantContext.runAs(
                    tenant(), () -> jdbc.sql(statement).param("id", report).update()));
            assertThat(thrown).as(statement).isNotNull();
            assertThat(thrown).rootCause().hasMessageContaining("permission denied");
        }
    }
}
