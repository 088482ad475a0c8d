package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every admin decision on a tutor or a booking is in the audit log with its actor, the state before and after, the
 * reason and the request id (tutor approvals and rejections, suspensions and reinstatements, admin cancellations,
 * dispute decisions).
 */
class AdminActionAuditTests extends BookingTestBase {

    /** The one audit entry of this action on this subject, once it has been written. */
    static JsonPath auditEntry(SignedIn admin, UUID subjectId, String action) {
        JsonPath[] found = new JsonPath[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    found[0] = admin.api()
                            .queryParam("subjectId", subjectId)
                            .queryParam("action", action)
                            .get("/api/v1/admin/audit-log")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    return found[0].getInt("page.totalElements") > 0;
                });
        assertThat(found[0].getInt("page.totalElements")).isEqualTo(1);
        return found[0].setRootPath("content[0]");
    }

    private static void adminPost(SignedIn admin, String path, Map<String, ?> body, String requestId) {
        admin.api()
                .header("X-Request-Id", requestId)
                .contentType("application/json")
                .body(body)
                .post(path)
                .then()
                .statusCode(200);
    }

    @Test
    void tutorApprovalSuspensionReinstatementAndRejectionAreAudited() {
        Tutor tutor = tutor();
        SignedIn admin = tutor.admin();
        var approved = auditEntry(admin, tutor.id(), "TUTOR_APPROVED");
        assertThat(approved.getString("actorUserId")).isEqualTo(admin.userId().toString());
        assertThat(approved.getString("subjectType")).isEqualTo("TUTOR");
        assertThat(approved.getString("before.status")).isEqualTo("SUBMITTED");
        assertThat(approved.getString("after.status")).isEqualTo("APPROVED");
        assertThat(approved.getString("requestId")).isNotBlank();

        String suspension = "suspend-" + UUID.randomUUID();
        adminPost(admin, "/api/v1/admin/tutors/" + tutor.id() + "/suspend", Map.of("reason", "complaints"), suspension);
        var suspended = auditEntry(admin, tutor.id(), "TUTOR_SUSPENDED");
        assertThat(suspended.getString("before.status")).isEqualTo("APPROVED");
        assertThat(suspended.getString("after.status")).isEqualTo("SUSPENDED");
        assertThat(suspended.getString("reason")).isEqualTo("complaints");
        assertThat(suspended.getString("requestId")).isEqualTo(suspension);

        String reinstatement = "reinstate-" + UUID.randomUUID();
        adminPost(admin, "/api/v1/admin/tutors/" + tutor.id() + "/reinstate", Map.of(), reinstatement);
        var reinstated = auditEntry(admin, tutor.id(), "TUTOR_REINSTATED");
        assertThat(reinstated.getString("before.status")).isEqualTo("SUSPENDED");
        assertThat(reinstated.getString("after.status")).isEqualTo("APPROVED");
        assertThat(reinstated.getString("requestId")).isEqualTo(reinstatement);

        SignedIn applicant = Tutors.submitted(tutor.subjectId().toString(), "Europe/London");
        String rejection = "reject-" + UUID.randomUUID();
        adminPost(
                admin,
                "/api/v1/admin/tutors/" + applicant.userId() + "/reject",
                Map.of("reason", "no qualifications"),
                rejection);
        var rejected = auditEntry(admin, applicant.userId(), "TUTOR_REJECTED");
        assertThat(rejected.getString("before.status")).isEqualTo("SUBMITTED");
        assertThat(rejected.getString("after.status")).isEqualTo("REJECTED");
        assertThat(rejected.getString("reason")).isEqualTo("no qualifications");
        assertThat(rejected.getString("requestId")).isEqualTo(rejection);
    }

    @Test
    void anAdminCancellationIsAuditedButAStudentsIsNot() {
        Tutor tutor = tutor();
        SignedIn admin = tutor.admin();
        SignedIn student = student();
        UUID byAdmin = paid(student, tutor, slot());
        UUID byStudent = paid(student, tutor, slot());
        String requestId = "cancel-" + UUID.randomUUID();
        adminPost(admin, "/api/v1/bookings/" + byAdmin + "/cancel", Map.of("reason", "tutor unwell"), requestId);
        student.api()
                .contentType("application/json")
                .body(Map.of("reason", "changed my mind"))
                .post("/api/v1/bookings/" + byStudent + "/cancel")
                .then()
                .statusCode(200);

        var cancelled = auditEntry(admin, byAdmin, "BOOKING_CANCELLED");
        assertThat(cancelled.getString("actorUserId")).isEqualTo(admin.userId().toString());
        assertThat(cancelled.getString("subjectType")).isEqualTo("BOOKING");
        assertThat(cancelled.getString("before.state")).isIn("CONFIRMED", "REQUESTED");
        assertThat(cancelled.getString("after.state")).isEqualTo("CANCELLED");
        assertThat(cancelled.getString("reason")).isEqualTo("tutor unwell");
        assertThat(cancelled.getString("requestId")).isEqualTo(requestId);
        assertThat(admin.api()
                        .queryParam("subjectId", byStudent)
                        .get("/api/v1/admin/audit-log")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getInt("page.totalElements"))
                .as("a participant's own cancellation is not an admin action")
                .isZero();
    }

    @Test
    void aDisputeDecisionIsAudited() {
        Tutor tutor = tutor();
        SignedIn admin = tutor.admin();
        SignedIn student = student();
        var start = slot();
        UUID id = paid(student, tutor, start);
        testClock.advanceTo(start.plus(Duration.ofHours(4))); // ended three hours ago: the timers complete it
        awaitState(tutor.tenant(), id, "COMPLETED");
        student.api()
                .contentType("application/json")
                .body(Map.of("reason", "The tutor left early"))
                .post("/api/v1/bookings/" + id + "/dispute")
                .then()
                .statusCode(200);
        String requestId = "resolve-" + UUID.randomUUID();
        adminPost(
                admin,
                "/api/v1/admin/bookings/" + id + "/resolve",
                Map.of("outcome", "SPLIT", "studentSharePercent", 30, "note", "Lesson cut short"),
                requestId);

        var resolved = auditEntry(admin, id, "BOOKING_DISPUTE_RESOLVED");
        assertThat(resolved.getString("before.state")).isEqualTo("DISPUTED");
        assertThat(resolved.getString("after.state")).isEqualTo("RESOLVED");
        assertThat(resolved.getString("after.outcome")).isEqualTo("SPLIT");
        assertThat(resolved.getInt("after.studentRefundAmount")).isEqualTo(900);
        assertThat(resolved.getString("reason")).isEqualTo("Lesson cut short");
        assertThat(resolved.getString("requestId")).isEqualTo(requestId);
    }
}
