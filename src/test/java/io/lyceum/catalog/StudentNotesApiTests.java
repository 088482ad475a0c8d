package io.lyceum.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StudentNotesApiTests extends ApiTestBase {

    /**
     * A lesson between the tutor and the student in a state, written as scheduling records it, starting some days from
     * now (negative: in the past). A confirmed lesson is written in the future: one that had ended would be completed
     * by scheduling's auto-complete timer at any moment.
     */
    private void lesson(Tutors.Approved tutor, UUID studentId, String state, int daysFromNow) {
        TenantId tenant = Tenants.idOf(jdbc, null);
        Instant start = Instant.now().plus(Duration.ofDays(daysFromNow)).truncatedTo(ChronoUnit.HOURS);
        TenantContext.runAs(tenant, () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, starts_at,
                                              ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, :start, :end, :end, :state, 0, 'GBP',
                                :start, :start)
                        """)
                .param("id", UUID.randomUUID())
                .param("t", tenant.value())
                .param("tutor", tutor.id())
                .param("student", studentId)
                .param("subject", tutor.subjectId())
                .param("start", Timestamp.from(start))
                .param("end", Timestamp.from(start.plus(Duration.ofHours(1))))
                .param("state", state)
                .update());
    }

    @Test
    void aTutorKeepsPrivateNotesOnStudentsTheyTaught() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn stranger = Accounts.newUser("STUDENT");
        String path = "/api/v1/tutor/student-notes/" + student.userId();

        // not taught yet: no note can be written
        tutor.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("body", "Strong at algebra"))
                .put(path)
                .then()
                .statusCode(404)
                .body("code", equalTo("student.not_found"));
        lesson(tutor, student.userId(), "CONFIRMED", 3);
        tutor.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("body", "Strong at algebra"))
                .put(path)
                .then()
                .statusCode(404)
                .body("code", equalTo("student.not_found"));

        lesson(tutor, student.userId(), "COMPLETED", -4);
        tutor.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("body", "Strong at algebra"))
                .put(path)
                .then()
                .statusCode(201)
                .body("studentId", equalTo(student.userId().toString()))
                .body("version", equalTo(1));
        tutor.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("body", "Strong at algebra; practise geometry"))
                .put(path)
                .then()
                .statusCode(200)
                .body("version", equalTo(2));
        tutor.tutor()
                .api()
                .get(path)
                .then()
                .statusCode(200)
                .body("body", equalTo("Strong at algebra; practise geometry"));
        tutor.tutor()
                .api()
                .get("/api/v1/tutor/student-notes")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].studentId", equalTo(student.userId().toString()));

        // a student the tutor never taught, and another tutor, see nothing
        tutor.tutor()
                .api()
                .get("/api/v1/tutor/student-notes/" + stranger.userId())
                .then()
                .statusCode(404)
                .body("code", equalTo("note.not_found"));
        Tutors.Approved other = Tutors.approved(jdbc);
        other.tutor().api().get(path).then().statusCode(404).body("code", equalTo("note.not_found"));
        other.tutor().api().delete(path).then().statusCode(404).body("code", equalTo("note.not_found"));

        tutor.tutor().api().delete(path).then().statusCode(204);
        tutor.tutor().api().get(path).then().statusCode(404).body("code", equalTo("note.not_found"));
    }

    @Test
    void onlyTutorsWriteNotesAndBadInputChangesNothing() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        SignedIn student = Accounts.newUser("STUDENT");
        lesson(tutor, student.userId(), "COMPLETED", -4);
        String path = "/api/v1/tutor/student-notes/" + student.userId();

        student.api().get(path).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        Accounts.request(null).get(path).then().statusCode(401);
        tutor.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("body", " "))
                .put(path)
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors[0].field", equalTo("body"));
        tutor.tutor()
                .api()
                .contentType("application/json")
                .body(Map.of("body", "x".repeat(10_001)))
                .put(path)
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        tutor.tutor()
                .api()
                .get("/api/v1/tutor/student-notes/not-a-uuid")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
        long notes = jdbc.sql("SELECT count(*) FROM tutor_student_notes WHERE tutor_id = :t")
                .param("t", tutor.id())
                .query(Long.class)
                .single();
        assertThat(notes).isZero();
    }
}
