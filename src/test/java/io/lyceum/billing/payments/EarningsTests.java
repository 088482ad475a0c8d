package io.lyceum.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.billing.BillingTestBase;
import io.lyceum.billing.ledger.LedgerAccountType;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Lesson money after payment, driven through scheduling's real lifecycle: the auto-complete timer, the no-show and
 * dispute routes and the admin's resolution, with billing reacting to scheduling's events.
 */
class EarningsTests extends LessonMoneyTestBase {

    private static final LedgerAccountType PENDING = LedgerAccountType.TUTOR_PENDING;
    private static final LedgerAccountType AVAILABLE = LedgerAccountType.TUTOR_AVAILABLE;
    private static final LedgerAccountType PREPAID = LedgerAccountType.CUSTOMER_PREPAYMENTS;
    private static final LedgerAccountType REVENUE = LedgerAccountType.PLATFORM_REVENUE;

    private static Money gbp(long amount) {
        return Money.of(amount, "GBP");
    }

    private Map<String, Object> entry(String reference) {
        return TenantContext.callAs(
                tenant(), () -> jdbc.sql("""
                        SELECT kind, commission_tier, commission_rate_bps, booking_id, order_id
                        FROM journal_entries WHERE reference = :r
                        """).param("r", reference).query().singleRow());
    }

    @Test
    void aCompletedLessonIsEarnedWithTheStarterCommissionAndReleasedAfterTheDisputeWindow() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        // ended four days ago: the three-day dispute window has closed
        UUID booking = completedLesson(tutor.userId(), student.userId(), Duration.ofDays(4));
        awaitBookingState(booking, "COMPLETED");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> balance(AVAILABLE, tutor.userId()).equals(gbp(2010)));
        assertThat(balance(PENDING, tutor.userId())).isEqualTo(gbp(0));
        assertThat(held(booking, PREPAID)).isEqualTo(gbp(0));
        assertThat(held(booking, REVENUE)).isEqualTo(gbp(990));
        Map<String, Object> earned = entry("booking:" + booking + ":earned");
        assertThat(earned.get("kind")).isEqualTo("EARNING");
        assertThat(earned.get("commission_tier")).isEqualTo("Starter");
        assertThat(earned.get("commission_rate_bps")).isEqualTo(3300);
        assertThat(earned.get("order_id")).isNotNull();
        assertThat(entry("booking:" + booking + ":released").get("kind")).isEqualTo("RELEASE");
        assertThat(earnings(booking).state()).isEqualTo("RELEASED");
        assertLedgerBalanced();
    }

    @Test
    void aRecentLessonStaysPendingUntilItsWindowCloses() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        UUID booking = completedLesson(tutor.userId(), student.userId(), Duration.ofHours(3));
        awaitBookingState(booking, "COMPLETED");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> balance(PENDING, tutor.userId()).equals(gbp(2010)));
        Earnings.Earning earning = earnings(booking);
        assertThat(earning.state()).isEqualTo("PENDING");
        // released one minute after the dispute window: end + 3 days
        assertThat(earning.releaseAt()).isAfter(Instant.now().plus(Duration.ofDays(2)));
        assertThat(balance(AVAILABLE, tutor.userId())).isEqualTo(gbp(0));
        // redelivery changes nothing
        inTenant(() -> earnings.earn(booking, tutor.userId(), Instant.now()));
        assertThat(balance(PENDING, tutor.userId())).isEqualTo(gbp(2010));
        TenantContext.runAs(tenant(), () -> assertThat(
                        jdbc.sql("SELECT count(*) FROM journal_entries WHERE booking_id = :b AND kind = 'EARNING'")
                                .param("b", booking)
                                .query(Long.class)
                                .single())
                .isEqualTo(1));
    }

    @Test
    void theTierFollowsTheHoursTaughtBeforeTheLesson() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        Instant past = Instant.now().minus(Duration.ofDays(30));
        // 21 hours taught before: the second default tier (20 h, 28%)
        for (int i = 0; i < 3; i++) {
            insertBooking(
                    tutor.userId(),
                    student.userId(),
                    "COMPLETED",
                    uniqueStart(past.plus(Duration.ofHours(8L * i))),
                    420,
                    gbp(0),
                    false);
        }
        UUID booking = completedLesson(tutor.userId(), student.userId(), Duration.ofHours(3));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> balance(PENDING, tutor.userId()).equals(gbp(2160)));
        Map<String, Object> earned = entry("booking:" + booking + ":earned");
        assertThat(earned.get("commission_tier")).isEqualTo("Established");
        assertThat(earned.get("commission_rate_bps")).isEqualTo(2800);
        assertThat(held(booking, REVENUE)).isEqualTo(gbp(840));
    }

    @Test
    void aFreeLessonEarnsNothing() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        Instant start = uniqueStart(Instant.now().minus(Duration.ofHours(5)));
        UUID booking = insertBooking(tutor.userId(), student.userId(), "CONFIRMED", start, 60, gbp(0), true);
        awaitBookingState(booking, "COMPLETED");
        // every listener has handled the lesson's completion (stored with it, so no publication is left open), the
        // earnings listener too, and it did nothing
        awaitListenersOf(Duration.ofSeconds(20), List.of(booking));
        assertThat(posted("booking:" + booking + ":earned")).isFalse();
        assertThat(TenantContext.callAs(tenant(), () -> earnings.find(booking))).isEmpty();
    }

    @Test
    void aLessonPaidWithACreditIsEarnedFromTheLedger() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        Instant start = uniqueStart(Instant.now().minus(Duration.ofHours(4)));
        UUID booking = insertBooking(tutor.userId(), student.userId(), "CONFIRMED", start, 60, PRICE, false);
        payWithCredit(booking, student.userId(), PRICE);
        awaitBookingState(booking, "COMPLETED");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> balance(PENDING, tutor.userId()).equals(gbp(2010)));
        assertThat(entry("booking:" + booking + ":earned").get("order_id")).isNull();
        assertThat(balance(LedgerAccountType.STUDENT_CREDIT, student.userId())).isEqualTo(gbp(0));
    }

    @Test
    void aStudentNoShowPaysTheTutorAsIfTaught() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        UUID booking = startedLesson(tutor.userId(), student.userId());
        tutor.api()
                .contentType("application/json")
                .body(Map.of("reason", "Nobody came"))
                .post("/api/v1/tutor/bookings/" + booking + "/mark-no-show-student")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> balance(PENDING, tutor.userId()).equals(gbp(2010)));
        assertThat(earnings(booking).state()).isEqualTo("PENDING");
        assertLedgerBalanced();
    }

    @Test
    void aTutorNoShowRefundsTheStudentInFull() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        UUID booking = startedLesson(tutor.userId(), student.userId());
        UUID order = orderOf(booking);
        student.api()
                .contentType("application/json")
                .body(Map.of("reason", "The tutor never joined"))
                .post("/api/v1/bookings/" + booking + "/mark-no-show-tutor")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> order(order).status() == OrderStatus.REFUNDED);
        assertThat(order(order).refunded()).isEqualTo(PRICE);
        assertThat(held(booking, PREPAID)).isEqualTo(gbp(0));
        assertThat(balance(PENDING, tutor.userId())).isEqualTo(gbp(0));
        // the provider is asked once the refund's transaction has committed (Refunds.askProvider), a moment after the
        // order shows it
        await().atMost(Duration.ofSeconds(20))
                .until(() -> provider.retrievePayment(order(order).providerPaymentId())
                                .amountRefunded()
                        == 3000);
        TenantContext.runAs(tenant(), () -> assertThat(jdbc.sql("SELECT reason FROM refunds WHERE reference = :r")
                        .param("r", "booking:" + booking + ":tutor-no-show")
                        .query(String.class)
                        .single())
                .contains("The tutor never joined"));
        assertLedgerBalanced();
    }

    @Test
    void aTutorNoShowOnACreditPaidLessonGivesTheCreditBack() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        Instant start = uniqueStart(Instant.now().minus(Duration.ofMinutes(10)));
        UUID booking = insertBooking(tutor.userId(), student.userId(), "CONFIRMED", start, 60, PRICE, false);
        payWithCredit(booking, student.userId(), PRICE);
        student.api()
                .contentType("application/json")
                .body(Map.of("reason", "No tutor"))
                .post("/api/v1/bookings/" + booking + "/mark-no-show-tutor")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> balance(LedgerAccountType.STUDENT_CREDIT, student.userId())
                .equals(PRICE));
        assertThat(entry("booking:" + booking + ":tutor-no-show").get("kind")).isEqualTo("REFUND_TO_CREDIT");
    }

    @Test
    void aLessonBookedAndPaidThroughCheckoutIsEarnedReleasedAndPaidOutThroughTheWebhook() {
        io.lyceum.testsupport.Tutors.Approved approved = io.lyceum.testsupport.Tutors.approved(jdbc);
        io.lyceum.testsupport.OpenSchedules.openAllWeek(jdbc, tenant(), approved.id(), false, 0, 60);
        SignedIn student = newStudent();
        Instant start = testClock.instant().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        UUID booking = BillingTestBase.lesson(student, new BillingTestBase.Tutor(approved, tenant()), start);
        BillingTestBase.checkout(student, booking, "pm_card_visa").then().statusCode(200);
        awaitBookingState(booking, "CONFIRMED");
        // four days after the lesson: completed by scheduling, earned, then released when the window closed
        testClock.advanceTo(start.plus(Duration.ofDays(4)));
        awaitBookingState(booking, "COMPLETED");
        SignedIn tutor = approved.tutor();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> balance(AVAILABLE, tutor.userId()).equals(gbp(2010)));
        tutor.api()
                .contentType("application/json")
                .body(Map.of("country", "GB", "bankAccountNumber", "000123456789"))
                .put("/api/v1/wallet/payout-account")
                .then()
                .statusCode(200);
        String withdrawal = tutor.api()
                .contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("amount", Map.of("amount", 2010, "currency", "GBP")))
                .post("/api/v1/wallet/withdraw")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // the sandbox pays out after its processing delay and tells us through the signed webhook
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID"
                .equals(tutor.api()
                        .get("/api/v1/wallet/withdrawals/" + withdrawal)
                        .then()
                        .extract()
                        .path("status")));
        tutor.api()
                .get("/api/v1/wallet/balance")
                .then()
                .body("balances[0].available.amount", org.hamcrest.Matchers.is(0))
                .body("balances[0].inTransit.amount", org.hamcrest.Matchers.is(0));
        assertThat(posted("withdrawal:" + withdrawal + ":paid")).isTrue();
        assertLedgerBalanced();
    }

    // ---- disputes

    @Test
    void aDisputeResolvedAsRefundGivesTheStudentEverythingBack() {
        Dispute d = disputedLesson();
        resolve(d, "REFUND_STUDENT", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> order(d.order).status() == OrderStatus.REFUNDED);
        assertThat(balance(PENDING, d.tutor)).isEqualTo(gbp(0));
        assertThat(balance(AVAILABLE, d.tutor)).isEqualTo(gbp(0));
        assertThat(held(d.booking, REVENUE)).isEqualTo(gbp(0));
        assertThat(order(d.order).refunded()).isEqualTo(PRICE);
        assertThat(earnings(d.booking).state()).isEqualTo("SETTLED");
        assertLedgerBalanced();
    }

    @Test
    void aDisputeResolvedForTheTutorReleasesTheEarningAtOnce() {
        Dispute d = disputedLesson();
        resolve(d, "RELEASE_TUTOR", null);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> balance(AVAILABLE, d.tutor).equals(gbp(2010)));
        assertThat(balance(PENDING, d.tutor)).isEqualTo(gbp(0));
        assertThat(order(d.order).refunded()).isEqualTo(gbp(0));
        assertThat(held(d.booking, REVENUE)).isEqualTo(gbp(990));
        assertThat(entry("booking:" + d.booking + ":dispute-released").get("commission_tier"))
                .isEqualTo("Starter");
        assertLedgerBalanced();
    }

    @Test
    void aSplitTakesTheRefundFromTutorAndPlatformInProportion() {
        Dispute d = disputedLesson();
        resolve(d, "SPLIT", 40);
        // the student gets 40% (1200) back: 804 from the tutor's 2010, 396 from the platform's 990
        await().atMost(Duration.ofSeconds(20))
                .until(() -> order(d.order).refunded().equals(gbp(1200)));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> balance(AVAILABLE, d.tutor).equals(gbp(1206)));
        assertThat(balance(PENDING, d.tutor)).isEqualTo(gbp(0));
        assertThat(held(d.booking, REVENUE)).isEqualTo(gbp(594));
        assertThat(order(d.order).status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        // redelivering the resolution settles nothing twice
        inTenant(() -> earnings.settleDispute(
                d.booking, d.tutor, io.lyceum.scheduling.DisputeOutcome.SPLIT, gbp(1200), gbp(1800), null, "again"));
        assertThat(order(d.order).refunded()).isEqualTo(gbp(1200));
        assertThat(balance(AVAILABLE, d.tutor)).isEqualTo(gbp(1206));
        assertLedgerBalanced();
    }

    @Test
    void aDisputedEarningIsNotReleasedWhenItsWindowCloses() {
        Dispute d = disputedLesson();
        // as if the dispute had not reached billing: the earning is still PENDING when its window closes, and the
        // release job finds the booking DISPUTED and holds the money
        TenantContext.runAs(
                tenant(), () -> jdbc.sql("UPDATE tutor_earnings SET state = 'PENDING' WHERE booking_id = :b")
                        .param("b", d.booking)
                        .update());
        testClock.advanceTo(earnings(d.booking).releaseAt().plusSeconds(1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "DISPUTED".equals(earnings(d.booking).state()));
        assertThat(balance(AVAILABLE, d.tutor)).isEqualTo(gbp(0));
        assertThat(balance(PENDING, d.tutor)).isEqualTo(gbp(2010));
    }

    // ---- helpers

    private record Dispute(UUID booking, UUID order, UUID tutor, SignedIn student) {}

    /** A paid lesson completed three hours ago, earned, then disputed by the student. */
    private Dispute disputedLesson() {
        SignedIn tutor = newTutor();
        SignedIn student = newStudent();
        UUID booking = completedLesson(tutor.userId(), student.userId(), Duration.ofHours(3));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> balance(PENDING, tutor.userId()).equals(gbp(2010)));
        student.api()
                .contentType("application/json")
                .body(Map.of("reason", "The tutor left after ten minutes"))
                .post("/api/v1/bookings/" + booking + "/dispute")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "DISPUTED".equals(earnings(booking).state()));
        return new Dispute(booking, orderOf(booking), tutor.userId(), student);
    }

    private void resolve(Dispute d, String outcome, Integer share) {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        Map<String, Object> body = new HashMap<>();
        body.put("outcome", outcome);
        body.put("note", "Looked at the recording");
        if (share != null) {
            body.put("studentSharePercent", share);
        }
        admin.api()
                .contentType("application/json")
                .body(body)
                .post("/api/v1/admin/bookings/" + d.booking + "/resolve")
                .then()
                .statusCode(200);
    }

    /** A paid CONFIRMED lesson that started ten minutes ago (a no-show can be reported). */
    private UUID startedLesson(UUID tutor, UUID student) {
        Instant start = uniqueStart(Instant.now().minus(Duration.ofMinutes(10)));
        UUID booking = insertBooking(tutor, student, "CONFIRMED", start, 60, PRICE, false);
        pay(booking, student, tutor, PRICE);
        return booking;
    }

    private UUID orderOf(UUID booking) {
        return TenantContext.callAs(tenant(), () -> orders.findByReference(OrderKind.BOOKING, booking)
                .orElseThrow()
                .id());
    }

    private Earnings.Earning earnings(UUID booking) {
        return TenantContext.callAs(tenant(), () -> earnings.find(booking).orElseThrow());
    }
}
