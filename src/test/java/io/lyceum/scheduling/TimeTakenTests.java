package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Time that is taken stays taken (issue 12): an approved preliminary meeting occupies the tutor's and the student's
 * time exactly like a booking, only within the tutor's hours, and shows in both calendar feeds; a start that has passed
 * is {@code booking.start_in_past}; an availability override dated in the past is refused.
 */
class TimeTakenTests extends BookingTestBase {

    /** A meeting request (as a student's request through the API leaves it), for the tutor to approve. */
    private UUID requested(Tutor tutor, SignedIn student) {
        UUID id = UUID.randomUUID();
        TenantContext.runAs(tutor.tenant(), () -> jdbc.sql("""
                        INSERT INTO preliminary_meetings (id, tenant_id, course_pack_id, tutor_id, student_id,
                                                          requested_by, state, created_at, updated_at)
                        VALUES (:id, :t, :pack, :tutor, :student, :student, 'REQUESTED', now(), now())
                        """)
                .param("id", id)
                .param("t", tutor.tenant().value())
                .param("pack", UUID.randomUUID())
                .param("tutor", tutor.id())
                .param("student", student.userId())
                .update());
        return id;
    }

    private static Response approve(SignedIn tutor, UUID meeting, Instant start, int minutes) {
        return post(
                tutor,
                "/api/v1/tutor/preliminary-meetings/" + meeting + "/approve",
                Map.of("startsAt", start.toString(), "durationMinutes", minutes));
    }

    private List<String> slotsOn(Tutor tutor, Instant start) {
        return api().queryParams(Map.of(
                        "from", start.minus(Duration.ofHours(2)).toString(),
                        "to", start.plus(Duration.ofHours(3)).toString(),
                        "duration", 60))
                .get("/api/v1/tutors/" + tutor.id() + "/available-slots")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("slots.start", String.class);
    }

    @Test
    void anApprovedMeetingTakesTheTutorsAndTheStudentsTimeLikeALesson() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Instant start = slot();
        assertThat(slotsOn(tutor, start)).contains(start.toString());

        approve(tutor.user(), requested(tutor, student), start, 30)
                .then()
                .statusCode(200)
                .body("state", equalTo("APPROVED"));

        // no longer offered, and nobody can take it: not another student with this tutor...
        assertThat(slotsOn(tutor, start))
                .doesNotContain(
                        start.toString(), start.minus(Duration.ofMinutes(30)).toString());
        book(student(), tutor, start, 60, false)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.slot_unavailable"));
        // ...nor this student with another tutor
        Tutor other = tutor();
        book(student, other, start.minus(Duration.ofMinutes(30)), 60, false)
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.student_busy"));
        // a lesson moved onto the meeting is refused the same way
        SignedIn mover = student();
        UUID lesson = booked(mover, tutor, start.plus(Duration.ofHours(2)), 60, true);
        post(mover, BOOKINGS + "/" + lesson + "/reschedule", Map.of("startsAt", start.toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.slot_unavailable"));
        // the time right after the meeting is free again
        booked(student(), tutor, start.plus(Duration.ofMinutes(30)), 60, false);
    }

    @Test
    void aMeetingIsNotApprovedOverALessonOfTheTutorOrOfTheStudent() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Instant start = slot();
        booked(student(), tutor, start, 60, false);
        approve(tutor.user(), requested(tutor, student), start.plus(Duration.ofMinutes(30)), 30)
                .then()
                .statusCode(409)
                .body("code", equalTo("preliminary_meeting.tutor_busy"));

        Tutor other = tutor();
        booked(student, other, start.plus(Duration.ofHours(3)), 60, false);
        UUID meeting = requested(tutor, student);
        approve(tutor.user(), meeting, start.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(15)), 30)
                .then()
                .statusCode(409)
                .body("code", equalTo("preliminary_meeting.student_busy"));
        // refused means nothing written: the request is still open and can be approved at a free time
        approve(tutor.user(), meeting, start.plus(Duration.ofHours(6)), 30)
                .then()
                .statusCode(200);
    }

    @Test
    void twoMeetingsOfOneTutorDoNotOverlap() {
        Tutor tutor = tutor();
        Instant start = slot();
        approve(tutor.user(), requested(tutor, student()), start, 30).then().statusCode(200);
        approve(tutor.user(), requested(tutor, student()), start.plus(Duration.ofMinutes(15)), 30)
                .then()
                .statusCode(409)
                .body("code", equalTo("preliminary_meeting.tutor_busy"));
    }

    @Test
    void aMeetingOutsideTheTutorsHoursIsRefused() {
        Tutors.Approved closed = Tutors.approved(jdbc); // no availability published
        Tutor tutor = new Tutor(closed, defaultTenant());
        approve(closed.tutor(), requested(tutor, student()), slot(), 30)
                .then()
                .statusCode(409)
                .body("code", equalTo("preliminary_meeting.outside_hours"))
                .body("detail", containsString("open hours"));
    }

    @Test
    void anApprovedMeetingIsInTheTutorsAndTheStudentsCalendarFeeds() {
        Tutor tutor = tutor();
        SignedIn student = student();
        UUID meeting = requested(tutor, student);
        approve(tutor.user(), meeting, slot(), 30).then().statusCode(200);
        for (SignedIn who : List.of(tutor.user(), student)) {
            String url = who.api()
                    .get("/api/v1/calendar/feed")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("url");
            String ics = Http.given()
                    .get(url.substring(url.indexOf("/api/v1/calendar/")))
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(ics).contains("UID:preliminary-meeting-" + meeting + "@lyceum", "Preliminary meeting with");
        }
    }

    @Test
    void aStartThatHasPassedIsRefusedAsInThePast() {
        Tutor tutor = tutor();
        Instant past = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
        book(student(), tutor, past, 60, false)
                .then()
                .statusCode(422)
                .body("code", equalTo("booking.start_in_past"))
                .body("detail", containsString("is in the past"))
                .body("errors.field", hasItem("startsAt"));

        SignedIn student = student();
        UUID id = booked(student, tutor, slot(), 60, true);
        post(student, BOOKINGS + "/" + id + "/reschedule", Map.of("startsAt", past.toString()))
                .then()
                .statusCode(422)
                .body("code", equalTo("booking.start_in_past"));
    }

    @Test
    void anAvailabilityOverrideDatedInThePastIsRefused() {
        SignedIn tutor = Tutors.approved(jdbc).tutor();
        LocalDate yesterday = LocalDate.now(ZoneId.of("Europe/London")).minusDays(2);
        post(tutor, AvailabilityApiTests.BASE, AvailabilityApiTests.blocked(yesterday.toString()))
                .then()
                .statusCode(422)
                .body("code", equalTo("availability.invalid"))
                .body("errors.field", hasItem("date"))
                .body("errors.message", hasItem(containsString("in the past")));
        tutor.api()
                .contentType("application/json")
                .body(Map.of(
                        "windows",
                        List.of(),
                        "overrides",
                        List.of(Map.of("date", yesterday.toString(), "kind", "BLOCKED"))))
                .put(AvailabilityApiTests.ME)
                .then()
                .statusCode(422)
                .body("code", equalTo("availability.invalid"))
                .body("errors.field", hasItem("overrides[0].date"));
        // today is still fine
        post(
                        tutor,
                        AvailabilityApiTests.BASE,
                        AvailabilityApiTests.blocked(
                                LocalDate.now(ZoneOffset.UTC).plusDays(1).toString()))
                .then()
                .statusCode(201);
    }
}
