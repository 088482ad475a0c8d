package io.lyceum.billing.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.Tutors;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Refund requests: the eligibility window, once per enrollment (also in parallel), exact pro rata amounts. */
class RefundRequestApiTests extends EnrollmentTestBase {

    private static io.lyceum.testsupport.http.Response request(SignedIn who, String enrollmentId) {
        return post(who, "/api/v1/enrollments/" + enrollmentId + "/refund-requests", Map.of("reason", "not for me"));
    }

    @Test
    void aRefundIsOnlyGrantedBetweenTheFirstAndTheSecondCompletedLesson() {
        Tutors.Approved tutor = tutor();
        String pack = pack(tutor, false);
        SignedIn student = student();
        String id = active(student, pack);
        List<UUID> lessons = lessons(student, id);
        request(student, id).then().statusCode(409).body("code", equalTo("refund.not_eligible"));
        complete(lessons.get(0), 3);
        request(student(), id).then().statusCode(404);
        request(tutor.tutor(), id).then().statusCode(403);
        String requestId = request(student, id)
                .then()
                .statusCode(201)
                .body("status", equalTo("AUTO_APPROVED"))
                .body("firstLessonCompleted", equalTo(true))
                .body("amount.amount", equalTo(6666))
                .extract()
                .path("id");
        student.api()
                .get("/api/v1/enrollments/" + id)
                .then()
                .body("status", equalTo("CANCELLED"))
                .body("refundStatus", equalTo("PROCESSED"))
                .body("paymentStatus", equalTo("PARTIALLY_REFUNDED"))
                .body("refunded.amount", equalTo(6666))
                .body("refundRequest.id", equalTo(requestId));
        assertThat(bookingState(lessons.get(1))).isEqualTo("CANCELLED");
        assertThat(bookingState(lessons.get(2))).isEqualTo("CANCELLED");
        // the completed lesson's share is earned by the tutor (pending, then released); the cancelled ones' went back
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(() -> count(
                                "SELECT count(*) FROM journal_entries WHERE reference = :r",
                                java.util.Map.of("r", "booking:" + lessons.get(0) + ":earned"))
                        == 1);
        assertThat(heldFor(lessons.get(0))).isZero();
        assertThat(heldFor(lessons.get(1))).isZero();
        assertThat(order(UUID.fromString(student.api()
                                .get("/api/v1/enrollments/" + id)
                                .then()
                                .extract()
                                .path("orderId")))
                        .refunded()
                        .amount())
                .isEqualTo(6666);
        request(student, id).then().statusCode(409).body("code", equalTo("refund.already_requested"));
        student.api().get("/api/v1/refund-requests").then().statusCode(200).body("content.id", hasItem(requestId));
        tutor.tutor()
                .api()
                .get("/api/v1/refund-requests")
                .then()
                .statusCode(200)
                .body("content.id", hasItem(requestId));
        student().api().get("/api/v1/refund-requests").then().body("page.totalElements", equalTo(0));
        student().api().get("/api/v1/refund-requests/" + requestId).then().statusCode(404);
    }

    @Test
    void noRefundAfterTheSecondLesson() {
        Tutors.Approved tutor = tutor();
        String pack = pack(tutor, false);
        SignedIn student = student();
        String id = active(student, pack);
        List<UUID> lessons = lessons(student, id);
        complete(lessons.get(0), 6);
        complete(lessons.get(1), 3);
        request(student, id).then().statusCode(409).body("code", equalTo("refund.not_eligible"));
    }

    @Test
    void parallelRequestsRefundOnce() {
        Tutors.Approved tutor = tutor();
        String pack = pack(tutor, false);
        SignedIn student = student();
        String id = active(student, pack);
        complete(lessons(student, id).getFirst(), 3);
        List<Integer> statuses = Parallel.run(4, i -> request(student, id).statusCode());
        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(3);
        assertThat(count(
                        "SELECT count(*) FROM refunds r JOIN enrollments e ON e.order_id = r.order_id WHERE e.id = :e",
                        Map.of("e", UUID.fromString(id))))
                .isEqualTo(1);
    }

    @Test
    void aTroubledFirstLessonWaitsForAnAdmin() {
        Tutors.Approved tutor = tutor();
        String pack = pack(tutor, false);
        SignedIn student = student();
        String id = active(student, pack);
        UUID first = lessons(student, id).getFirst();
        startedAgo(first, java.time.Duration.ofMinutes(30));
        sql("UPDATE bookings SET state = 'NO_SHOW_TUTOR' WHERE id = :id", Map.of("id", first));
        String requestId = request(student, id)
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .extract()
                .path("id");
        patch(student, "/api/v1/refund-requests/" + requestId, Map.of("decision", "APPROVE", "adminNote", "ok"))
                .then()
                .statusCode(403);
        patch(tutor.admin(), "/api/v1/refund-requests/" + requestId, Map.of("decision", "APPROVE", "adminNote", "ok"))
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("amount.amount", equalTo(6666));
        patch(tutor.admin(), "/api/v1/refund-requests/" + requestId, Map.of("decision", "REJECT", "adminNote", "no"))
                .then()
                .statusCode(409)
                .body("code", equalTo("refund.not_pending"));
        // the student hears of the decision once, with the amount and the admin's note (the second decision failed)
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(() -> count(
                                "SELECT count(*) FROM notifications WHERE recipient_id = :r"
                                        + " AND kind = 'refund_request.approved'",
                                Map.of("r", student.userId()))
                        == 1);
        student.api()
                .get("/api/v1/notifications")
                .then()
                .body(
                        "content.find { it.kind == 'refund_request.approved' }.title",
                        equalTo("Refund request approved: £66.66"))
                .body(
                        "content.find { it.kind == 'refund_request.approved' }.body",
                        org.hamcrest.Matchers.endsWith("ok"));
        assertThat(count(
                        "SELECT count(*) FROM notifications WHERE kind LIKE 'refund_request.%' AND recipient_id = :r",
                        Map.of("r", tutor.admin().userId())))
                .isZero();
    }

    private static Map<String, Object> gbp(long amount) {
        return Map.of("amount", amount, "currency", "GBP");
    }

    @Test
    void anAdminRefundsAnyOrderButNeverAboveWhatWasPaid() {
        Tutors.Approved tutor = tutor();
        String pack = pack(tutor, false);
        SignedIn student = student();
        String id = active(student, pack);
        String orderId =
                student.api().get("/api/v1/enrollments/" + id).then().extract().path("orderId");
        post(tutor.admin(), "/api/v1/payments/refund", Map.of("orderId", orderId, "amount", gbp(10001), "reason", "x"))
                .then()
                .statusCode(422)
                .body("code", equalTo("refund.exceeds_payment"));
        // the amount is Money: another currency, a zero amount or a bare number are refused
        post(
                        tutor.admin(),
                        "/api/v1/payments/refund",
                        Map.of("orderId", orderId, "amount", Map.of("amount", 100, "currency", "EUR"), "reason", "x"))
                .then()
                .statusCode(422)
                .body("code", equalTo("refund.invalid_amount"))
                .body("errors[0].field", equalTo("amount.currency"));
        post(tutor.admin(), "/api/v1/payments/refund", Map.of("orderId", orderId, "amount", gbp(0), "reason", "x"))
                .then()
                .statusCode(422)
                .body("code", equalTo("refund.invalid_amount"));
        post(tutor.admin(), "/api/v1/payments/refund", Map.of("orderId", orderId, "amount", 100, "reason", "x"))
                .then()
                .statusCode(400);
        post(student, "/api/v1/payments/refund", Map.of("orderId", orderId, "reason", "x"))
                .then()
                .statusCode(403);
        post(tutor.admin(), "/api/v1/payments/refund", Map.of("reason", "x"))
                .then()
                .statusCode(422);
        post(tutor.admin(), "/api/v1/payments/refund", Map.of("orderId", UUID.randomUUID(), "reason", "x"))
                .then()
                .statusCode(404);
        post(tutor.admin(), "/api/v1/payments/refund", Map.of("enrollmentId", id, "reason", "tutor unreachable"))
                .then()
                .statusCode(201)
                .body("refund.amount.amount", equalTo(10000))
                .body("order.status", equalTo("REFUNDED"));
        student.api()
                .get("/api/v1/enrollments/" + id)
                .then()
                .body("status", equalTo("CANCELLED"))
                .body("refundRequest.status", equalTo("AUTO_APPROVED"));
        // nothing is left: any further amount exceeds the payment
        post(tutor.admin(), "/api/v1/payments/refund", Map.of("orderId", orderId, "amount", gbp(1), "reason", "x"))
                .then()
                .statusCode(422)
                .body("code", equalTo("refund.exceeds_payment"));
    }
}
