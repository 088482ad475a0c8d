package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The timers: the recurring jobs act on bookings once the test clock has moved past their deadlines (the test profile
 * sweeps every second), and the sweeper is called directly to show that rows are claimed once and locked rows are
 * skipped.
 */
class BookingTimerTests extends BookingTestBase {

    @Autowired
    BookingTimers timers;

    @Autowired
    RecordedBookingEvents recorded;

    private Map<String, Object> row(TenantId tenant, UUID id) {
        return TenantContext.callAs(tenant, () -> jdbc.sql("SELECT * FROM bookings WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow());
    }

    @Test
    void anUnpaidHoldExpiresAndFreesTheSlot() {
        Tutor tutor = tutor();
        Instant start = soon();
        UUID id = booked(student(), tutor, start, 60, false);
        testClock.advance(Duration.ofMinutes(15).plusSeconds(1)); // the hold period

        awaitState(tutor.tenant(), id, "EXPIRED");

        assertThat(historyStates(tutor.tenant(), id)).containsExactly("PENDING_PAYMENT", "EXPIRED");
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM booking_history WHERE booking_id = :id AND actor_role = 'SYSTEM'"
                                + " AND actor_id IS NULL",
                        Map.of("id", id)))
                .isEqualTo(1);
        assertThat(recorded.of(BookingExpired.class, id)).singleElement().satisfies(e -> assertThat(e.cause())
                .isEqualTo(BookingExpired.HOLD_EXPIRED));
        assertThat(row(tutor.tenant(), id).get("hold_expires_at")).isNull();
        booked(student(), tutor, start, 60, false);
        assertThat(jdbc.sql("SELECT count(*) FROM job_runs WHERE task_name = :name AND succeeded")
                        .param("name", BookingTimerJobs.HOLD_EXPIRY)
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void anUnansweredRequestIsDeclinedAutomaticallyAtItsDeadline() {
        Tutor tutor = tutor(true, 0);
        Instant start = soon();
        UUID id = trial(student(), tutor, start);
        testClock.advanceTo(start.minus(Duration.ofMinutes(10)));
        timers.declineUnanswered();
        assertThat(state(tutor.tenant(), id)).isEqualTo("REQUESTED");

        testClock.advanceTo(start.plus(Duration.ofMinutes(1))); // the deadline (start - confirmation lead 0) passed
        awaitState(tutor.tenant(), id, "DECLINED");
        assertThat(recorded.of(BookingDeclined.class, id)).singleElement().satisfies(e -> {
            assertThat(e.automatic()).isTrue();
            assertThat(e.actorId()).isNull();
            assertThat(e.reason()).contains("did not confirm");
        });
    }

    @Test
    void aConfirmedLessonCompletesAfterTheGracePeriodUnlessANoShowWasReported() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Instant missedStart = soon();
        Instant lessonStart = missedStart.plus(Duration.ofHours(2));
        UUID lesson = trial(student, tutor, lessonStart);
        UUID missed = paid(student, tutor, missedStart);

        testClock.advanceTo(missedStart.plus(Duration.ofMinutes(10)));
        post(tutor.user(), "/api/v1/tutor/bookings/" + missed + "/mark-no-show-student", null)
                .then()
                .statusCode(200);

        testClock.advanceTo(lessonStart.plus(Duration.ofHours(2))); // ended an hour ago: still within the grace
        timers.completeFinished();
        assertThat(state(tutor.tenant(), lesson)).isEqualTo("CONFIRMED");

        testClock.advanceTo(lessonStart.plus(Duration.ofHours(4))); // missed started 6 hours ago
        awaitState(tutor.tenant(), lesson, "COMPLETED");
        timers.completeFinished();
        assertThat(state(tutor.tenant(), missed)).isEqualTo("NO_SHOW_STUDENT");
        assertThat(recorded.of(BookingCompleted.class, lesson)).singleElement().satisfies(e -> assertThat(
                        e.disputableUntil())
                .isEqualTo(e.endsAt().plus(Duration.ofDays(3))));
        assertThat(recorded.of(BookingCompleted.class, missed)).isEmpty();
        tutor.user()
                .api()
                .get(BOOKINGS + "/" + lesson)
                .then()
                .body("history[-1].to", org.hamcrest.Matchers.equalTo("COMPLETED"))
                .body("history[-1].actorRole", org.hamcrest.Matchers.equalTo("SYSTEM"));
    }

    @Test
    void remindersArePublishedOnceADayAndAnHourBeforeAConfirmedLesson() {
        Tutor tutor = tutor();
        // booked three days ahead, then time passes until the lessons are 20 hours away
        Instant lessons = soon().plus(Duration.ofDays(3));
        UUID early = trial(student(), tutor, lessons);
        UUID requested = trial(student(), tutor(true, 0), lessons);
        Instant now = lessons.minus(Duration.ofHours(20));
        testClock.advanceTo(now);
        // booked within the last day before its start
        UUID lastMinute = trial(student(), tutor, now.plus(Duration.ofHours(22)));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> row(tutor.tenant(), early).get("reminded_24h_at") != null);
        timers.sendReminders();
        assertThat(recorded.of(BookingReminderDue.class, early)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("24h");
            assertThat(e.startsAt()).isEqualTo(now.plus(Duration.ofHours(20)));
        });
        // booked within the last day: its confirmation was the reminder; not confirmed: nothing to remind of
        assertThat(row(tutor.tenant(), lastMinute).get("reminded_24h_at")).isNull();
        assertThat(row(tutor.tenant(), requested).get("reminded_24h_at")).isNull();

        testClock.advanceTo(lessons.minus(Duration.ofMinutes(40)));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> row(tutor.tenant(), early).get("reminded_1h_at") != null);
        timers.sendReminders();
        assertThat(recorded.of(BookingReminderDue.class, early))
                .extracting(BookingReminderDue::kind)
                .containsExactly("24h", "1h");
        assertThat(recorded.of(BookingReminderDue.class, lastMinute)).isEmpty();
        assertThat(recorded.of(BookingReminderDue.class, requested)).isEmpty();
    }

    @Test
    void aBookingLockedBySomeoneElseIsSkippedNotWaitedFor() throws Exception {
        Tutor tutor = tutor();
        UUID id = booked(student(), tutor, soon(), 60, false);
        // locked before its hold runs out, as by a user's cancel, until released
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual()
                .start(() -> TenantContext.runAs(
                        tutor.tenant(),
                        () -> transactions.executeWithoutResult(status -> {
                            jdbc.sql("SELECT id FROM bookings WHERE id = :id FOR UPDATE")
                                    .param("id", id)
                                    .query(UUID.class)
                                    .single();
                            locked.countDown();
                            try {
                                release.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        })));
        try {
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            // once the hold is due the sweeps skip the locked row instead of waiting for it (FOR UPDATE SKIP LOCKED)
            testClock.advance(Duration.ofMinutes(15).plusSeconds(1));
            long started = System.nanoTime();
            timers.expireHolds();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(state(tutor.tenant(), id)).isEqualTo("PENDING_PAYMENT");
        } finally {
            release.countDown();
            holder.join();
        }
        awaitState(tutor.tenant(), id, "EXPIRED");
        assertThat(historyStates(tutor.tenant(), id)).containsExactly("PENDING_PAYMENT", "EXPIRED");
    }

    @Test
    void concurrentSweepsHandleEveryDueBookingExactlyOnce() {
        Tutor tutor = tutor();
        SignedIn student = student();
        TenantId tenant = tutor.tenant();
        Instant base = slot();
        List<UUID> ids = new ArrayList<>();
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(status -> {
                    for (int i = 0; i < 40; i++) {
                        UUID id = UUID.randomUUID();
                        ids.add(id);
                        Instant start = base.plus(Duration.ofHours(i));
                        jdbc.sql("""
                                INSERT INTO bookings (id, tenant_id, tutor_id, student_id, booked_by, subject_id,
                                                      starts_at, ends_at, occupied_until, state, price_amount,
                                                      price_currency, hold_expires_at, created_at, updated_at)
                                VALUES (:id, :t, :tutor, :student, :student, :subject, :start, :end, :end,
                                        'PENDING_PAYMENT', 3000, 'GBP', now() - interval '1 minute', now(), now())
                                """)
                                .param("id", id)
                                .param("t", tenant.value())
                                .param("tutor", tutor.id())
                                .param("student", student.userId())
                                .param("subject", tutor.subjectId())
                                .param("start", start.atOffset(ZoneOffset.UTC))
                                .param("end", start.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                                .update();
                    }
                }));

        // four sweepers at once, racing the scheduled job as well
        List<Integer> handled = Parallel.run(4, i -> timers.expireHolds());

        await().atMost(Duration.ofSeconds(15))
                .until(() -> count(
                                tenant,
                                "SELECT count(*) FROM bookings WHERE id IN (:ids) AND state = 'EXPIRED'",
                                Map.of("ids", ids))
                        == ids.size());
        assertThat(count(
                        tenant,
                        "SELECT count(*) FROM booking_history WHERE booking_id IN (:ids) AND to_state = 'EXPIRED'",
                        Map.of("ids", ids)))
                .isEqualTo(ids.size());
        for (UUID id : ids) {
            assertThat(recorded.of(BookingExpired.class, id)).hasSize(1);
        }
        assertThat(handled.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(ids.size());
    }
}
