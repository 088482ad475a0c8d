package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.JsonAnswers;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The catalog search's "free between freeFrom and freeTo" filter, computed in the database. */
class FreeTimeSearchApiTests extends ApiTestBase {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final LocalDate day = LocalDate.now(LONDON).plusDays(10);

    @Autowired
    private OpenTimeRefreshJob.Refresher refresher;

    static Instant at(LocalDate date, String time) {
        return date.atTime(LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    /** Whether the tutor (found by their own subject) matches a free-time search. */
    boolean free(Tutors.Approved tutor, Instant from, Instant to) {
        JsonNode json = JsonAnswers.read(api().queryParam("subjectId", tutor.subjectId())
                .queryParam("freeFrom", from.toString())
                .queryParam("freeTo", to.toString())
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .header("ETag", nullValue())
                .extract());
        int total = json.path("page").path("totalElements").asInt();
        assertThat(total).isLessThanOrEqualTo(1);
        if (total == 1) {
            assertThat(JsonAnswers.string(json.path("content").path(0), "tutorId"))
                    .isEqualTo(tutor.id().toString());
        }
        return total == 1;
    }

    private UUID book(Tutors.Approved tutor, Instant start, int minutes, int buffer, String state) {
        return TestBookings.insert(jdbc, tutor, start, minutes, buffer, state);
    }

    private void setState(UUID booking, String state) {
        TenantId tenant = Tenants.idOf(jdbc, null);
        TenantContext.runAs(tenant, () -> jdbc.sql("UPDATE bookings SET state = :s WHERE id = :id")
                .param("s", state)
                .param("id", booking)
                .update());
    }

    @Test
    void onlyTutorsWithABookableGapMatch() {
        Tutors.Approved open = Tutors.approved(jdbc);
        AvailableSlotsApiTests.replace(
                open.tutor(), Map.of(), AvailableSlotsApiTests.everyDay("09:00", "17:00"), List.of());
        Tutors.Approved none = Tutors.approved(jdbc);
        Tutors.Approved busy = Tutors.approved(jdbc);
        AvailableSlotsApiTests.replace(
                busy.tutor(), Map.of(), AvailableSlotsApiTests.everyDay("09:00", "17:00"), List.of());
        UUID booking = book(busy, at(day, "09:30"), 180, 0, "CONFIRMED");

        Instant x = at(day, "10:00");
        Instant y = at(day, "12:00");
        assertThat(free(open, x, y)).isTrue();
        assertThat(free(open, at(day, "18:00"), at(day, "20:00"))).isFalse();
        // the shortest lesson (30 minutes) must fit entirely: 16:45-17:15 does not
        assertThat(free(open, at(day, "16:45"), at(day, "17:15"))).isFalse();
        assertThat(free(open, at(day, "16:30"), at(day, "17:15"))).isTrue();
        assertThat(free(none, x, y)).isFalse();
        assertThat(free(busy, x, y)).isFalse();
        assertThat(free(busy, at(day, "12:00"), at(day, "13:00"))).isTrue(); // after 12:30 there is room
        // the answer follows bookings at once: nothing is cached
        setState(booking, "CANCELLED");
        assertThat(free(busy, x, y)).isTrue();
        setState(booking, "PENDING_PAYMENT"); // not a real transition; the filter only looks at occupying states
        assertThat(free(busy, x, y)).isFalse();

        // without the filter the search is cached as before
        api().queryParam("subjectId", busy.subjectId())
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("page.totalElements", equalTo(1));
    }

    @Test
    void theBufferTheGridAndTheLessonLengthCount() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        AvailableSlotsApiTests.replace(
                tutor.tutor(),
                Map.of("bufferMinutes", 30, "lessonLengths", List.of(60, 90)),
                AvailableSlotsApiTests.everyDay("09:00", "17:00"),
                List.of());
        book(tutor, at(day, "11:30"), 60, 30, "CONFIRMED"); // occupies 11:30-13:00
        // 10:00-11:00 plus 30 minutes of buffer ends at 11:30: allowed by the exclusion constraint
        assertThat(free(tutor, at(day, "10:00"), at(day, "11:30"))).isTrue();
        assertThat(free(tutor, at(day, "10:15"), at(day, "11:30"))).isFalse();
        // starts are on the quarter-hour grid: 10:05 rounds up to 10:15
        assertThat(free(tutor, at(day, "09:50"), at(day, "11:05"))).isTrue();
        assertThat(free(tutor, at(day, "10:05"), at(day, "11:30"))).isFalse();
        assertThat(free(tutor, at(day, "13:00"), at(day, "14:00"))).isTrue();
        assertThat(free(tutor, at(day, "12:45"), at(day, "13:45"))).isFalse();
    }

    @Test
    void noticeAndHorizonApply() {
        Tutors.Approved soon = Tutors.approved(jdbc);
        long notice = Duration.between(Instant.now(), at(day, "11:30")).toMinutes();
        AvailableSlotsApiTests.replace(
                soon.tutor(),
                Map.of("minimumNoticeMinutes", notice),
                AvailableSlotsApiTests.everyDay("09:00", "17:00"),
                List.of());
        // the notice ends at about 11:29: the first start is 11:30, and a 30-minute lesson ends at 12:00
        assertThat(free(soon, at(day, "10:00"), at(day, "11:45"))).isFalse();
        assertThat(free(soon, at(day, "10:00"), at(day, "12:00"))).isTrue();

        Tutors.Approved near = Tutors.approved(jdbc);
        AvailableSlotsApiTests.replace(
                near.tutor(), Map.of("horizonDays", 5), AvailableSlotsApiTests.everyDay("09:00", "17:00"), List.of());
        assertThat(free(near, at(day, "10:00"), at(day, "12:00"))).isFalse();
        assertThat(free(near, at(day.minusDays(7), "10:00"), at(day.minusDays(7), "12:00")))
                .isTrue();
    }

    @Test
    void overridesAndChangesToAvailabilityApplyAtOnce() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        AvailableSlotsApiTests.replace(
                tutor.tutor(),
                Map.of(),
                AvailableSlotsApiTests.everyDay("09:00", "17:00"),
                List.of(Map.of("date", day.toString(), "kind", "BLOCKED")));
        Instant x = at(day, "10:00");
        Instant y = at(day, "12:00");
        assertThat(free(tutor, x, y)).isFalse();
        String extra = tutor.tutor()
                .api()
                .contentType("application/json")
                .body(AvailabilityApiTests.extra(day.plusDays(1).toString(), "20:00", "22:00"))
                .post(AvailabilityApiTests.BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(free(tutor, at(day.plusDays(1), "20:00"), at(day.plusDays(1), "21:00")))
                .isTrue();
        tutor.tutor()
                .api()
                .delete(AvailabilityApiTests.BASE + "/" + extra)
                .then()
                .statusCode(204);
        assertThat(free(tutor, at(day.plusDays(1), "20:00"), at(day.plusDays(1), "21:00")))
                .isFalse();
    }

    @Test
    void aLessonAcrossTheCutOfALongIntervalIsFound() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        AvailableSlotsApiTests.replace(
                tutor.tutor(),
                Map.of("minimumNoticeMinutes", 0, "lessonLengths", List.of(60)),
                AvailableSlotsApiTests.everyDay("00:00", "24:00"),
                List.of());
        // open without a break: stored as 48-hour pieces from yesterday 00:00 UTC, each starting 44 hours after the
        // one before; the second piece's end (92 hours in) is at least 44 hours ahead at any time of day, whereas the
        // first's (tomorrow 00:00) put the lesson in the past when the test ran after 23:30 UTC
        Instant cut = Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .minus(Duration.ofDays(1))
                .plus(Duration.ofHours(44 + 48));
        assertThat(free(tutor, cut.minus(Duration.ofMinutes(30)), cut.plus(Duration.ofMinutes(30))))
                .isTrue();
        assertThat(free(tutor, cut.minus(Duration.ofMinutes(30)), cut.plus(Duration.ofMinutes(15))))
                .isFalse();
    }

    @Test
    void theDailyJobRollsTheOpenTimeForward() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        AvailableSlotsApiTests.replace(
                tutor.tutor(), Map.of(), AvailableSlotsApiTests.everyDay("09:00", "17:00"), List.of());
        TenantId tenant = Tenants.idOf(jdbc, null);
        // as if computed long ago: it ends before the day asked for
        java.time.OffsetDateTime end = java.time.OffsetDateTime.now().plusDays(2);
        TenantContext.runAs(tenant, () -> {
            jdbc.sql("UPDATE tutor_open_time SET covers = tstzrange(lower(covers), :end) WHERE tutor_id = :tutor")
                    .param("end", end)
                    .param("tutor", tutor.id())
                    .update();
            jdbc.sql("DELETE FROM tutor_open_intervals WHERE tutor_id = :tutor AND ends_at > :end")
                    .param("end", end)
                    .param("tutor", tutor.id())
                    .update();
        });
        assertThat(free(tutor, at(day, "10:00"), at(day, "12:00"))).isFalse();
        assertThat(TenantContext.callAs(tenant, refresher::refreshTenant)).isPositive();
        assertThat(free(tutor, at(day, "10:00"), at(day, "12:00"))).isTrue();
    }

    @Test
    void theFilterAgreesWithTheAvailableSlots() {
        Random random = new Random(5);
        List<Tutors.Approved> tutors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Tutors.Approved tutor = Tutors.approved(jdbc);
            int buffer = 5 * random.nextInt(4);
            AvailableSlotsApiTests.replace(
                    tutor.tutor(),
                    Map.of("bufferMinutes", buffer, "lessonLengths", List.of(45 + 15 * i)),
                    AvailableSlotsApiTests.everyDay("08:00", "12:00"),
                    List.of());
            for (int d = 0; d < 3; d++) {
                for (int b = 0; b < 4; b++) {
                    Instant start =
                            at(day.plusDays(d), "08:00").plus(Duration.ofMinutes(b * 90 + random.nextInt(7) * 5));
                    book(tutor, start, 20 + random.nextInt(3) * 5, buffer, "CONFIRMED");
                }
            }
            tutors.add(tutor);
        }
        for (int q = 0; q < 40; q++) {
            Instant x = at(day, "07:30").plus(Duration.ofMinutes(random.nextInt(q < 30 ? 60 : 600) * 5));
            // short spans, and some of several days
            Instant y =
                    x.plus(Duration.ofMinutes(q < 30 ? 30 + random.nextInt(30) * 5 : 600 + random.nextInt(600) * 5));
            for (Tutors.Approved tutor : tutors) {
                List<Map<String, String>> found = api().queryParam("from", x.toString())
                        .queryParam("to", y.toString())
                        .get("/api/v1/tutors/" + tutor.id() + "/available-slots")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("slots");
                boolean slotInside = found.stream()
                        .anyMatch(s -> !Instant.parse(s.get("end")).isAfter(y));
                assertThat(free(tutor, x, y)).as("%s %s-%s", tutor.id(), x, y).isEqualTo(slotInside);
            }
        }
    }

    @Test
    void invalidFiltersAreUnprocessable() {
        Instant x = at(day, "10:00");
        api().queryParam("freeFrom", x.toString())
                .get("/api/v1/tutors")
                .then()
                .statusCode(422)
                .body("code", equalTo("search.invalid_filter"))
                .body("errors.field", hasItem("freeTo"));
        api().queryParam("freeTo", x.toString())
                .get("/api/v1/tutors")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("freeFrom"));
        api().queryParam("freeFrom", x.toString())
                .queryParam("freeTo", x.toString())
                .get("/api/v1/tutors")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("freeTo"));
        api().queryParam("freeFrom", x.toString())
                .queryParam("freeTo", x.plus(Duration.ofDays(14)).plusSeconds(1).toString())
                .get("/api/v1/tutors")
                .then()
                .statusCode(422)
                .body("errors[0].message", containsString("14 days"));
        api().queryParam("freeFrom", x.toString())
                .queryParam("freeTo", x.plus(Duration.ofDays(14)).toString())
                .get("/api/v1/tutors")
                .then()
                .statusCode(200);
        api().queryParam("freeFrom", "next monday")
                .queryParam("freeTo", x.toString())
                .get("/api/v1/tutors")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("freeFrom"));
    }
}
