package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiDocument;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.JsonPath;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Placing, reading and listing bookings: who may book what, the refusals, visibility and the listing's scopes. */
class BookingApiTests extends BookingTestBase {

    @Autowired
    RecordedBookingEvents recorded;

    // ---- placing

    @Test
    void aPaidLessonIsHeldPendingPaymentWithItsPriceBufferHistoryAndEvent() {
        Tutor tutor = tutor(false, 15);
        SignedIn student = student();
        Instant start = slot();
        Instant before = Instant.now();

        Response response = book(student, tutor, start, 60, false);

        response.then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/bookings/" + response.path("id")))
                .body("state", equalTo("PENDING_PAYMENT"))
                .body("tutorId", equalTo(tutor.id().toString()))
                .body("studentId", equalTo(student.userId().toString()))
                .body("bookedBy", equalTo(student.userId().toString()))
                .body("startsAt", equalTo(start.toString()))
                .body("endsAt", equalTo(start.plus(Duration.ofHours(1)).toString()))
                .body("durationMinutes", equalTo(60))
                .body("price.amount", equalTo(3000))
                .body("price.currency", equalTo("GBP"))
                .body("trial", equalTo(false))
                .body("cancellationPolicy.freeCancellationHours", equalTo(24))
                .body("reschedulesLeft", equalTo(2));
        UUID id = UUID.fromString(response.path("id"));
        Instant hold = Instant.parse(response.path("holdExpiresAt"));
        assertThat(hold)
                .isBetween(before.plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));

        Instant occupied = io.lyceum.tenancy.TenantContext.callAs(
                tutor.tenant(), () -> jdbc.sql("SELECT occupied_until FROM bookings WHERE id = :id")
                        .param("id", id)
                        .query(java.sql.Timestamp.class)
                        .single()
                        .toInstant());
        assertThat(occupied).isEqualTo(start.plus(Duration.ofMinutes(75)));

        student.api()
                .get(BOOKINGS + "/" + id)
                .then()
                .statusCode(200)
                .body("history", hasSize(1))
                .body("history[0].from", nullValue())
                .body("history[0].to", equalTo("PENDING_PAYMENT"))
                .body("history[0].actorId", equalTo(student.userId().toString()))
                .body("history[0].actorRole", equalTo("STUDENT"));
        assertThat(recorded.of(BookingPlaced.class, id)).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(BookingState.PENDING_PAYMENT);
            assertThat(e.price().amount()).isEqualTo(3000);
            assertThat(e.holdExpiresAt()).isEqualTo(hold);
        });
        assertThat(recorded.of(BookingConfirmed.class, id)).isEmpty();
    }

    @Test
    void aFreeLessonIsConfirmedStraightAwayOrRequestedWhenTheTutorConfirms() {
        Tutor direct = tutor();
        SignedIn student = student();
        UUID confirmed = trial(student, direct, slot());
        student.api().get(BOOKINGS + "/" + confirmed).then().body("state", equalTo("CONFIRMED"));
        assertThat(recorded.of(BookingConfirmed.class, confirmed)).hasSize(1);

        Tutor careful = tutor(true, 0);
        Response requested = book(student, careful, slot(), 60, true);
        requested
                .then()
                .statusCode(201)
                .body("state", equalTo("REQUESTED"))
                .body("price.amount", equalTo(0))
                .body("holdExpiresAt", nullValue())
                .body("confirmBy", equalTo(requested.path("startsAt")))
                .body("confirmationRequired", equalTo(true));
        UUID id = UUID.fromString(requested.path("id"));
        assertThat(recorded.of(BookingRequested.class, id)).hasSize(1);
        assertThat(recorded.of(BookingConfirmed.class, id)).isEmpty();
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndBooksOnce() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Map<String, Object> body = body(tutor, slot(), 60, false);
        String key = "booking-" + UUID.randomUUID();

        Response first = student.api()
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post(BOOKINGS);
        Response replay = student.api()
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post(BOOKINGS);

        first.then().statusCode(201);
        replay.then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first.path("id")));
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM bookings WHERE tutor_id = :tutor",
                        Map.of("tutor", tutor.id())))
                .isEqualTo(1);
        // without the key the same request is a new attempt, refused because the slot is taken
        book(student, body)
                .then()
                .statusCode(409)
                .body("code", org.hamcrest.Matchers.oneOf("booking.student_busy", "booking.slot_unavailable"));
    }

    @Test
    void refusalsNameTheProblem() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Instant start = slot();

        Map<String, Object> unknownTutor = body(tutor, start, 60, false);
        unknownTutor.put("tutorId", UUID.randomUUID().toString());
        book(student, unknownTutor).then().statusCode(404).body("code", equalTo("booking.tutor_unavailable"));

        Map<String, Object> otherSubject = body(tutor, start, 60, false);
        otherSubject.put("subjectId", UUID.randomUUID().toString());
        book(student, otherSubject)
                .then()
                .statusCode(422)
                .body("code", equalTo("booking.subject_not_taught"))
                .body("errors.field", hasItem("subjectId"));

        Map<String, Object> otherLevel = body(tutor, start, 60, false);
        otherLevel.put("level", "A_LEVEL");
        book(student, otherLevel).then().statusCode(422).body("code", equalTo("booking.subject_not_taught"));
        otherLevel.put("level", "KINDERGARTEN");
        book(student, otherLevel).then().statusCode(422).body("code", equalTo("booking.invalid_level"));

        book(student, tutor, start, 45, false)
                .then()
                .statusCode(422)
                .body("code", equalTo("booking.invalid_duration"))
                .body("errors.field", hasItem("durationMinutes"));
        book(student, tutor, start.plusSeconds(30), 60, false)
                .then()
                .statusCode(422)
                .body("code", equalTo("booking.invalid_start"));

        // the tutor's minimum notice is an hour, the horizon 60 days
        Instant soon = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(30));
        book(student, tutor, soon, 60, false)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.slot_not_offered"))
                .body("detail", org.hamcrest.Matchers.containsString("60 minutes ahead"));
        Instant far = start.plus(Duration.ofDays(70));
        book(student, tutor, far, 60, false).then().statusCode(409).body("code", equalTo("booking.slot_not_offered"));

        // missing fields are the usual validation problem
        student.api()
                .contentType("application/json")
                .body(Map.of("tutorId", tutor.id().toString()))
                .post(BOOKINGS)
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors.field", org.hamcrest.Matchers.hasItems("startsAt", "durationMinutes"));
        student.api()
                .contentType("application/json")
                .body("{\"tutorId\": \"not-a-uuid\"}")
                .post(BOOKINGS)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"))
                // a bad UUID in a body names its field, in words (no Java type name)
                .body("errors[0].field", equalTo("tutorId"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("must be a UUID"))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("java.")));
        student.api()
                .contentType("application/json")
                .body(Map.of("tutorId", tutor.id().toString(), "level", "GCSE", "durationMinutes", "sixty"))
                .post(BOOKINGS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("durationMinutes"))
                .body("errors[0].message", equalTo("must be a whole number"));

        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM bookings WHERE tutor_id = :tutor",
                        Map.of("tutor", tutor.id())))
                .isZero();
    }

    @Test
    void aTutorWithoutAScheduleCannotBeBooked() {
        Tutors.Approved bare = Tutors.approved(jdbc);
        SignedIn student = student();
        student.api()
                .contentType("application/json")
                .body(Map.of(
                        "tutorId", bare.id().toString(),
                        "subjectId", bare.subjectId().toString(),
                        "startsAt", slot().toString(),
                        "durationMinutes", 60))
                .post(BOOKINGS)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.slot_not_offered"));
    }

    @Test
    void onlyStudentsAndGuardiansBookAndAStudentOnlyForThemself() {
        Tutor tutor = tutor();
        book(tutor.user(), tutor, slot(), 60, false).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        book(tutor.admin(), tutor, slot(), 60, false).then().statusCode(403).body("code", equalTo("auth.forbidden"));
        Accounts.request(null)
                .contentType("application/json")
                .body(body(tutor, slot(), 60, false))
                .post(BOOKINGS)
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));

        SignedIn student = student();
        Map<String, Object> forSomeoneElse = body(tutor, slot(), 60, false);
        forSomeoneElse.put("studentId", student().userId().toString());
        book(student, forSomeoneElse).then().statusCode(403).body("code", equalTo("booking.forbidden"));
    }

    @Test
    void aTakenSlotIsRefusedIncludingOverlapsAndTheTutorsBuffer() {
        Tutor tutor = tutor(false, 30);
        Instant start = slot();
        trial(student(), tutor, start);

        book(student(), tutor, start, 60, false)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.slot_unavailable"));
        book(student(), tutor, start.plus(Duration.ofMinutes(30)), 60, false)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.slot_unavailable"));
        // within the 30-minute buffer after the lesson
        book(student(), tutor, start.plus(Duration.ofMinutes(60)), 30, false)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.slot_unavailable"));
        // ... and right after it
        book(student(), tutor, start.plus(Duration.ofMinutes(90)), 30, false)
                .then()
                .statusCode(201);
        // a lesson ending before the booked one starts is fine only if its own buffer ends by then too
        book(student(), tutor, start.minus(Duration.ofMinutes(60)), 30, false)
                .then()
                .statusCode(201);
        book(student(), tutor, start.minus(Duration.ofMinutes(30)), 30, false)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.slot_unavailable"));
    }

    @Test
    void aStudentCannotBeInTwoLessonsAtOnceAndACancelledSlotIsFreeAgain() {
        Tutor first = tutor();
        Tutor second = tutor();
        SignedIn student = student();
        Instant start = slot();
        UUID id = booked(student, first, start, 60, false);

        book(student, second, start.plus(Duration.ofMinutes(30)), 60, false)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.student_busy"));

        post(student, BOOKINGS + "/" + id + "/cancel", Map.of("reason", "changed my mind"))
                .then()
                .statusCode(200);
        book(student, second, start.plus(Duration.ofMinutes(30)), 60, false)
                .then()
                .statusCode(201);
        book(student(), first, start, 60, false).then().statusCode(201);
    }

    @Test
    void oneTrialLessonPerStudentAndTutor() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID first = trial(student, tutor, slot());
        book(student, tutor, slot(), 60, true).then().statusCode(409).body("code", equalTo("booking.trial_used"));
        // another tutor's trial is fine, and a cancelled trial never happened
        trial(student, tutor(), slot());
        post(student, BOOKINGS + "/" + first + "/cancel", Map.of("reason", "ill"))
                .then()
                .statusCode(200);
        trial(student, tutor, slot());
    }

    @Test
    void aGuardianBooksForALinkedStudentOnly() {
        Tutor tutor = tutor();
        SignedIn child = student();
        SignedIn guardian = guardianOf(child);

        // with a single link the student may be left out
        Response implicit = book(guardian, tutor, slot(), 60, false);
        implicit.then()
                .statusCode(201)
                .body("studentId", equalTo(child.userId().toString()))
                .body("bookedBy", equalTo(guardian.userId().toString()));

        Map<String, Object> explicit = body(tutor, slot(), 60, false);
        explicit.put("studentId", child.userId().toString());
        book(guardian, explicit)
                .then()
                .statusCode(201)
                .body("studentId", equalTo(child.userId().toString()));

        Map<String, Object> stranger = body(tutor, slot(), 60, false);
        stranger.put("studentId", student().userId().toString());
        book(guardian, stranger).then().statusCode(403).body("code", equalTo("booking.student_not_linked"));

        SignedIn lonely = Accounts.newUser("GUARDIAN");
        book(lonely, tutor, slot(), 60, false).then().statusCode(422).body("code", equalTo("booking.student_required"));
        SignedIn twoChildren = guardianOf(student(), student());
        book(twoChildren, tutor, slot(), 60, false)
                .then()
                .statusCode(422)
                .body("code", equalTo("booking.student_required"));

        // the child sees the booking their guardian made
        child.api().get(BOOKINGS + "/" + implicit.path("id")).then().statusCode(200);
    }

    // ---- reading

    @Test
    void aBookingIsVisibleToItsPartiesAndAdminsOnly() {
        Tutor tutor = tutor();
        SignedIn child = student();
        SignedIn guardian = guardianOf(child);
        UUID id = booked(child, tutor, slot(), 60, false);
        String path = BOOKINGS + "/" + id;

        for (SignedIn party : new SignedIn[] {child, guardian, tutor.user(), tutor.admin()}) {
            party.api().get(path).then().statusCode(200).body("id", equalTo(id.toString()));
            party.api()
                    .get(path + "/history")
                    .then()
                    .statusCode(200)
                    .body("content.to", contains("PENDING_PAYMENT"))
                    .body("page.totalElements", equalTo(1));
        }
        child.api()
                .queryParam("size", 0)
                .get(path + "/history")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
        for (SignedIn stranger : new SignedIn[] {student(), tutor().user(), Accounts.newUser("GUARDIAN")}) {
            stranger.api().get(path).then().statusCode(404).body("code", equalTo("booking.not_found"));
            stranger.api().get(path + "/history").then().statusCode(404).body("code", equalTo("booking.not_found"));
        }
        SignedIn otherTenantOwner = Tenants.newTenantWithOwner(Tenants.uniqueSlug("bookings"));
        otherTenantOwner.api().get(path).then().statusCode(404).body("code", equalTo("booking.not_found"));
        post(otherTenantOwner, path + "/cancel", Map.of("reason", "not mine"))
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        tutor.admin()
                .api()
                .get(BOOKINGS + "/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        tutor.admin()
                .api()
                .get(BOOKINGS + "/not-a-uuid")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
    }

    @Test
    void theListShowsEachCallerTheirOwnBookingsFilteredAndPaged() {
        Tutor tutor = tutor();
        SignedIn alice = student();
        SignedIn bob = student();
        SignedIn guardian = guardianOf(bob);
        Instant base = slot();
        UUID a1 = booked(alice, tutor, base, 60, false);
        UUID a2 = trial(alice, tutor, base.plus(Duration.ofHours(2)));
        UUID b1 = booked(bob, tutor, base.plus(Duration.ofHours(4)), 60, false);
        UUID g1 = booked(guardian, tutor, base.plus(Duration.ofHours(6)), 60, false);

        alice.api()
                .get(BOOKINGS)
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(2))
                .body("content.id", contains(a1.toString(), a2.toString()));
        alice.api()
                .queryParam("sort", "startsAt,desc")
                .get(BOOKINGS)
                .then()
                .body("content.id", contains(a2.toString(), a1.toString()));
        alice.api().queryParam("state", "CONFIRMED").get(BOOKINGS).then().body("content.id", contains(a2.toString()));
        alice.api()
                .queryParam("state", "CONFIRMED", "PENDING_PAYMENT")
                .get(BOOKINGS)
                .then()
                .body("page.totalElements", equalTo(2));
        alice.api()
                .queryParam("from", base.plus(Duration.ofHours(1)).toString())
                .get(BOOKINGS)
                .then()
                .body("content.id", contains(a2.toString()));
        alice.api()
                .queryParam("to", base.plus(Duration.ofHours(1)).toString())
                .get(BOOKINGS)
                .then()
                .body("content.id", contains(a1.toString()));

        bob.api().get(BOOKINGS).then().body("content.id", containsInAnyOrder(b1.toString(), g1.toString()));
        guardian.api().get(BOOKINGS).then().body("content.id", containsInAnyOrder(b1.toString(), g1.toString()));
        tutor.user()
                .api()
                .get(BOOKINGS)
                .then()
                .body("content.id", contains(a1.toString(), a2.toString(), b1.toString(), g1.toString()));
        tutor.user()
                .api()
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get(BOOKINGS)
                .then()
                .body("content.id", contains(b1.toString(), g1.toString()))
                .body("page.totalPages", equalTo(2));
        tutor().user().api().get(BOOKINGS).then().body("page.totalElements", equalTo(0));

        // admins see the whole tenant and narrow it down
        tutor.admin()
                .api()
                .queryParam("tutorId", tutor.id().toString())
                .queryParam("studentId", alice.userId().toString())
                .get(BOOKINGS)
                .then()
                .body("content.id", contains(a1.toString(), a2.toString()))
                .body("content.history", everyItem(nullValue()));
        tutor.admin()
                .api()
                .get(BOOKINGS)
                .then()
                .body("page.totalElements", org.hamcrest.Matchers.greaterThanOrEqualTo(4));
        // a student's tutorId filter narrows their own list, never widens it
        bob.api()
                .queryParam("studentId", alice.userId().toString())
                .get(BOOKINGS)
                .then()
                .body("page.totalElements", equalTo(0));

        alice.api()
                .queryParam("state", "SLEEPING")
                .get(BOOKINGS)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
        alice.api()
                .queryParam("sort", "price,asc")
                .get(BOOKINGS)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
        alice.api()
                .queryParam("from", base.toString())
                .queryParam("to", base.toString())
                .get(BOOKINGS)
                .then()
                .statusCode(422)
                .body("code", equalTo("booking.invalid_range"));
        Accounts.request(null).get(BOOKINGS).then().statusCode(401).body("code", equalTo("auth.unauthenticated"));
    }

    @Test
    void theListedBookingCarriesItsPolicyDeadlines() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Instant start = slot();
        booked(student, tutor, start, 60, false);
        JsonPath listed = student.api().get(BOOKINGS).then().extract().jsonPath();
        assertThat(Instant.parse(listed.getString("content[0].freeCancellationUntil")))
                .isEqualTo(start.minus(Duration.ofHours(24)));
        assertThat(Instant.parse(listed.getString("content[0].rescheduleUntil")))
                .isEqualTo(start.minus(Duration.ofHours(12)));
        assertThat(Instant.parse(listed.getString("content[0].createdAt")))
                .isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(listed.getList("content.note")).containsOnly((Object) null);
    }

    @Test
    void theNoteReachesTheTutor() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Map<String, Object> body = body(tutor, slot(), 60, false);
        body.put("note", "  Please focus on algebra.  ");
        String id = book(student, body).then().statusCode(201).extract().path("id");
        tutor.user().api().get(BOOKINGS + "/" + id).then().body("note", equalTo("Please focus on algebra."));
        body.put("note", "x".repeat(2001));
        book(student, body)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("note"))
                .body("code", equalTo("request.validation_failed"));
    }

    @Test
    void theRoutesAreDocumentedInOpenApi() {
        JsonPath openApi = ApiDocument.jsonPath();
        for (String route : new String[] {
            "/api/v1/bookings",
            "/api/v1/bookings/{id}",
            "/api/v1/bookings/{id}/history",
            "/api/v1/bookings/{id}/cancel",
            "/api/v1/bookings/{id}/reschedule",
            "/api/v1/bookings/{id}/dispute",
            "/api/v1/bookings/{id}/mark-no-show-tutor",
            "/api/v1/bookings/{id}/assign-student",
            "/api/v1/tutor/bookings/{id}/confirm",
            "/api/v1/tutor/bookings/{id}/decline",
            "/api/v1/tutor/bookings/{id}/mark-no-show-student",
            "/api/v1/tutor/bookings/{id}/mark-no-show-tutor",
            "/api/v1/admin/bookings/{id}/resolve",
            "/api/v1/admin/scheduling/policy",
            "/api/v1/tutors/me/cancellation-policy",
            "/api/v1/tutors/{id}/cancellation-terms"
        }) {
            assertThat(openApi.getMap("paths")).as(route).containsKey(route);
        }
        assertThat(openApi.getString("paths.'/api/v1/bookings'.post.description"))
                .contains("Idempotency-Key");
    }
}
