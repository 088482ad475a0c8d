package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** POST /bookings/{id}/launch and /regenerate-meeting with the default Jitsi rooms, and room creation on confirm. */
class LessonRoomApiTests extends ApiTestBase {

    private static final Duration HOUR = Duration.ofHours(1);

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    private SignedIn tutor;
    private SignedIn student;

    @BeforeEach
    void people() {
        tutor = Accounts.newUser("TUTOR");
        student = Accounts.newUser("STUDENT");
    }

    private UUID booking(BookingState state, Instant start) {
        return SqlBookings.insert(jdbc, tutor.userId(), student.userId(), state, start, HOUR);
    }

    private static Instant inMinutes(long minutes) {
        return Instant.now().plus(Duration.ofMinutes(minutes));
    }

    private String room(UUID booking) {
        return SqlBookings.column(jdbc, TenantId.DEFAULT, booking, "meeting_room", String.class);
    }

    @Test
    void eachParticipantGetsTheirOwnLinkToTheSameRoom() {
        UUID id = booking(BookingState.CONFIRMED, inMinutes(10));

        var tutorLaunch = tutor.api()
                .post("/api/v1/bookings/" + id + "/launch")
                .then()
                .statusCode(200)
                .body("provider", equalTo("jitsi"))
                .body("joinUrl", startsWith("https://meet.jit.si/lyceum-"))
                .body("joinUrl", containsString("#userInfo.displayName=%22Test%20tutor%22"))
                .extract()
                .jsonPath();
        String room = room(id);
        assertThat(room).matches("lyceum-[a-z2-7]{26}");
        assertThat(tutorLaunch.getString("joinUrl")).startsWith("https://meet.jit.si/" + room + "#");
        Instant start = Instant.parse(tutorLaunch.getString("closesAt")).minus(HOUR);
        assertThat(Instant.parse(tutorLaunch.getString("opensAt"))).isEqualTo(start.minus(Duration.ofMinutes(15)));

        student.api()
                .post("/api/v1/bookings/" + id + "/launch")
                .then()
                .statusCode(200)
                .body("joinUrl", startsWith("https://meet.jit.si/" + room + "#"))
                .body("joinUrl", containsString("Test%20student"));
        assertThat(room(id)).as("launching again keeps the room").isEqualTo(room);
    }

    @Test
    void theGuardianWhoBookedMayLaunchButNobodyElse() {
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        UUID id = SqlBookings.insert(
                jdbc,
                TenantId.DEFAULT,
                tutor.userId(),
                student.userId(),
                guardian.userId(),
                BookingState.CONFIRMED,
                inMinutes(5),
                HOUR);
        guardian.api().post("/api/v1/bookings/" + id + "/launch").then().statusCode(200);

        SignedIn stranger = Accounts.newUser("STUDENT");
        stranger.api()
                .post("/api/v1/bookings/" + id + "/launch")
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        SignedIn otherTutor = Accounts.newUser("TUTOR");
        otherTutor
                .api()
                .post("/api/v1/bookings/" + id + "/launch")
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        admin.api()
                .post("/api/v1/bookings/" + id + "/launch")
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        Http.given()
                .post("/api/v1/bookings/" + id + "/launch")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
    }

    @Test
    void anotherTenantsUserCannotSeeTheBooking() {
        String slug = Tenants.uniqueSlug("rooms");
        Tenants.newTenantWithOwner(slug);
        SignedIn outsider = Accounts.newUser("STUDENT", slug);
        UUID id = booking(BookingState.CONFIRMED, inMinutes(5));
        outsider.api()
                .post("/api/v1/bookings/" + id + "/launch")
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        outsider.api()
                .post("/api/v1/bookings/" + id + "/regenerate-meeting")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        SignedIn otherOwner = Tenants.newStaff(jdbc, "ADMIN", slug);
        otherOwner
                .api()
                .post("/api/v1/bookings/" + id + "/regenerate-meeting")
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
    }

    @Test
    void theRoomOpensFifteenMinutesBeforeTheStartAndClosesAtTheEnd() {
        UUID later = booking(BookingState.CONFIRMED, inMinutes(120));
        String detail = student.api()
                .post("/api/v1/bookings/" + later + "/launch")
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.room_not_open"))
                .extract()
                .path("detail");
        Instant start = SqlBookings.column(jdbc, TenantId.DEFAULT, later, "starts_at", java.sql.Timestamp.class)
                .toInstant();
        assertThat(detail).contains(start.minus(Duration.ofMinutes(15)).toString());
        assertThat(room(later)).as("no room is made for a refused launch").isNull();

        UUID over = booking(BookingState.CONFIRMED, inMinutes(-90));
        student.api()
                .post("/api/v1/bookings/" + over + "/launch")
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.room_not_open"));

        UUID running = booking(BookingState.CONFIRMED, inMinutes(-30));
        student.api().post("/api/v1/bookings/" + running + "/launch").then().statusCode(200);
    }

    @Test
    void onlyConfirmedBookingsHaveARoom() {
        for (BookingState state : new BookingState[] {
            BookingState.REQUESTED, BookingState.PENDING_PAYMENT, BookingState.CANCELLED, BookingState.COMPLETED
        }) {
            UUID id = SqlBookings.insert(
                    jdbc,
                    Accounts.newUser("TUTOR").userId(),
                    student.userId(),
                    state,
                    inMinutes(5 + 200L * state.ordinal()),
                    HOUR);
            student.api()
                    .post("/api/v1/bookings/" + id + "/launch")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("booking.not_confirmed"));
        }
    }

    @Test
    void badIdsAreRejected() {
        student.api()
                .post("/api/v1/bookings/not-a-uuid/launch")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
        student.api()
                .post("/api/v1/bookings/" + UUID.randomUUID() + "/launch")
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
    }

    @Test
    void theTutorRegeneratesTheRoomAndItIsRecorded() {
        UUID id = booking(BookingState.CONFIRMED, inMinutes(10));
        tutor.api().post("/api/v1/bookings/" + id + "/launch").then().statusCode(200);
        String before = room(id);

        tutor.api()
                .post("/api/v1/bookings/" + id + "/regenerate-meeting")
                .then()
                .statusCode(200)
                .body("bookingId", equalTo(id.toString()))
                .body("provider", equalTo("jitsi"));
        String after = room(id);
        assertThat(after).isNotNull().isNotEqualTo(before);
        student.api()
                .post("/api/v1/bookings/" + id + "/launch")
                .then()
                .statusCode(200)
                .body("joinUrl", startsWith("https://meet.jit.si/" + after + "#"));

        Map<String, Object> history = TenantContext.callAs(
                TenantId.DEFAULT, () -> jdbc.sql("""
                                SELECT from_state, to_state, actor_id, actor_role, reason, details->>'provider' AS p
                                  FROM booking_history WHERE booking_id = :id
                                """).param("id", id).query().singleRow());
        assertThat(history)
                .containsEntry("from_state", "CONFIRMED")
                .containsEntry("to_state", "CONFIRMED")
                .containsEntry("actor_id", tutor.userId())
                .containsEntry("actor_role", "TUTOR")
                .containsEntry("reason", "meeting regenerated")
                .containsEntry("p", "jitsi");

        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        admin.api()
                .post("/api/v1/bookings/" + id + "/regenerate-meeting")
                .then()
                .statusCode(200);
        assertThat(room(id)).isNotEqualTo(after);
    }

    @Test
    void onlyTheBookingsTutorOrAnAdminMayRegenerate() {
        UUID id = booking(BookingState.CONFIRMED, inMinutes(300));
        student.api()
                .post("/api/v1/bookings/" + id + "/regenerate-meeting")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        Accounts.newUser("GUARDIAN")
                .api()
                .post("/api/v1/bookings/" + id + "/regenerate-meeting")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        Accounts.newUser("TUTOR")
                .api()
                .post("/api/v1/bookings/" + id + "/regenerate-meeting")
                .then()
                .statusCode(404)
                .body("code", equalTo("booking.not_found"));
        assertThat(room(id)).isNull();
        tutor.api()
                .post("/api/v1/bookings/" + id + "/regenerate-meeting")
                .then()
                .statusCode(200);
        assertThat(room(id)).isNotNull();
    }

    @Test
    void regeneratingNeedsAConfirmedLessonThatHasNotEnded() {
        UUID requested = booking(BookingState.REQUESTED, inMinutes(600));
        tutor.api()
                .post("/api/v1/bookings/" + requested + "/regenerate-meeting")
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.not_confirmed"));
        UUID ended = booking(BookingState.CONFIRMED, inMinutes(-200));
        tutor.api()
                .post("/api/v1/bookings/" + ended + "/regenerate-meeting")
                .then()
                .statusCode(409)
                .body("code", equalTo("booking.lesson_ended"));
    }

    @Test
    void aConfirmedBookingGetsItsRoomFromTheEventOnceOnly() {
        UUID id = booking(BookingState.CONFIRMED, inMinutes(2000));
        Instant start = SqlBookings.column(jdbc, TenantId.DEFAULT, id, "starts_at", java.sql.Timestamp.class)
                .toInstant();
        var event = new BookingConfirmed(
                TenantId.DEFAULT,
                BookingId.of(id),
                TutorId.of(tutor.userId()),
                UserId.of(student.userId()),
                student.userId(),
                start,
                start.plus(HOUR),
                Instant.now());
        transactions.executeWithoutResult(status -> events.publishEvent(event));
        await().atMost(Duration.ofSeconds(10)).until(() -> room(id) != null);
        String room = room(id);
        assertThat(SqlBookings.column(jdbc, TenantId.DEFAULT, id, "meeting_url", String.class))
                .isEqualTo("https://meet.jit.si/" + room);
        assertThat(SqlBookings.column(jdbc, TenantId.DEFAULT, id, "meeting_provider", String.class))
                .isEqualTo("jitsi");

        transactions.executeWithoutResult(status -> events.publishEvent(event));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> room.equals(room(id)));
        long directory = jdbc.sql("SELECT count(*) FROM lesson_room_directory WHERE booking_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
        assertThat(directory).isEqualTo(1);
    }
}
