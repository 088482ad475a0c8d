package io.lyceum.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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

/**
 * The parties' read of a dispute's statements ({@code GET /api/v1/disputes/{bookingId}/statements}): both sides read
 * the opening statement and each other's, while open and after the decision; nobody else does.
 */
class DisputeStatementsApiTests extends ApiTestBase {

    @Test
    void bothPartiesReadEachOthersStatementsAndNobodyElseDoes() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        UUID booking = completedLesson(tutor.userId(), student.userId());
        // never disputed: nothing to read, even for its student
        statements(student, booking).then().statusCode(404).body("code", equalTo("dispute.not_found"));

        student.api()
                .contentType("application/json")
                .body(Map.of("reason", "The tutor left after 20 minutes"))
                .post("/api/v1/bookings/" + booking + "/dispute")
                .then()
                .statusCode(200);
        tutor.api()
                .contentType("application/json")
                .body(Map.of("statement", "The student's connection dropped"))
                .post("/api/v1/disputes/" + booking + "/statements")
                .then()
                .statusCode(201);

        for (SignedIn party : new SignedIn[] {student, tutor}) {
            var read =
                    statements(party, booking).then().statusCode(200).extract().jsonPath();
            assertThat(read.getList("statement", String.class))
                    .containsExactly("The tutor left after 20 minutes", "The student's connection dropped");
            assertThat(read.getList("opening", Boolean.class)).containsExactly(true, false);
            assertThat(read.getList("authorRole", String.class)).containsExactly("STUDENT", "TUTOR");
            assertThat(read.getString("[1].authorName")).isEqualTo("Test tutor");
        }
        statements(Accounts.newUser("STUDENT"), booking)
                .then()
                .statusCode(404)
                .body("code", equalTo("dispute.not_found"));
        statements(Accounts.newUser("GUARDIAN"), booking)
                .then()
                .statusCode(404)
                .body("code", equalTo("dispute.not_found"));
        statements(admin, booking).then().statusCode(404).body("code", equalTo("dispute.not_found"));
        Accounts.request(null)
                .get("/api/v1/disputes/" + booking + "/statements")
                .then()
                .statusCode(401);

        // after the decision the statements stay readable for the parties
        admin.api()
                .contentType("application/json")
                .body(Map.of("outcome", "REFUND_STUDENT", "note", "The recording shows 20 minutes"))
                .post("/api/v1/admin/bookings/" + booking + "/resolve")
                .then()
                .statusCode(200);
        statements(student, booking).then().statusCode(200).body("size()", equalTo(2));
    }

    io.lyceum.testsupport.http.Response statements(SignedIn who, UUID booking) {
        return who.api().get("/api/v1/disputes/" + booking + "/statements");
    }

    UUID completedLesson(UUID tutor, UUID student) {
        UUID id = Ids.newId();
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        TenantContext.runAs(TenantId.DEFAULT, () -> jdbc.sql("""
                        INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id, trial,
                                              starts_at, ends_at, occupied_until, state, price_amount, price_currency,
                                              created_at, updated_at)
                        VALUES (:id, :t, :tutor, :student, :student, :subject, false, :start, :end, :end, 'COMPLETED',
                                3000, 'GBP', now(), now())
                        """)
                .param("id", id)
                .param("t", TenantId.DEFAULT.value())
                .param("tutor", tutor)
                .param("student", student)
                .param("subject", UUID.randomUUID())
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", start.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                .update());
        return id;
    }
}
