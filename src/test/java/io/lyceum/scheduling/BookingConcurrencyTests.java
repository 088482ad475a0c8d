package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.http.Response;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Real parallel requests against one slot and one booking: the exclusion constraints let exactly one booking of a
 * slot exist, and row locks make concurrent transitions of one booking run one after the other.
 */
class BookingConcurrencyTests extends BookingTestBase {

    private static final int RACERS = 60;

    @org.springframework.beans.factory.annotation.Autowired
    RecordedBookingEvents recorded;

    /** The status and problem code of an answer, such as "409 booking.slot_unavailable". */
    private static String outcome(Response response) {
        String code = response.statusCode() >= 400 ? " " + response.path("code") : "";
        return response.statusCode() + code;
    }

    @Test
    void sixtyStudentsRaceForOneSlotAndExactlyOneWins() {
        Tutor tutor = tutor();
        Instant start = slot();
        List<SignedIn> students = Parallel.run(RACERS, i -> student());

        List<Response> answers = Parallel.run(RACERS, i -> book(students.get(i), tutor, start, 60, false));

        Map<String, Long> outcomes = answers.stream()
                .collect(Collectors.groupingBy(BookingConcurrencyTests::outcome, Collectors.counting()));
        assertThat(outcomes).containsOnly(Map.entry("201", 1L), Map.entry("409 booking.slot_unavailable", 59L));
        Response winner =
                answers.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow();
        Map<String, Object> tutorOnly = Map.of("tutor", tutor.id());
        assertThat(count(tutor.tenant(), "SELECT count(*) FROM bookings WHERE tutor_id = :tutor", tutorOnly))
                .isEqualTo(1);
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM booking_history h JOIN bookings b ON b.id = h.booking_id"
                                + " WHERE b.tutor_id = :tutor",
                        tutorOnly))
                .isEqualTo(1);
        assertThat(count(
                        tutor.tenant(),
                        "SELECT count(*) FROM bookings WHERE tutor_id = :tutor AND id = :id",
                        Map.of("tutor", tutor.id(), "id", UUID.fromString(winner.path("id")))))
                .isEqualTo(1);
        // exactly one BookingPlaced was committed, the winner's: the 59 refused placements published nothing
        UUID winnerId = UUID.fromString(winner.path("id"));
        assertThat(recorded.all(BookingPlaced.class).stream()
                        .filter(e -> e.tutorId().value().equals(tutor.id())))
                .singleElement()
                .satisfies(e -> assertThat(e.bookingId().value()).isEqualTo(winnerId));
        // and each module listening to it (billing's orders, messaging's conversations) was handed it exactly once
        Map<String, Object> publications =
                jdbc.sql("""
                        SELECT count(*) AS publications, count(DISTINCT listener_id) AS listeners
                        FROM event_publication
                        WHERE serialized_event LIKE :tutor AND event_type LIKE '%BookingPlaced'
                        """).param("tutor", "%" + tutor.id() + "%").query().singleRow();
        assertThat(((Number) publications.get("listeners")).longValue()).isPositive();
        assertThat(publications.get("publications"))
                .as("BookingPlaced publications: one per listener")
                .isEqualTo(publications.get("listeners"));
    }

    @Test
    void overlappingRequestsAtDifferentStartsNeverLeaveTwoActiveBookingsOverlapping() {
        Tutor tutor = tutor(false, 15);
        Instant base = slot();
        int racers = 40;
        List<SignedIn> students = Parallel.run(racers, i -> student());

        // starts every 15 minutes over five hours, 30- or 60-minute lessons: many overlap each other
        List<Response> answers = Parallel.run(
                racers,
                i -> book(
                        students.get(i),
                        tutor,
                        base.plus(Duration.ofMinutes(15L * (i % 20))),
                        i % 2 == 0 ? 60 : 30,
                        false));

        assertThat(answers)
                .extracting(BookingConcurrencyTests::outcome)
                .allMatch(o -> o.equals("201") || o.equals("409 booking.slot_unavailable"));
        long created = answers.stream().filter(r -> r.statusCode() == 201).count();
        assertThat(created).isPositive();
        Map<String, Object> tutorOnly = Map.of("tutor", tutor.id());
        assertThat(count(tutor.tenant(), "SELECT count(*) FROM bookings WHERE tutor_id = :tutor", tutorOnly))
                .isEqualTo(created);
        assertThat(count(tutor.tenant(), """
                        SELECT count(*) FROM bookings a JOIN bookings b
                          ON a.tutor_id = b.tutor_id AND a.id < b.id
                         AND tstzrange(a.starts_at, a.occupied_until) && tstzrange(b.starts_at, b.occupied_until)
                        WHERE a.tutor_id = :tutor
                        """, tutorOnly)).isZero();
    }

    @Test
    void parallelReschedulesAndCancellationsOfOneBookingLeaveAConsistentRecord() {
        Tutor tutor = tutor();
        SignedIn student = student();
        Instant start = slot();
        UUID id = trial(student, tutor, start);
        String path = BOOKINGS + "/" + id;

        List<Response> answers = Parallel.run(30, i -> switch (i % 3) {
            case 0 ->
                post(
                        student,
                        path + "/reschedule",
                        Map.of("startsAt", start.plus(Duration.ofHours(1 + i)).toString()));
            case 1 ->
                post(
                        tutor.user(),
                        path + "/reschedule",
                        Map.of("startsAt", start.plus(Duration.ofHours(1 + i)).toString()));
            default -> post(i % 2 == 0 ? student : tutor.user(), path + "/cancel", Map.of("reason", "race " + i));
        });

        assertThat(answers)
                .extracting(BookingConcurrencyTests::outcome)
                .allMatch(o -> o.equals("200") || o.startsWith("409 booking."));
        long moved = answers.stream()
                .filter(r -> r.statusCode() == 200 && r.path("state").equals("CONFIRMED"))
                .count();
        long cancelled = answers.stream()
                .filter(r -> r.statusCode() == 200 && r.path("state").equals("CANCELLED"))
                .count();
        assertThat(cancelled).isEqualTo(1);
        assertThat(moved).isLessThanOrEqualTo(2);

        Map<String, Object> row = TenantContext.callAs(tutor.tenant(), () -> jdbc.sql(
                        "SELECT state, reschedule_count, version, starts_at FROM bookings WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow());
        assertThat(row.get("state")).isEqualTo("CANCELLED");
        assertThat(((Number) row.get("reschedule_count")).longValue()).isEqualTo(moved);
        assertThat(((Number) row.get("version")).longValue()).isEqualTo(1 + moved + cancelled);
        List<String> history = historyStates(tutor.tenant(), id);
        assertThat(history).hasSize((int) (1 + moved + cancelled));
        assertThat(history.getLast()).isEqualTo("CANCELLED");
        // the booking starts where the last recorded move put it
        Instant actual = ((Timestamp) row.get("starts_at")).toInstant();
        List<String> moves = TenantContext.callAs(
                tutor.tenant(),
                () -> jdbc.sql("""
                        SELECT details ->> 'startsAt' FROM booking_history
                        WHERE booking_id = :id AND details ->> 'startsAt' IS NOT NULL ORDER BY occurred_at, id
                        """).param("id", id).query(String.class).list());
        assertThat(moves).hasSize((int) moved);
        assertThat(actual).isEqualTo(moves.isEmpty() ? start : Instant.parse(moves.getLast()));
        // one event per recorded change, no more
        assertThat(recorded.of(BookingCancelled.class, id)).hasSize(1);
        assertThat(recorded.of(BookingRescheduled.class, id)).hasSize((int) moved);
    }

    @Test
    void aRequestIsEitherConfirmedOrDeclinedNeverBoth() {
        Tutor tutor = tutor(true, 0);
        UUID id = trial(student(), tutor, slot());
        String base = "/api/v1/tutor/bookings/" + id;

        List<Response> answers = Parallel.run(
                20,
                i -> i % 2 == 0
                        ? post(tutor.user(), base + "/confirm", null)
                        : post(tutor.user(), base + "/decline", Map.of("reason", "race")));

        assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.statusCode() == 409)).hasSize(19);
        String state = state(tutor.tenant(), id);
        assertThat(state).isIn("CONFIRMED", "DECLINED");
        assertThat(historyStates(tutor.tenant(), id)).containsExactly("REQUESTED", state);
        // the winner's event, once; the loser's never
        assertThat(recorded.of(BookingConfirmed.class, id)).hasSize(state.equals("CONFIRMED") ? 1 : 0);
        assertThat(recorded.of(BookingDeclined.class, id)).hasSize(state.equals("DECLINED") ? 1 : 0);
    }
}
