package io.lyceum.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.Tutors;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Where a lesson's money goes when the booking does not go ahead. */
class BookingMoneyFlowTests extends BillingTestBase {

    @Test
    void aPaidRequestTheTutorDeclinesIsRefundedInFullOnce() {
        Tutors.Approved approved = Tutors.approved(jdbc);
        OpenSchedules.openAllWeek(jdbc, defaultTenant(), approved.id(), true, 0, 60);
        Tutor tutor = new Tutor(approved, defaultTenant());
        SignedIn student = student();
        UUID booking = lesson(student, tutor);
        String orderId = checkout(student, booking, "pm_card_visa")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAID"))
                .extract()
                .path("orderId");
        awaitBookingState(tutor.tenant(), booking, "REQUESTED");

        tutor.user()
                .api()
                .contentType("application/json")
                .body(Map.of("reason", "I am away that week"))
                .post("/api/v1/tutor/bookings/" + booking + "/decline")
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> "REFUNDED"
                .equals(student.api().get("/api/v1/payments/status/" + booking).path("status")));
        student.api().get("/api/v1/payments/status/" + booking).then().body("refunded.amount", equalTo(3000));
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM refunds WHERE order_id = :o AND reference = :r AND amount = 3000",
                        Map.of("o", UUID.fromString(orderId), "r", "booking:" + booking + ":declined")))
                .isEqualTo(1);
        // the prepayment held for the lesson went back: nothing of this order is left in customer prepayments
        assertThat(count(tutor.tenant(), """
                        SELECT coalesce(sum(l.amount), 0) FROM journal_lines l
                        JOIN journal_entries e ON e.id = l.entry_id
                        JOIN ledger_accounts a ON a.id = l.account_id
                        WHERE a.type = 'CUSTOMER_PREPAYMENTS' AND e.order_id = :o
                        """, Map.of("o", UUID.fromString(orderId))))
                .isZero();
        assertLedgerBalanced(tutor.tenant());
    }
}
