package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The warning that an unpaid hold ends soon: published once per booking by the sweep (several sweepers at once, racing
 * the scheduled job), marked on the row, and only for holds still unpaid and within the warning lead (5 minutes).
 */
class HoldWarningTests extends BookingTestBase {

    @Autowired
    BookingTimers timers;

    @Autowired
    RecordedBookingEvents recorded;

    @Test
    void anUnpaidHoldIsWarnedOnceBeforeItExpiresAndItsStudentIsNotifiedOnce() {
        Tutor tutor = tutor();
        SignedIn student = student();
        SignedIn payer = student();
        Instant start = soon();
        UUID unpaid = booked(student, tutor, start, 60, false);
        UUID paid = booked(payer, tutor, start.plus(Duration.ofHours(2)), 60, false);
        pay(tutor.tenant(), paid, "pay-" + paid);
        awaitState(tutor.tenant(), paid, "CONFIRMED");

        // 9 minutes into the 15-minute hold: not yet within the 5-minute lead
        testClock.advance(Duration.ofMinutes(9));
        timers.warnExpiringHolds();
        assertThat(recorded.of(BookingHoldExpiring.class, unpaid)).isEmpty();

        // 10 minutes and a second in: four sweepers at once (and the scheduled job) warn it once
        testClock.advance(Duration.ofMinutes(1).plusSeconds(1));
        // (the sweeps also warn other tests' holds in this shared database: the counts below look at this hold only)
        Parallel.run(4, i -> timers.warnExpiringHolds());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !recorded.of(BookingHoldExpiring.class, unpaid).isEmpty());
        timers.warnExpiringHolds();
        assertThat(recorded.of(BookingHoldExpiring.class, unpaid))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.studentId().value()).isEqualTo(student.userId());
                    assertThat(e.startsAt()).isEqualTo(start);
                    assertThat(e.holdExpiresAt()).isAfter(testClock.instant());
                });
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM bookings WHERE id = :id AND hold_warned_at IS NOT NULL",
                        Map.of("id", unpaid)))
                .isOne();
        // a paid booking holds nothing
        assertThat(recorded.of(BookingHoldExpiring.class, paid)).isEmpty();

        // the notifications module tells the student, once, in the app and by email
        await().atMost(Duration.ofSeconds(15))
                .until(() -> count(
                                tutor.tenant(),
                                "SELECT count(*) FROM notifications WHERE recipient_id = :r"
                                        + " AND kind = 'booking.hold_expiring'",
                                Map.of("r", student.userId()))
                        == 1);
        student.api()
                .get("/api/v1/notifications")
                .then()
                .statusCode(200)
                .body(
                        "content.find { it.kind == 'booking.hold_expiring' }.link",
                        org.hamcrest.Matchers.endsWith("/lessons/" + unpaid));

        // the hold then expires as before
        testClock.advance(Duration.ofMinutes(5));
        awaitState(tutor.tenant(), unpaid, "EXPIRED");
        assertThat(recorded.of(BookingHoldExpiring.class, unpaid)).hasSize(1);
    }
}
