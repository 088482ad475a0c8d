package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;

import io.lyceum.shared.BookingId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every transition of a booking through the API: who may make it, from which state, and when. */
class BookingLifecycleApiTests extends BookingTestBase {

    @Autowired
    RecordedBookingEvents recorded;

    private static String path(UUID id, String action) {
        return BOOKINGS + "/" + id + "/" + action;
    }

    private static String tutorPath(UUID id, String action) {
        return "/api/v1/tutor/bookings/" + id + "/" + action;
    }

    private static Map<String, Object> reason(String text) {
        return Map.of("reason", text);
    }

    /** Waits until every listener has handled the events that mention the booking. */
    private void awaitListeners(UUID bookingId) {
        awaitListenersOf(Duration.ofSeconds(15), List.of(bookingId));
    }

    private List<Map<String, Object>> history(TenantId tenant, UUID id) {
        return TenantContext.callAs(
                tenant, () -> jdbc.sql("""
                        SELECT from_state, to_state, actor_id, actor_role, reason, details::text AS details
                        FROM booking_history WHERE booking_id = :id ORDER BY occurred_at, id
                        """).param("id", id).query().listOfRows());
    }

    // ---- confirm and decline

    @Test
    void theTutorConfirmsARequestedBookingOnce() {
        Tutor tutor = tutor(true, 0);
        SignedIn student = student();
        UUID id = trial(student, tutor, slot());

        post(student, tutorPath(id, "confirm"), null).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        post(tutor().user(), tutorPath(id, "confirm"), null)
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        post(tutor.user(), tutorPath(id, "confirm"), null)
                .then()
                .statusCode(200)
                .body("state", equalTo("CONFIRMED"))
                .body("confirmBy", org.hamcrest.Matchers.nullValue());
        post(tutor.user(), tutorPath(id, "confirm"), null)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.illegal_transition"));
        post(tutor.user(), tutorPath(id, "decline"), reason("busy"))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.illegal_transition"));

        assertThat(historyStates(tutor.tenant(), id)).containsExactly("REQUESTED", "CONFIRMED");
        assertThat(history(tutor.tenant(), id).get(1))
                .containsEntry("actor_role", "TUTOR")
                .containsEntry("actor_id", tutor.id());
        assertThat(recorded.of(BookingConfirmed.class, id)).hasSize(1);
        assertThat(recorded.of(BookingStateChanged.class, id))
                .extracting(BookingStateChanged::to)
                .containsExactly(BookingState.REQUESTED, BookingState.CONFIRMED);
    }

    @Test
    void theTutorDeclinesWithAReasonAndTheSlotIsFreeAgain() {
        Tutor tutor = tutor(true, 0);
        Instant start = slot();
        UUID id = trial(student(), tutor, start);

        post(tutor.user(), tutorPath(id, "decline"), Map.of())
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", hasItem("reason"));
        post(tutor.user(), tutorPath(id, "decline"), reason("On holiday that week"))
                .then()
                .statusCode(200)
                .body("state", equalTo("DECLINED"));
        assertThat(history(tutor.tenant(), id).getLast()).containsEntry("reason", "On holiday that week");
        assertThat(recorded.of(BookingDeclined.class, id)).singleElement().satisfies(e -> assertThat(e.automatic())
                .isFalse());
        trial(student(), tutor, start);
    }

    @Test
    void aRequestCannotBeAnsweredOnceTheLessonHasStarted() {
        Tutor tutor = tutor(true, 0);
        Instant start = soon();
        UUID id = trial(student(), tutor, start);
        testClock.advanceTo(start.plus(Duration.ofMinutes(5)));
        // either the request is refused as too late, or the timer declined it first: never confirmed
        post(tutor.user(), tutorPath(id, "confirm"), null)
                .then()
                .statusCode(409)
                .body("code", oneOf("booking.too_late", "booking.illegal_transition"));
        post(tutor.user(), tutorPath(id, "decline"), reason("late"))
                .then()
                .statusCode(409)
                .body("code", oneOf("booking.too_late", "booking.illegal_transition"));
        assertThat(state(tutor.tenant(), id)).isIn("REQUESTED", "DECLINED");
    }

    // ---- billing's answers

    @Test
    void billingsAnswersConfirmOrReleaseTheHoldAndRedeliveriesChangeNothing() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID paid = booked(student, tutor, slot(), 60, false);
        pay(tutor.tenant(), paid, "pi_1");
        awaitState(tutor.tenant(), paid, "CONFIRMED");
        pay(tutor.tenant(), paid, "pi_1");
        publish(
                tutor.tenant(),
                new BookingPaymentFailed(tutor.tenant(), BookingId.of(paid), "card declined", Instant.now()));
        awaitListeners(paid);
        assertThat(state(tutor.tenant(), paid)).isEqualTo("CONFIRMED");
        assertThat(history(tutor.tenant(), paid)).hasSize(2);
        assertThat(history(tutor.tenant(), paid).get(1))
                .containsEntry("actor_role", "BILLING")
                .containsEntry("actor_id", null);
        assertThat((String) history(tutor.tenant(), paid).get(1).get("details")).contains("pi_1");
        student.api().get(BOOKINGS + "/" + paid).then().body("holdExpiresAt", org.hamcrest.Matchers.nullValue());
        assertThat(recorded.of(BookingConfirmed.class, paid)).hasSize(1);

        UUID failed = booked(student, tutor, slot(), 60, false);
        publish(
                tutor.tenant(),
                new BookingPaymentFailed(tutor.tenant(), BookingId.of(failed), "card declined", Instant.now()));
        awaitState(tutor.tenant(), failed, "EXPIRED");
        assertThat(recorded.of(BookingExpired.class, failed)).singleElement().satisfies(e -> assertThat(e.cause())
                .isEqualTo(BookingExpired.PAYMENT_FAILED));

        Tutor careful = tutor(true, 0);
        UUID requested = booked(student, careful, slot(), 60, false);
        pay(careful.tenant(), requested, "pi_2");
        awaitState(careful.tenant(), requested, "REQUESTED");
        assertThat(recorded.of(BookingRequested.class, requested)).hasSize(1);
    }

    @Test
    void aPaymentArrivingAfterTheHoldExpiredIsHandedBackOnce() {
        Tutor tutor = tutor();
        UUID id = booked(student(), tutor, soon(), 60, false);
        testClock.advance(Duration.ofMinutes(16)); // past the 15-minute hold
        awaitState(tutor.tenant(), id, "EXPIRED");

        pay(tutor.tenant(), id, "pi_late");
        pay(tutor.tenant(), id, "pi_late");
        awaitListeners(id);
        assertThat(state(tutor.tenant(), id)).isEqualTo("EXPIRED");
        assertThat(history(tutor.tenant(), id))
                .filteredOn(row -> String.valueOf(row.get("details")).contains("lateArrival"))
                .hasSize(1);
        assertThat(recorded.of(BookingPaymentArrivedTooLate.class, id))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.paymentReference()).isEqualTo("pi_late");
                    assertThat(e.state()).isEqualTo(BookingState.EXPIRED);
                });
    }

    // ---- cancel

    @Test
    void aStudentCancelsForFreeEarlyAndPaysTheLateFeeAfterwards() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID early = paid(student, tutor, slot());
        post(student, path(early, "cancel"), reason("exam moved"))
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"));
        assertThat(recorded.of(BookingCancelled.class, early)).singleElement().satisfies(e -> {
            assertThat(e.decision().rule()).isEqualTo("FREE_CANCELLATION");
            assertThat(e.decision().refund().amount()).isEqualTo(3000);
            assertThat(e.decision().fee().amount()).isZero();
            assertThat(e.actorRole()).isEqualTo("STUDENT");
            assertThat(e.reason()).isEqualTo("exam moved");
        });

        Instant lateStart = slot();
        UUID late = paid(student, tutor, lateStart);
        testClock.advanceTo(lateStart.minus(Duration.ofHours(5))); // inside the 24 free hours
        post(student, path(late, "cancel"), reason("overslept")).then().statusCode(200);
        assertThat(recorded.of(BookingCancelled.class, late)).singleElement().satisfies(e -> {
            assertThat(e.decision().rule()).isEqualTo("LATE_CANCELLATION");
            assertThat(e.decision().refund().amount()).isEqualTo(1500);
            assertThat(e.decision().fee().amount()).isEqualTo(1500);
            assertThat(e.decision().tutorCompensation().amount()).isEqualTo(1500);
        });
        assertThat((String) history(tutor.tenant(), late).getLast().get("details"))
                .contains("LATE_CANCELLATION");

        post(student, path(late, "cancel"), reason("again"))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.illegal_transition"));
        post(student, path(late, "cancel"), Map.of())
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
    }

    @Test
    void tutorsAndAdminsCancelWithAFullRefundAndNobodyCancelsAStartedLesson() {
        Tutor tutor = tutor();
        SignedIn child = student();
        SignedIn guardian = guardianOf(child);
        Instant soon = soon();

        UUID byTutor = paid(child, tutor, soon);
        post(tutor.user(), path(byTutor, "cancel"), reason("ill")).then().statusCode(200);
        assertThat(recorded.of(BookingCancelled.class, byTutor).getFirst().decision())
                .satisfies(d -> {
                    assertThat(d.rule()).isEqualTo("TUTOR_CANCELLED");
                    assertThat(d.refund().amount()).isEqualTo(3000);
                });

        UUID byAdmin = paid(child, tutor, soon.plus(Duration.ofHours(2)));
        post(tutor.admin(), path(byAdmin, "cancel"), reason("tutor suspended"))
                .then()
                .statusCode(200);
        assertThat(recorded.of(BookingCancelled.class, byAdmin)
                        .getFirst()
                        .decision()
                        .rule())
                .isEqualTo("ADMIN_CANCELLED");

        UUID byGuardian = paid(child, tutor, soon.plus(Duration.ofHours(4)));
        post(student(), path(byGuardian, "cancel"), reason("not mine"))
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        post(tutor().user(), path(byGuardian, "cancel"), reason("not mine"))
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        post(guardian, path(byGuardian, "cancel"), reason("family emergency"))
                .then()
                .statusCode(200);
        assertThat(recorded.of(BookingCancelled.class, byGuardian).getFirst()).satisfies(e -> {
            assertThat(e.decision().rule()).isEqualTo("LATE_CANCELLATION");
            assertThat(e.actorRole()).isEqualTo("GUARDIAN");
            assertThat(e.actorId()).isEqualTo(guardian.userId());
        });

        Instant startedAt = soon.plus(Duration.ofHours(6));
        UUID started = paid(child, tutor, startedAt);
        testClock.advanceTo(startedAt.plus(Duration.ofMinutes(10)));
        for (SignedIn who : new SignedIn[] {child, tutor.user(), tutor.admin()}) {
            post(who, path(started, "cancel"), reason("too late"))
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("booking.too_late"));
        }

        // a hold can be given up before paying: nothing was paid, so everything goes back
        UUID hold = booked(child, tutor, slot(), 60, false);
        post(child, path(hold, "cancel"), reason("wrong time")).then().statusCode(200);
        assertThat(recorded.of(BookingCancelled.class, hold)
                        .getFirst()
                        .decision()
                        .rule())
                .isEqualTo("UNPAID");
    }

    // ---- reschedule

    @Test
    void aBookingMovesWithinThePolicyAndTheOldSlotIsFreed() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Instant start = slot();
        UUID id = paid(student, tutor, start);
        Instant later = start.plus(Duration.ofHours(2));

        post(student, path(id, "reschedule"), Map.of("startsAt", later.toString()))
                .then()
                .statusCode(200)
                .body("state", equalTo("CONFIRMED"))
                .body("startsAt", equalTo(later.toString()))
                .body("endsAt", equalTo(later.plus(Duration.ofHours(1)).toString()))
                .body("rescheduleCount", equalTo(1))
                .body("reschedulesLeft", equalTo(1));
        assertThat(recorded.of(BookingRescheduled.class, id)).singleElement().satisfies(e -> {
            assertThat(e.previousStartsAt()).isEqualTo(start);
            assertThat(e.startsAt()).isEqualTo(later);
            assertThat(e.actorId()).isEqualTo(student.userId());
        });
        booked(student(), tutor, start, 60, false);

        // overlapping its own current time is fine
        Instant overlapping = later.plus(Duration.ofMinutes(30));
        post(tutor.user(), path(id, "reschedule"), Map.of("startsAt", overlapping.toString()))
                .then()
                .statusCode(200)
                .body("rescheduleCount", equalTo(2))
                .body("reschedulesLeft", equalTo(0));
        post(
                        student,
                        path(id, "reschedule"),
                        Map.of("startsAt", later.plus(Duration.ofHours(5)).toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.reschedule_limit_reached"));
        assertThat(historyStates(tutor.tenant(), id))
                .containsExactly("PENDING_PAYMENT", "CONFIRMED", "CONFIRMED", "CONFIRMED");
    }

    @Test
    void reschedulingRefusesTakenAndUnofferedTimesWrongCallersAndStates() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Instant start = slot();
        UUID id = paid(student, tutor, start);
        Instant taken = start.plus(Duration.ofHours(3));
        booked(student(), tutor, taken, 60, false);
        Instant busy = start.plus(Duration.ofHours(6));
        booked(student, tutor(), busy, 60, false);

        post(student, path(id, "reschedule"), Map.of("startsAt", taken.toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.slot_unavailable"));
        post(student, path(id, "reschedule"), Map.of("startsAt", busy.toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.student_busy"));
        post(
                        student,
                        path(id, "reschedule"),
                        Map.of("startsAt", start.plus(Duration.ofDays(90)).toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.slot_not_offered"));
        post(
                        student,
                        path(id, "reschedule"),
                        Map.of("startsAt", start.plusSeconds(5).toString()))
                .then()
                .statusCode(422)
                .body("code", equalTo("booking.invalid_start"));
        post(student, path(id, "reschedule"), Map.of("startsAt", start.toString()))
                .then()
                .statusCode(422)
                .body("code", equalTo("booking.invalid_start"));
        post(student, path(id, "reschedule"), Map.of())
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        post(
                        tutor.admin(),
                        path(id, "reschedule"),
                        Map.of("startsAt", start.plus(Duration.ofHours(1)).toString()))
                .then()
                .statusCode(403)
                .body("code", equalTo("booking.forbidden"));
        post(
                        student(),
                        path(id, "reschedule"),
                        Map.of("startsAt", start.plus(Duration.ofHours(1)).toString()))
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        // nothing changed
        student.api().get(BOOKINGS + "/" + id).then().body("startsAt", equalTo(start.toString()));
        student.api().get(BOOKINGS + "/" + id).then().body("rescheduleCount", equalTo(0));

        // within 12 hours of the start it is too late
        testClock.advanceTo(start.minus(Duration.ofHours(6)));
        post(
                        student,
                        path(id, "reschedule"),
                        Map.of("startsAt", start.plus(Duration.ofHours(1)).toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.too_late"));

        UUID hold = booked(student, tutor, start.plus(Duration.ofHours(9)), 60, false);
        post(student, path(hold, "reschedule"), Map.of("startsAt", start.toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.illegal_transition"));
        post(student, path(hold, "cancel"), reason("no")).then().statusCode(200);
        post(student, path(hold, "reschedule"), Map.of("startsAt", start.toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.illegal_transition"));
    }

    @Test
    void aStudentsMoveOfABookingTheTutorConfirmsNeedsConfirmationAgain() {
        Tutor tutor = tutor(true, 0);
        SignedIn student = student();
        Instant start = slot();
        UUID id = trial(student, tutor, start);
        post(tutor.user(), tutorPath(id, "confirm"), null).then().statusCode(200);

        post(
                        tutor.user(),
                        path(id, "reschedule"),
                        Map.of("startsAt", start.plus(Duration.ofHours(1)).toString()))
                .then()
                .statusCode(200)
                .body("state", equalTo("CONFIRMED"));
        post(
                        student,
                        path(id, "reschedule"),
                        Map.of("startsAt", start.plus(Duration.ofHours(3)).toString()))
                .then()
                .statusCode(200)
                .body("state", equalTo("REQUESTED"))
                .body("confirmBy", equalTo(start.plus(Duration.ofHours(3)).toString()));
        assertThat(recorded.of(BookingRequested.class, id)).hasSize(2);
        post(tutor.user(), tutorPath(id, "confirm"), null)
                .then()
                .statusCode(200)
                .body("state", equalTo("CONFIRMED"));
    }

    // ---- no-shows

    @Test
    void theTutorReportsAnAbsentStudentOnceTheLessonHasStarted() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Instant start = soon();
        UUID id = trial(student, tutor, start);

        post(tutor.user(), tutorPath(id, "mark-no-show-student"), null)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.too_early"));
        testClock.advanceTo(start.plus(Duration.ofMinutes(15)));
        post(student, tutorPath(id, "mark-no-show-student"), null)
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        post(tutor().user(), tutorPath(id, "mark-no-show-student"), null)
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        post(tutor.user(), tutorPath(id, "mark-no-show-student"), reason("waited 15 minutes"))
                .then()
                .statusCode(200)
                .body("state", equalTo("NO_SHOW_STUDENT"));
        post(tutor.user(), tutorPath(id, "mark-no-show-student"), null)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.illegal_transition"));
        post(student, path(id, "mark-no-show-tutor"), null)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.illegal_transition"));
        assertThat(recorded.of(BookingNoShowReported.class, id)).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(BookingState.NO_SHOW_STUDENT);
            assertThat(e.actorRole()).isEqualTo("TUTOR");
            assertThat(e.reason()).isEqualTo("waited 15 minutes");
        });
    }

    @Test
    void theStudentSideReportsAnAbsentTutorOnEitherPath() {
        Tutor tutor = tutor();
        SignedIn child = student();
        SignedIn guardian = guardianOf(child);
        // started 160, 90 and 20 minutes before the reports
        Instant requestedStart = soon();
        UUID requested = trial(child, tutor(true, 0), requestedStart);
        UUID second = paid(child, tutor, requestedStart.plus(Duration.ofMinutes(70)));
        UUID first = trial(child, tutor, requestedStart.plus(Duration.ofMinutes(140)));
        testClock.advanceTo(requestedStart.plus(Duration.ofMinutes(160)));

        post(tutor.user(), path(first, "mark-no-show-tutor"), null)
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        post(tutor.user(), tutorPath(first, "mark-no-show-tutor"), null)
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        post(child, path(first, "mark-no-show-tutor"), reason("never came"))
                .then()
                .statusCode(200)
                .body("state", equalTo("NO_SHOW_TUTOR"));
        post(guardian, tutorPath(second, "mark-no-show-tutor"), null)
                .then()
                .statusCode(200)
                .body("state", equalTo("NO_SHOW_TUTOR"));
        post(child, path(requested, "mark-no-show-tutor"), null)
                .then()
                .statusCode(409)
                .body("code", oneOf("booking.illegal_transition"));
        post(student(), path(first, "mark-no-show-tutor"), null)
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
    }

    // ---- disputes

    @Test
    void aParticipantDisputesWithinTheWindowAndAnAdminResolves() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Instant start = soon();
        UUID id = paid(student, tutor, start);
        testClock.advanceTo(start.plus(Duration.ofHours(4))); // ended 3 hours ago, past the 2-hour grace
        awaitState(tutor.tenant(), id, "COMPLETED");

        post(tutor.admin(), path(id, "dispute"), reason("admin"))
                .then()
                .statusCode(403)
                .body("code", equalTo("booking.forbidden"));
        post(student(), path(id, "dispute"), reason("stranger"))
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        post(student, path(id, "dispute"), Map.of("reason", " "))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        post(student, path(id, "dispute"), reason("The tutor left after 20 minutes"))
                .then()
                .statusCode(200)
                .body("state", equalTo("DISPUTED"));
        post(tutor.user(), path(id, "dispute"), reason("me too"))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.illegal_transition"));
        assertThat(recorded.of(BookingDisputed.class, id)).singleElement().satisfies(e -> assertThat(e.previousState())
                .isEqualTo(BookingState.COMPLETED));

        String resolve = "/api/v1/admin/bookings/" + id + "/resolve";
        post(tutor.user(), resolve, Map.of("outcome", "REFUND_STUDENT", "note", "x"))
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        post(tutor.admin(), resolve, Map.of("outcome", "SPLIT", "note", "half"))
                .then()
                .statusCode(422)
                .body("code", equalTo("booking.share_required"));
        post(tutor.admin(), resolve, Map.of("outcome", "REFUND_STUDENT", "studentSharePercent", 50, "note", "x"))
                .then()
                .statusCode(422)
                .body("code", equalTo("booking.share_not_applicable"));
        post(tutor.admin(), resolve, Map.of("outcome", "SPLIT", "studentSharePercent", 100, "note", "x"))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        post(tutor.admin(), resolve, Map.of("outcome", "MAYBE", "note", "x"))
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"));
        post(tutor.admin(), resolve, Map.of("outcome", "SPLIT", "studentSharePercent", 30, "note", "Lesson cut short"))
                .then()
                .statusCode(200)
                .body("state", equalTo("RESOLVED"));
        post(tutor.admin(), resolve, Map.of("outcome", "RELEASE_TUTOR", "note", "again"))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.illegal_transition"));
        assertThat(recorded.of(BookingDisputeResolved.class, id))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(DisputeOutcome.SPLIT);
                    assertThat(e.studentRefund().amount()).isEqualTo(900);
                    assertThat(e.tutorAmount().amount()).isEqualTo(2100);
                    assertThat(e.adminId()).isEqualTo(tutor.admin().userId());
                });
        assertThat(historyStates(tutor.tenant(), id))
                .containsExactly("PENDING_PAYMENT", "CONFIRMED", "COMPLETED", "DISPUTED", "RESOLVED");
        Accounts.SignedIn otherTenantOwner =
                io.lyceum.testsupport.Tenants.newTenantWithOwner(io.lyceum.testsupport.Tenants.uniqueSlug("disp"));
        post(otherTenantOwner, resolve, Map.of("outcome", "REFUND_STUDENT", "note", "x"))
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
    }

    @Test
    void noShowsCanBeDisputedButOnlyWithinTheWindowAfterTheEnd() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Instant start = soon();
        UUID noShow = paid(student, tutor, start);
        Instant oldStart = start.plus(Duration.ofHours(3));
        UUID old = paid(student, tutor, oldStart);
        testClock.advanceTo(start.plus(Duration.ofMinutes(10)));
        post(tutor.user(), tutorPath(noShow, "mark-no-show-student"), null)
                .then()
                .statusCode(200);
        post(student, path(noShow, "dispute"), reason("I was there, the link did not work"))
                .then()
                .statusCode(200);
        post(
                        tutor.admin(),
                        "/api/v1/admin/bookings/" + noShow + "/resolve",
                        Map.of("outcome", "REFUND_STUDENT", "note", "Meeting link broken"))
                .then()
                .statusCode(200);
        assertThat(recorded.of(BookingDisputeResolved.class, noShow)
                        .getFirst()
                        .studentRefund()
                        .amount())
                .isEqualTo(3000);

        testClock.advanceTo(oldStart.plus(Duration.ofDays(5))); // completed, and its dispute window closed
        awaitState(tutor.tenant(), old, "COMPLETED");
        post(student, path(old, "dispute"), reason("late complaint"))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.too_late"));

        UUID upcoming = paid(student, tutor, soon());
        post(student, path(upcoming, "dispute"), reason("early"))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.illegal_transition"));
        post(
                        tutor.admin(),
                        "/api/v1/admin/bookings/" + upcoming + "/resolve",
                        Map.of("outcome", "REFUND_STUDENT", "note", "x"))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.illegal_transition"));
    }

    // ---- assigning a student

    @Test
    void theGuardianWhoBookedAssignsAnotherLinkedStudent() {
        Tutor tutor = tutor();
        SignedIn anna = student();
        SignedIn ben = student();
        SignedIn guardian = guardianOf(anna, ben);
        Instant start = slot();
        java.util.HashMap<String, Object> body = new java.util.HashMap<>(body(tutor, start, 60, false));
        body.put("studentId", anna.userId().toString());
        UUID id = UUID.fromString(
                book(guardian, body).then().statusCode(201).extract().path("id"));

        post(anna, path(id, "assign-student"), Map.of("studentId", ben.userId().toString()))
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        post(
                        guardian,
                        path(id, "assign-student"),
                        Map.of("studentId", student().userId().toString()))
                .then()
                .statusCode(403)
                .body("code", equalTo("booking.student_not_linked"));
        post(guardian, path(id, "assign-student"), Map.of())
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        // another guardian of Anna sees the booking but did not make it
        SignedIn otherGuardian = guardianOf(anna);
        post(
                        otherGuardian,
                        path(id, "assign-student"),
                        Map.of("studentId", anna.userId().toString()))
                .then()
                .statusCode(403)
                .body("code", equalTo("booking.forbidden"));

        post(
                        guardian,
                        path(id, "assign-student"),
                        Map.of("studentId", ben.userId().toString()))
                .then()
                .statusCode(200)
                .body("studentId", equalTo(ben.userId().toString()))
                .body("bookedBy", equalTo(guardian.userId().toString()));
        ben.api().get(BOOKINGS + "/" + id).then().statusCode(200);
        anna.api().get(BOOKINGS + "/" + id).then().statusCode(404).body("code", equalTo("booking.not_found"));
        assertThat(recorded.of(BookingStudentAssigned.class, id))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.previousStudentId().value()).isEqualTo(anna.userId());
                    assertThat(e.studentId().value()).isEqualTo(ben.userId());
                });
        assertThat((String) history(tutor.tenant(), id).getLast().get("details"))
                .contains(ben.userId().toString());

        // Anna is busy with another tutor at the time of a second booking: she cannot be assigned to it
        UUID second = UUID.fromString(book(
                        guardian,
                        Map.of(
                                "tutorId", tutor.id().toString(),
                                "subjectId", tutor.subjectId().toString(),
                                "startsAt", start.plus(Duration.ofHours(3)).toString(),
                                "durationMinutes", 60,
                                "studentId", ben.userId().toString()))
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        booked(anna, tutor(), start.plus(Duration.ofHours(3)), 60, false);
        post(
                        guardian,
                        path(second, "assign-student"),
                        Map.of("studentId", anna.userId().toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.student_busy"));

        testClock.advanceTo(start.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(1))); // second has started
        post(
                        guardian,
                        path(second, "assign-student"),
                        Map.of("studentId", anna.userId().toString()))
                .then()
                .statusCode(409)
                .body("code", oneOf("booking.too_late", "booking.illegal_transition"));
    }
}
