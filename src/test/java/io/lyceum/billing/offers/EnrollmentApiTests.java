package io.lyceum.billing.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.payments.Order;
import io.lyceum.billing.payments.OrderKind;
import io.lyceum.billing.payments.OrderStatus;
import io.lyceum.billing.payments.Orders;
import io.lyceum.catalog.CoursePackEnrollments;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Enrolling books the pack's lessons; paying activates; unpaid enrollments free their slots; completion; removal. */
class EnrollmentApiTests extends EnrollmentTestBase {

    @Autowired
    CoursePackEnrollments spi;

    private boolean enrolledInSpi(String pack, SignedIn student) {
        return TenantContext.callAs(tenant(), () -> spi.isEnrolled(UUID.fromString(pack), student.userId()));
    }

    private boolean activeInSpi(String pack) {
        return TenantContext.callAs(tenant(), () -> spi.hasActiveEnrollments(UUID.fromString(pack)));
    }

    @Test
    void enrollingBooksTheLessonsAndPayingActivatesThem() {
        Tutors.Approved tutor = tutor();
        String pack = pack(tutor, false);
        SignedIn student = student();
        Map<String, Object> e = enrolled(student, pack, starts(3));
        String id = (String) e.get("id");
        assertThat(e.get("status")).isEqualTo("PENDING");
        assertThat((List<String>) ((List<Map<String, Object>>) e.get("lessons"))
                        .stream().map(l -> (String) l.get("bookingState")).toList())
                .containsOnly("PENDING_PAYMENT");
        assertThat(((List<Map<String, Object>>) e.get("lessons"))
                        .stream()
                                .map(l -> ((Map<String, Object>) l.get("share")).get("amount"))
                                .toList())
                .containsExactly(3334, 3333, 3333);
        UUID orderId = UUID.fromString((String) e.get("orderId"));
        Order order = order(orderId);
        assertThat(order.kind()).isEqualTo(OrderKind.ENROLLMENT);
        assertThat(order.amount().amount()).isEqualTo(10000);
        assertThat(enrolledInSpi(pack, student)).isFalse();
        assertThat(activeInSpi(pack)).isFalse();

        assertThat(pay(orderId)).isEqualTo(Orders.PaymentRecorded.FULFILLED);
        List<UUID> lessons = lessons(student, id);
        for (UUID lesson : lessons) {
            awaitBookingState(lesson, "CONFIRMED");
        }
        student.api()
                .get("/api/v1/enrollments/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("paymentStatus", equalTo("PAID"))
                .body("payment.status", equalTo("PAID"))
                .body("history.toStatus", hasItem("ACTIVE"));
        // each lesson's money is held like a paid booking's, tagged with the booking
        assertThat(lessons.stream().map(this::heldFor).toList()).containsExactly(3334L, 3333L, 3333L);
        assertThat(balance(LedgerAccountType.STUDENT_CREDIT, student.userId()).amount())
                .isZero();
        assertThat(enrolledInSpi(pack, student)).isTrue();
        assertThat(activeInSpi(pack)).isTrue();

        enroll(student, pack, starts(3)).then().statusCode(409).body("code", equalTo("enrollment.already_enrolled"));
        tutor.tutor().api().get("/api/v1/enrollments/" + id).then().statusCode(200);
        tutor.tutor().api().get("/api/v1/enrollments").then().statusCode(200).body("content.id", hasItem(id));
        student().api().get("/api/v1/enrollments/" + id).then().statusCode(404);
        student().api().get("/api/v1/enrollments").then().statusCode(200).body("page.totalElements", equalTo(0));
        tutor.admin()
                .api()
                .queryParam("status", "ACTIVE")
                .get("/api/v1/enrollments")
                .then()
                .statusCode(200)
                .body("content.status", everyItem(equalTo("ACTIVE")));
        String slug = Tenants.uniqueSlug("en");
        Tenants.newTenantWithOwner(slug);
        Accounts.newUser("STUDENT", slug)
                .api()
                .get("/api/v1/enrollments/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void aTakenSlotRefusesTheWholeEnrollmentNamingTheStart() {
        Tutors.Approved tutor = tutor();
        String pack = pack(tutor, false);
        List<String> starts = starts(3);
        book(student(), tutor, at(starts.get(1)));
        SignedIn student = student();
        enroll(student, pack, starts)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.slot_unavailable"))
                .body("detail", containsString(starts.get(1)));
        assertThat(count("SELECT count(*) FROM bookings WHERE student_id = :s", Map.of("s", student.userId())))
                .isZero();
        assertThat(count("SELECT count(*) FROM enrollments WHERE student_id = :s", Map.of("s", student.userId())))
                .isZero();
    }

    @Test
    void enrollmentInputIsChecked() {
        Tutors.Approved tutor = tutor();
        String screened = pack(tutor, true);
        enroll(student(), screened, starts(3))
                .then()
                .statusCode(409)
                .body("code", equalTo("enrollment.preliminary_meeting_required"));
        String pack = pack(tutor, false);
        enroll(student(), pack, starts(2)).then().statusCode(422).body("code", equalTo("enrollment.lesson_count"));
        enroll(student(), UUID.randomUUID().toString(), starts(3)).then().statusCode(404);
        enroll(tutor.tutor(), pack, starts(3)).then().statusCode(403);
        post(student(), "/api/v1/enrollments", Map.of("lessonStarts", starts(3)))
                .then()
                .statusCode(422);
        post(student(), "/api/v1/enrollments/" + UUID.randomUUID() + "/cancel", Map.of("reason", "x"))
                .then()
                .statusCode(403);
    }

    @Test
    void anUnpaidEnrollmentIsCancelledAfterItsWindowAndFreesTheSlots() {
        Tutors.Approved tutor = tutor();
        String pack = pack(tutor, false);
        SignedIn student = student();
        List<String> starts = starts(3);
        Map<String, Object> e = enrolled(student, pack, starts);
        String id = (String) e.get("id");
        sql(
                "UPDATE enrollments SET payment_deadline = now() - interval '1 minute' WHERE id = :id",
                Map.of("id", UUID.fromString(id)));
        assertThat(sweeps.cancelUnpaidEnrollments()).isGreaterThanOrEqualTo(1);
        assertThat(status(student, id)).isEqualTo("CANCELLED");
        for (UUID lesson : lessons(student, id)) {
            assertThat(bookingState(lesson)).isEqualTo("EXPIRED");
        }
        assertThat(order(UUID.fromString((String) e.get("orderId"))).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(sweeps.cancelUnpaidEnrollments()).isZero();
        // the slots are free again: another student takes the same times
        enrolled(student(), pack, starts);
        // and the student may enroll again
        enrolled(student, pack, starts(3));
    }

    @Test
    void aLessonHoldExpiringInSchedulingCancelsTheEnrollment() {
        Tutors.Approved tutor = tutor();
        String pack = pack(tutor, false);
        SignedIn student = student();
        Map<String, Object> e = enrolled(student, pack, starts(3));
        String id = (String) e.get("id");
        UUID first = lessons(student, id).getFirst();
        sql("UPDATE bookings SET hold_expires_at = now() - interval '1 minute' WHERE id = :id", Map.of("id", first));
        awaitStatus(student, id, "CANCELLED");
        for (UUID lesson : lessons(student, id)) {
            awaitBookingState(lesson, "EXPIRED");
        }
        assertThat(order(UUID.fromString((String) e.get("orderId"))).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void anEnrollmentCompletesWhenAllItsLessonsAre() {
        Tutors.Approved tutor = tutor();
        String pack = pack(tutor, false);
        SignedIn student = student();
        String id = active(student, pack);
        List<UUID> lessons = lessons(student, id);
        complete(lessons.get(0), 9);
        complete(lessons.get(1), 6);
        assertThat(status(student, id)).isEqualTo("ACTIVE");
        complete(lessons.get(2), 3);
        awaitStatus(student, id, "COMPLETED");
        assertThat(enrolledInSpi(pack, student)).isTrue();
    }

    @Test
    void removingThePackRefundsItsActiveEnrollments() {
        Tutors.Approved tutor = tutor();
        String pack = pack(tutor, false);
        SignedIn student = student();
        String id = active(student, pack);
        SignedIn pending = student();
        String pendingId = (String) enrolled(pending, pack, starts(3)).get("id");
        post(tutor.admin(), "/api/v1/admin/course-packs/" + pack + "/remove", Map.of("reason", "copyright"))
                .then()
                .statusCode(200);
        awaitStatus(student, id, "CANCELLED");
        awaitStatus(pending, pendingId, "CANCELLED");
        student.api()
                .get("/api/v1/enrollments/" + id)
                .then()
                .body("paymentStatus", equalTo("REFUNDED"))
                .body("refunded.amount", equalTo(10000))
                .body("refundStatus", equalTo("PROCESSED"))
                .body("lessons.bookingState", everyItem(equalTo("CANCELLED")));
        for (UUID lesson : lessons(student, id)) {
            assertThat(heldFor(lesson)).isZero();
        }
        assertThat(activeInSpi(pack)).isFalse();
        assertThat(balance(LedgerAccountType.STUDENT_CREDIT, student.userId()).amount())
                .isZero();
    }

    @Test
    void anAdminForceCancelsAnActiveEnrollment() {
        Tutors.Approved tutor = tutor();
        String pack = pack(tutor, false);
        SignedIn student = student();
        String id = active(student, pack);
        complete(lessons(student, id).getFirst(), 3);
        post(tutor.admin(), "/api/v1/enrollments/" + id + "/cancel", Map.of("reason", "tutor left"))
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("refunded.amount", equalTo(6666))
                .body("paymentStatus", equalTo("PARTIALLY_REFUNDED"));
        post(tutor.admin(), "/api/v1/enrollments/" + id + "/cancel", Map.of("reason", "again"))
                .then()
                .statusCode(409);
        post(tutor.admin(), "/api/v1/enrollments/" + id + "/cancel", Map.of())
                .then()
                .statusCode(422);
        assertThat(Duration.ZERO).isZero();
    }
}
