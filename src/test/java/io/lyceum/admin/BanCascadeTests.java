package io.lyceum.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Banning a tutor through a report: their future lessons are cancelled and refunded by the policy's admin rule,
 * enrollments in their packs are cancelled and refunded pro rata, their profile disappears, and each step is done by
 * the owning module after the ban commits.
 */
class BanCascadeTests extends ApiTestBase {

    private static final AtomicInteger NEXT_SLOT = new AtomicInteger();

    TenantId tenant() {
        return Tenants.idOf(jdbc, null);
    }

    /** A distinct whole hour (UTC) days ahead, so lessons of this class never overlap. */
    static Instant slot() {
        int n = NEXT_SLOT.getAndIncrement();
        return LocalDate.now(ZoneOffset.UTC)
                .plusDays(3 + n / 10)
                .atTime(8 + n % 10, 0)
                .toInstant(ZoneOffset.UTC);
    }

    @Test
    void aBannedTutorsFutureLessonsAreCancelledAndRefundedEnrollmentsRefundedAndProfileHidden() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        OpenSchedules.openAllWeek(jdbc, tenant(), tutor.id(), false, 0, 60);
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn packStudent = Accounts.newUser("STUDENT");
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);

        // a paid one-off lesson, confirmed
        UUID lesson = UUID.fromString(student.api()
                .contentType("application/json")
                .body(Map.of(
                        "tutorId", tutor.id().toString(),
                        "subjectId", tutor.subjectId().toString(),
                        "startsAt", slot().toString(),
                        "durationMinutes", 60,
                        "trial", false))
                .post("/api/v1/bookings")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        checkout(student, lesson);
        await().atMost(Duration.ofSeconds(20)).until(() -> "CONFIRMED".equals(bookingState(lesson)));

        // a paid enrollment in the tutor's pack: 3 lessons for 100.00
        String pack = pack(tutor);
        Map<String, Object> enrollment = packStudent
                .api()
                .contentType("application/json")
                .body(Map.of(
                        "coursePackId",
                        pack,
                        "lessonStarts",
                        List.of(slot().toString(), slot().toString(), slot().toString())))
                .post("/api/v1/enrollments")
                .then()
                .statusCode(201)
                .extract()
                .path("");
        String enrollmentId = (String) enrollment.get("id");
        checkout(packStudent, UUID.fromString((String) enrollment.get("orderId")));
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE"
                .equals(packStudent
                        .api()
                        .get("/api/v1/enrollments/" + enrollmentId)
                        .path("status")));

        // a student reports the tutor; the admin bans them
        UUID report = ReportApiTests.reported(student, "USER", tutor.id());
        ReportApiTests.post(
                        admin,
                        ReportApiTests.DESK + "/" + report + "/resolve",
                        Map.of("resolution", "USER_BANNED", "message", "payments outside the platform"))
                .then()
                .statusCode(200)
                .body("report.resolution", equalTo("USER_BANNED"));

        // at once: banned, signed out
        admin.api().get("/api/v1/admin/users/" + tutor.id()).then().body("status", equalTo("BANNED"));
        tutor.tutor().api().get("/api/v1/my-reports").then().statusCode(401);

        // then, module by module: the lesson cancelled by the admin and refunded in full
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(bookingState(lesson)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "REFUNDED"
                .equals(student.api().get("/api/v1/payments/status/" + lesson).path("status")));
        student.api().get("/api/v1/payments/status/" + lesson).then().body("refunded.amount", equalTo(3000));
        var history = student.api()
                .get("/api/v1/bookings/" + lesson + "/history")
                .then()
                .extract()
                .jsonPath();
        assertThat(history.getString("content[-1].to")).isEqualTo("CANCELLED");
        assertThat(history.getString("content[-1].actorId"))
                .isEqualTo(admin.userId().toString());
        assertThat(history.getString("content[-1].reason")).startsWith("account banned");
        assertThat(history.getString("content[-1].details.rule")).isEqualTo("ADMIN_CANCELLED");

        // the enrollment cancelled and its three unused lessons refunded
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED"
                .equals(packStudent
                        .api()
                        .get("/api/v1/enrollments/" + enrollmentId)
                        .path("status")));
        packStudent
                .api()
                .get("/api/v1/enrollments/" + enrollmentId)
                .then()
                .body("refunded.amount", equalTo(10000))
                .body("refundStatus", equalTo("PROCESSED"));

        // the profile is hidden
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Accounts.request(null)
                                .get("/api/v1/tutors/" + tutor.id())
                                .statusCode()
                        == 404);
        admin.api().get("/api/v1/admin/tutors/" + tutor.id()).then().body("status", equalTo("SUSPENDED"));

        // and the audit log has the ban, the cancellation and the hidden profile
        ReportApiTests.awaitAudit(admin, lesson, 1);
        admin.api()
                .queryParam("subjectId", lesson)
                .get("/api/v1/admin/audit-log")
                .then()
                .body("content[0].action", equalTo("BOOKING_CANCELLED"));
        ReportApiTests.awaitAudit(admin, tutor.id(), 2);
        List<String> actions = admin.api()
                .queryParam("subjectId", tutor.id())
                .get("/api/v1/admin/audit-log")
                .then()
                .extract()
                .path("content.action");
        assertThat(actions).contains("USER_BANNED", "TUTOR_SUSPENDED");
    }

    @Test
    void aBanThroughTheAdminUserRouteCascadesTooAndASuspensionDoesNot() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        OpenSchedules.openAllWeek(jdbc, tenant(), tutor.id(), false, 0, 60);
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        UUID lesson = UUID.fromString(student.api()
                .contentType("application/json")
                .body(Map.of(
                        "tutorId", tutor.id().toString(),
                        "subjectId", tutor.subjectId().toString(),
                        "startsAt", slot().toString(),
                        "durationMinutes", 60,
                        "trial", false))
                .post("/api/v1/bookings")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        checkout(student, lesson);
        await().atMost(Duration.ofSeconds(20)).until(() -> "CONFIRMED".equals(bookingState(lesson)));

        // the banned one here is the student
        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", "a test"))
                .post("/api/v1/admin/users/" + student.userId() + "/suspend")
                .then()
                .statusCode(200);
        admin.api()
                .contentType("application/json")
                .body(Map.of("reason", "fraud"))
                .post("/api/v1/admin/users/" + student.userId() + "/ban")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(bookingState(lesson)));
        // the tutor, not banned, keeps a public profile
        Accounts.request(null).get("/api/v1/tutors/" + tutor.id()).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "REFUNDED"
                .equals(admin.api().get("/api/v1/payments/status/" + lesson).path("status")));
        admin.api().get("/api/v1/payments/status/" + lesson).then().body("refunded.amount", equalTo(3000));
    }

    void checkout(SignedIn payer, UUID orderOrBooking) {
        payer.api()
                .contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("orderId", orderOrBooking.toString(), "paymentMethodId", "pm_card_visa"))
                .post("/api/v1/payments/checkout")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID"));
    }

    String bookingState(UUID booking) {
        return TenantContext.callAs(tenant(), () -> jdbc.sql("SELECT state FROM bookings WHERE id = :id")
                .param("id", booking)
                .query(String.class)
                .single());
    }

    long count(String sql, Map<String, ?> params) {
        return TenantContext.callAs(tenant(), () -> jdbc.sql(sql)
                .params(new HashMap<>(params))
                .query(Long.class)
                .single());
    }

    String pack(Tutors.Approved tutor) {
        return DeskFixtures.pack(jdbc, tutor);
    }
}
