package io.lyceum.billing.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.lyceum.billing.TenantContextCalls;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.billing.payments.Order;
import io.lyceum.billing.payments.OrderKind;
import io.lyceum.billing.payments.OrderStatus;
import io.lyceum.billing.payments.Orders;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Http;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Package offers, purchase, payment, spending credits (also in parallel), expiry and refunds, through the API. */
class PackageApiTests extends PackageTestBase {

    private static Map<String, Object> offerBody(Tutors.Approved tutor, int lessons, Integer discount, Long price) {
        Map<String, Object> body = new HashMap<>();
        body.put("subjectId", tutor.subjectId().toString());
        body.put("level", "GCSE");
        body.put("lessons", lessons);
        body.put("durationMinutes", 60);
        if (discount != null) {
            body.put("discountPercent", discount);
        }
        if (price != null) {
            body.put("price", Map.of("amount", price, "currency", "GBP"));
        }
        return body;
    }

    private static String offer(Tutors.Approved tutor, int lessons, Integer discount, Long price) {
        return post(tutor.tutor(), "/api/v1/tutors/me/package-offers", offerBody(tutor, lessons, discount, price))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Map<String, Object> buy(SignedIn buyer, String offerId) {
        return post(buyer, "/api/v1/packages", Map.of("offerId", offerId))
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING_PAYMENT"))
                .body("orderId", notNullValue())
                .extract()
                .path("");
    }

    /** A paid package of the offer for a new student: [student, package id]. */
    private Object[] paidPackage(String offerId) {
        SignedIn student = student();
        Map<String, Object> pack = buy(student, offerId);
        assertThat(pay(UUID.fromString((String) pack.get("orderId")))).isEqualTo(Orders.PaymentRecorded.FULFILLED);
        return new Object[] {student, pack.get("id")};
    }

    @Test
    void aTutorOffersAStudentBuysPaysAndACreditPaysABooking() {
        Tutors.Approved tutor = tutor();
        String offerId = offer(tutor, 3, 10, null);
        Http.given()
                .get("/api/v1/tutors/" + tutor.id() + "/package-offers")
                .then()
                .statusCode(200)
                .body("content[0].id", equalTo(offerId))
                .body("content[0].price.amount", equalTo(8100))
                .body("content[0].singleLessonsPrice.amount", equalTo(9000));

        SignedIn student = student();
        Map<String, Object> pack = buy(student, offerId);
        String id = (String) pack.get("id");
        UUID orderId = UUID.fromString((String) pack.get("orderId"));
        assertThat(order(orderId).kind()).isEqualTo(OrderKind.PACKAGE);
        assertThat(pay(orderId)).isEqualTo(Orders.PaymentRecorded.FULFILLED);
        assertThat(pay(orderId)).isEqualTo(Orders.PaymentRecorded.ALREADY_RECORDED);
        student.api()
                .get("/api/v1/packages/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("credits.left", equalTo(3))
                .body("expiresAt", notNullValue())
                .body("history.event", hasItem("PAID"));
        assertThat(balance(LedgerAccountType.STUDENT_CREDIT, student.userId()).amount())
                .isEqualTo(8100);

        UUID booking = book(student, tutor, slot());
        assertThat(bookingState(booking)).isEqualTo("PENDING_PAYMENT");
        patch(student, "/api/v1/packages/" + id + "/use-credit", Map.of("bookingId", booking.toString()))
                .then()
                .statusCode(200)
                .body("credits.left", equalTo(2))
                .body("credits.used", equalTo(1))
                .body("unusedValue.amount", equalTo(5400));
        awaitBookingState(booking, "CONFIRMED");
        assertThat(heldFor(booking)).isEqualTo(2700);
        assertThat(balance(LedgerAccountType.STUDENT_CREDIT, student.userId()).amount())
                .isEqualTo(5400);
        // the booking's own order shows it was paid with the credit (not CANCELLED): nobody can pay for it twice
        Order bookingOrder = TenantContextCalls.call(tenant(), () -> orders.findByReference(OrderKind.BOOKING, booking)
                .orElseThrow());
        assertThat(bookingOrder.status()).isEqualTo(OrderStatus.PAID_WITH_CREDIT);
        student.api()
                .get("/api/v1/payments/status/" + booking)
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID_WITH_CREDIT"));
        student.api()
                .contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("orderId", booking.toString(), "paymentMethodId", "pm_card_visa"))
                .post("/api/v1/payments/checkout")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID_WITH_CREDIT"));

        // replay: the booking is paid already
        patch(student, "/api/v1/packages/" + id + "/use-credit", Map.of("bookingId", booking.toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("package.credit_already_used"));
        // the tutor sees the package sold; a stranger does not see it
        tutor.tutor().api().get("/api/v1/packages").then().statusCode(200).body("content.id", hasItem(id));
        student().api().get("/api/v1/packages/" + id).then().statusCode(404);
        student().api().get("/api/v1/packages").then().statusCode(200).body("page.totalElements", equalTo(0));
        // another tenant's student gets 404
        String slug = Tenants.uniqueSlug("pk");
        Tenants.newTenantWithOwner(slug);
        Accounts.newUser("STUDENT", slug)
                .api()
                .get("/api/v1/packages/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void offersAreValidated() {
        Tutors.Approved tutor = tutor();
        post(tutor.tutor(), "/api/v1/tutors/me/package-offers", offerBody(tutor, 3, 60, null))
                .then()
                .statusCode(422);
        post(tutor.tutor(), "/api/v1/tutors/me/package-offers", offerBody(tutor, 1, 10, null))
                .then()
                .statusCode(422);
        post(tutor.tutor(), "/api/v1/tutors/me/package-offers", offerBody(tutor, 3, 10, 8000L))
                .then()
                .statusCode(422)
                .body("code", equalTo("package.price_required"));
        post(tutor.tutor(), "/api/v1/tutors/me/package-offers", offerBody(tutor, 3, null, 4000L))
                .then()
                .statusCode(422)
                .body("code", equalTo("package.invalid_price"));
        post(student(), "/api/v1/tutors/me/package-offers", offerBody(tutor, 3, 10, null))
                .then()
                .statusCode(403);
        Map<String, Object> otherSubject = offerBody(tutor, 3, 10, null);
        otherSubject.put("subjectId", UUID.randomUUID().toString());
        post(tutor.tutor(), "/api/v1/tutors/me/package-offers", otherSubject)
                .then()
                .statusCode(422)
                .body("code", equalTo("package.subject_not_taught"));
        String offerId = offer(tutor, 4, null, 10000L);
        tutor.tutor()
                .api()
                .delete("/api/v1/tutors/me/package-offers/" + offerId)
                .then()
                .statusCode(204);
        tutor.tutor()
                .api()
                .delete("/api/v1/tutors/me/package-offers/" + offerId)
                .then()
                .statusCode(409);
        post(student(), "/api/v1/packages", Map.of("offerId", offerId))
                .then()
                .statusCode(404)
                .body("code", equalTo("package.offer_not_found"));
        post(tutor.tutor(), "/api/v1/packages", Map.of("offerId", offerId))
                .then()
                .statusCode(403);
    }

    @Test
    void twoBookingsRacingForTheLastCreditOneWins() {
        Tutors.Approved tutor = tutor();
        String offerId = offer(tutor, 2, null, 5001L);
        Object[] paid = paidPackage(offerId);
        SignedIn student = (SignedIn) paid[0];
        String id = (String) paid[1];
        UUID first = book(student, tutor, slot());
        patch(student, "/api/v1/packages/" + id + "/use-credit", Map.of("bookingId", first.toString()))
                .then()
                .statusCode(200);
        List<UUID> racing = List.of(book(student, tutor, slot()), book(student, tutor, slot()));
        List<Integer> statuses = Parallel.run(2, i -> patch(
                        student,
                        "/api/v1/packages/" + id + "/use-credit",
                        Map.of("bookingId", racing.get(i).toString()))
                .statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        student.api()
                .get("/api/v1/packages/" + id)
                .then()
                .body("status", equalTo("EXHAUSTED"))
                .body("credits.left", equalTo(0))
                .body("credits.used", equalTo(2))
                .body("unusedValue.amount", equalTo(0));
        // the credits' values sum to the price exactly (2500 + the last 2501)
        long spent = count(
                "SELECT sum(value_amount) FROM package_credit_uses WHERE package_id = :p",
                Map.of("p", UUID.fromString(id)));
        assertThat(spent).isEqualTo(5001);
        assertThat(balance(LedgerAccountType.STUDENT_CREDIT, student.userId()).amount())
                .isZero();
    }

    /** A confirmed lesson paid with a credit of a three-lesson package (10% off 3000: 2700 a credit). */
    /** When a package's credits expire, as its student reads it. */
    private static java.time.Instant expiresAt(SignedIn student, String packageId) {
        return java.time.Instant.parse(student.api()
                .get("/api/v1/packages/" + packageId)
                .then()
                .extract()
                .path("expiresAt"));
    }

    private record CreditLesson(Tutors.Approved tutor, SignedIn student, String packageId, UUID booking) {}

    private CreditLesson creditLesson() {
        Tutors.Approved tutor = tutor();
        Object[] paid = paidPackage(offer(tutor, 3, 10, null));
        SignedIn student = (SignedIn) paid[0];
        String id = (String) paid[1];
        UUID booking = book(student, tutor, slot());
        patch(student, "/api/v1/packages/" + id + "/use-credit", Map.of("bookingId", booking.toString()))
                .then()
                .statusCode(200);
        awaitBookingState(booking, "CONFIRMED");
        return new CreditLesson(tutor, student, id, booking);
    }

    @Test
    void aCancelledCreditBookingGivesTheCreditBack() {
        CreditLesson lesson = creditLesson();
        SignedIn student = lesson.student();
        String id = lesson.packageId();
        UUID booking = lesson.booking();
        post(student, "/api/v1/bookings/" + booking + "/cancel", Map.of("reason", "cannot make it"))
                .then()
                .statusCode(200);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(() -> student.api()
                                .get("/api/v1/packages/" + id)
                                .then()
                                .extract()
                                .<Integer>path("credits.left")
                        == 3);
        assertThat(heldFor(booking)).isZero();
        assertThat(balance(LedgerAccountType.STUDENT_CREDIT, student.userId()).amount())
                .isEqualTo(8100);
    }

    @Test
    void aCreditBookingCancelledLateEarnsTheTutorsShareWithCommissionAndHold() {
        CreditLesson lesson = creditLesson();
        Tutors.Approved tutor = lesson.tutor();
        SignedIn student = lesson.student();
        UUID booking = lesson.booking();
        // three hours before it starts: past the default free-cancellation deadline, a 50% fee of the credit's
        // value (2700)
        testClock.advanceTo(startOf(booking).minus(java.time.Duration.ofHours(3)));
        post(student, "/api/v1/bookings/" + booking + "/cancel", Map.of("reason", "something came up"))
                .then()
                .statusCode(200);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(() ->
                        count("SELECT count(*) FROM tutor_earnings WHERE booking_id = :b", Map.of("b", booking)) == 1);
        // half the value back as store credit, the other half earned like a lesson: commission taken, held
        assertThat(balance(LedgerAccountType.STUDENT_CREDIT, student.userId()).amount())
                .isEqualTo(8100 - 2700 + 1350);
        long commission = count(
                "SELECT commission FROM tutor_earnings WHERE booking_id = :b AND gross = 1350 AND release_at > created_at",
                Map.of("b", booking));
        assertThat(commission).isPositive();
        assertThat(balance(LedgerAccountType.TUTOR_PENDING, tutor.id()).amount())
                .isEqualTo(1350 - commission);
        assertThat(balance(LedgerAccountType.TUTOR_AVAILABLE, tutor.id()).amount())
                .isZero();
        assertThat(heldFor(booking)).isZero();
    }

    @Test
    void unusedCreditsExpireIntoPlatformRevenue() {
        Tutors.Approved tutor = tutor();
        Object[] paid = paidPackage(offer(tutor, 3, 10, null));
        SignedIn student = (SignedIn) paid[0];
        String id = (String) paid[1];
        UUID booking = book(student, tutor, slot());
        patch(student, "/api/v1/packages/" + id + "/use-credit", Map.of("bookingId", booking.toString()))
                .then()
                .statusCode(200);
        testClock.advanceTo(expiresAt(student, id).plus(java.time.Duration.ofMinutes(1)));
        assertThat(sweeps.expireCredits()).isGreaterThanOrEqualTo(1);
        assertThat(sweeps.expireCredits()).isZero();
        student.api()
                .get("/api/v1/packages/" + id)
                .then()
                .body("status", equalTo("EXPIRED"))
                .body("credits.expired", equalTo(2))
                .body("credits.used", equalTo(1));
        assertThat(lines("package:" + id + ":expired", LedgerAccountType.PLATFORM_REVENUE))
                .isEqualTo(-5400);
        assertThat(balance(LedgerAccountType.STUDENT_CREDIT, student.userId()).amount())
                .isZero();
        UUID another = book(student, tutor, slotAfter(testClock.instant()));
        patch(student, "/api/v1/packages/" + id + "/use-credit", Map.of("bookingId", another.toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("package.expired"));
        post(student, "/api/v1/packages/" + id + "/refund", null)
                .then()
                .statusCode(409)
                .body("code", equalTo("package.expired"));
    }

    @Test
    void unusedCreditsAreWarnedOnceBeforeTheyExpireEvenWithSweepsInParallel() {
        Tutors.Approved tutor = tutor();
        String offerId = offer(tutor, 3, 10, null);
        Object[] soon = paidPackage(offerId);
        testClock.advance(java.time.Duration.ofDays(27));
        Object[] later = paidPackage(offerId);
        SignedIn student = (SignedIn) soon[0];
        UUID soonId = UUID.fromString((String) soon[1]);
        UUID laterId = UUID.fromString((String) later[1]);
        // within the 7-day warning: 3 days left; outside it: 30 days left (bought 27 days later)
        testClock.advanceTo(expiresAt(student, (String) soon[1]).minus(java.time.Duration.ofDays(3)));

        // three sweepers at once (three instances): the package is warned by one of them
        Parallel.run(3, i -> sweeps.warnExpiringCredits());
        assertThat(sweeps.warnExpiringCredits()).isZero();
        assertThat(count(
                        "SELECT count(*) FROM packages WHERE id IN (:ids) AND expiry_warned_at IS NOT NULL",
                        Map.of("ids", List.of(soonId, laterId))))
                .isOne();
        assertThat(count(
                        "SELECT count(*) FROM packages WHERE id = :p AND expiry_warned_at IS NOT NULL",
                        Map.of("p", soonId)))
                .isOne();
        // the notifications module tells the student once, with the credits left
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(() -> count(
                                "SELECT count(*) FROM notifications WHERE recipient_id = :r"
                                        + " AND kind = 'package.credits_expiring'",
                                Map.of("r", student.userId()))
                        == 1);
        student.api()
                .get("/api/v1/notifications")
                .then()
                .statusCode(200)
                .body(
                        "content.find { it.kind == 'package.credits_expiring' }.title",
                        org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.startsWith("3 lesson credits expire on "),
                                org.hamcrest.Matchers.endsWith("(Europe/London)")));
        // a second run warns no one again
        assertThat(sweeps.warnExpiringCredits()).isZero();
        assertThat(count(
                        "SELECT count(*) FROM notifications WHERE recipient_id = :r AND kind = 'package.credits_expiring'",
                        Map.of("r", student.userId())))
                .isOne();
    }

    @Test
    void unusedCreditsAreRefundedOnce() {
        Tutors.Approved tutor = tutor();
        String offerId = offer(tutor, 3, 10, null);
        Object[] paid = paidPackage(offerId);
        SignedIn student = (SignedIn) paid[0];
        String id = (String) paid[1];
        UUID booking = book(student, tutor, slot());
        patch(student, "/api/v1/packages/" + id + "/use-credit", Map.of("bookingId", booking.toString()))
                .then()
                .statusCode(200);
        post(student(), "/api/v1/packages/" + id + "/refund", null).then().statusCode(404);
        post(tutor.tutor(), "/api/v1/packages/" + id + "/refund", null).then().statusCode(403);
        post(student, "/api/v1/packages/" + id + "/refund", Map.of("reason", "moving abroad"))
                .then()
                .statusCode(200)
                .body("amount.amount", equalTo(5400));
        post(student, "/api/v1/packages/" + id + "/refund", null)
                .then()
                .statusCode(409)
                .body("code", equalTo("package.already_refunded"));
        student.api()
                .get("/api/v1/packages/" + id)
                .then()
                .body("status", equalTo("REFUNDED"))
                .body("credits.refunded", equalTo(2))
                .body("history.event", hasItem("REFUNDED"));
        assertThat(balance(LedgerAccountType.STUDENT_CREDIT, student.userId()).amount())
                .isZero();
        // an admin refunds any package
        Object[] other = paidPackage(offerId);
        post(tutor.admin(), "/api/v1/packages/" + other[1] + "/refund", null)
                .then()
                .statusCode(200)
                .body("amount.amount", equalTo(8100));
        // an unpaid package has nothing to refund
        Map<String, Object> unpaid = buy(student(), offerId);
        post(tutor.admin(), "/api/v1/packages/" + unpaid.get("id") + "/refund", null)
                .then()
                .statusCode(409)
                .body("code", equalTo("package.not_paid"));
    }
}
