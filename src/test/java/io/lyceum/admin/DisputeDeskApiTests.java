package io.lyceum.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.messaging.ConversationType;
import io.lyceum.messaging.MessagingApi;
import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The disputes desk: a lesson the student disputed, shown to admins with both statements, the lesson record and the
 * messages around it, settled through scheduling's resolve route.
 */
class DisputeDeskApiTests extends ApiTestBase {

    static final String DESK = "/api/v1/admin/disputes";

    @Autowired
    MessagingApi messaging;

    TenantId tenant() {
        return Tenants.idOf(jdbc, null);
    }

    @Test
    void adminsSeeBothStatementsTheLessonRecordAndTheMessagesThenSettleThroughScheduling() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        UUID booking = completedLesson(tutor.userId(), student.userId(), start);
        UUID conversation = TenantContext.callAs(
                tenant(),
                () -> messaging.openConversation(
                        ConversationType.STUDENT_TUTOR, student.userId(), tutor.userId(), "TEST"));
        send(student, conversation, "Will you send the worksheet before the lesson?");
        send(tutor, conversation, "Yes, it is in the materials.");

        student.api()
                .contentType("application/json")
                .body(Map.of("reason", "The tutor left after 20 minutes"))
                .post("/api/v1/bookings/" + booking + "/dispute")
                .then()
                .statusCode(200)
                .body("state", equalTo("DISPUTED"));

        // the other party answers, once
        statement(tutor, booking, "The student's connection dropped; I waited 40 minutes")
                .then()
                .statusCode(201)
                .body("authorRole", equalTo("TUTOR"))
                .body("opening", equalTo(false));
        statement(tutor, booking, "again").then().statusCode(409).body("code", equalTo("dispute.statement_exists"));
        statement(Accounts.newUser("STUDENT"), booking, "me too")
                .then()
                .statusCode(404)
                .body("code", equalTo("dispute.not_found"));
        statement(admin, booking, "admins do not give statements")
                .then()
                .statusCode(404)
                .body("code", equalTo("dispute.not_found"));
        statement(student, booking, "  ").then().statusCode(422);

        // the desk: admins only
        student.api().get(DESK).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        tutor.api().get(DESK + "/" + booking).then().statusCode(403).body("code", equalTo("auth.forbidden"));

        var queue = admin.api()
                .queryParam("size", 100)
                .get(DESK)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        int index = queue.getList("content.bookingId", String.class).indexOf(booking.toString());
        assertThat(index).isNotNegative();
        assertThat(queue.getString("content[" + index + "].statement")).isEqualTo("The tutor left after 20 minutes");
        assertThat(queue.getString("content[" + index + "].openedByRole")).isEqualTo("STUDENT");
        admin.api()
                .queryParam("status", "CLOSED")
                .get(DESK)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));

        var detail = admin.api()
                .get(DESK + "/" + booking)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(detail.getList("statements.statement", String.class))
                .containsExactly(
                        "The tutor left after 20 minutes", "The student's connection dropped; I waited 40 minutes");
        assertThat(detail.getList("statements.opening", Boolean.class)).containsExactly(true, false);
        assertThat(detail.getString("statements[1].authorName")).isEqualTo("Test tutor");
        assertThat(detail.getString("lesson.recordingUrl")).isEqualTo("https://recordings.example.com/" + booking);
        assertThat(detail.getList("lesson.attendance")).hasSize(1);
        assertThat(detail.getString("lesson.attendance[0].participants[0].name"))
                .isEqualTo("Tutor");
        assertThat(detail.getList("messages.body", String.class))
                .containsExactly("Will you send the worksheet before the lesson?", "Yes, it is in the materials.");
        assertThat(detail.getString("settle.path")).isEqualTo("/api/v1/admin/bookings/" + booking + "/resolve");
        assertThat(detail.getList("settle.outcomes", String.class))
                .containsExactly("REFUND_STUDENT", "RELEASE_TUTOR", "SPLIT");
        // the admin's read is in the conversation's moderation log
        long reads = TenantContext.callAs(tenant(), () -> jdbc.sql("""
                        SELECT count(*) FROM chat_moderation_log WHERE conversation_id = :c AND action = 'ADMIN_READ'
                          AND reason = :reason
                        """)
                .param("c", conversation)
                .param("reason", "disputes desk: booking " + booking)
                .query(Long.class)
                .single());
        assertThat(reads).isEqualTo(1);

        // settled through scheduling's route, as the desk says
        admin.api()
                .contentType("application/json")
                .body(Map.of("outcome", "SPLIT", "studentSharePercent", 50, "note", "both partly right"))
                .post(detail.getString("settle.path"))
                .then()
                .statusCode(200)
                .body("state", equalTo("RESOLVED"));
        statement(student, booking, "late").then().statusCode(409).body("code", equalTo("dispute.closed"));
        var resolved = admin.api()
                .queryParam("status", "RESOLVED")
                .queryParam("size", 100)
                .get(DESK)
                .then()
                .extract()
                .jsonPath();
        int at = resolved.getList("content.bookingId", String.class).indexOf(booking.toString());
        assertThat(at).isNotNegative();
        assertThat(resolved.getString("content[" + at + "].resolution.outcome")).isEqualTo("SPLIT");
        assertThat(resolved.getInt("content[" + at + "].resolution.studentRefundAmount"))
                .isEqualTo(1500);
        admin.api()
                .get(DESK + "/" + booking)
                .then()
                .body("resolutionNote", equalTo("both partly right"))
                .body("resolvedBy", equalTo(admin.userId().toString()));
        assertThat(admin.api()
                        .queryParam("size", 100)
                        .get(DESK)
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("content.bookingId"))
                .doesNotContain(booking.toString());
    }

    @Test
    void aBookingThatWasNeverDisputedIsNotOnTheDesk() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        UUID booking =
                completedLesson(tutor.userId(), student.userId(), Instant.now().minus(Duration.ofHours(5)));
        admin.api().get(DESK + "/" + booking).then().statusCode(404).body("code", equalTo("dispute.not_found"));
        admin.api()
                .get(DESK + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("dispute.not_found"));
        statement(student, booking, "nothing to dispute")
                .then()
                .statusCode(404)
                .body("code", equalTo("dispute.not_found"));
        String slug = Tenants.uniqueSlug("disp");
        SignedIn farOwner = Tenants.newTenantWithOwner(slug);
        farOwner.api().get(DESK + "/" + booking).then().statusCode(404).body("code", equalTo("dispute.not_found"));
    }

    io.lyceum.testsupport.http.Response statement(SignedIn who, UUID booking, String text) {
        return who.api()
                .contentType("application/json")
                .body(Map.of("statement", text))
                .post("/api/v1/disputes/" + booking + "/statements");
    }

    void send(SignedIn sender, UUID conversation, String body) {
        sender.api()
                .contentType("application/json")
                .body(Map.of("conversationId", conversation.toString(), "body", body))
                .post("/api/v1/messages")
                .then()
                .statusCode(201);
    }

    /**
     * A completed lesson written straight into the bookings table, with the lesson record a Lessonspace room would
     * have left: a recording link and one session's attendance.
     */
    UUID completedLesson(UUID tutor, UUID student, Instant start) {
        UUID id = Ids.newId();
        Instant end = start.plus(Duration.ofHours(1));
        TenantContext.runAs(tenant(), () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, trial,
                                              starts_at, ends_at, occupied_until, state, price_amount, price_currency,
                                              meeting_provider, meeting_url, recording_url, attendance,
                                              created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, false, :start, :end, :end, 'COMPLETED',
                                3000, 'GBP', 'lessonspace', 'https://lessonspace.example.com/room', :recording,
                                CAST(:attendance AS jsonb), now(), now())
                        """)
                .param("id", id)
                .param("t", tenant().value())
                .param("tutor", tutor)
                .param("student", student)
                .param("subject", UUID.randomUUID())
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", end.atOffset(ZoneOffset.UTC))
                .param("recording", "https://recordings.example.com/" + id)
                .param("attendance", """
                        {"sessions": [{"participants": [{"name": "Tutor", "joined": "%s"}]}]}
                        """.formatted(start))
                .update());
        return id;
    }
}
