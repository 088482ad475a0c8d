package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** {@code GET /api/v1/tutors/{id}/available-slots}: public, and exactly the starts a booking could take. */
class AvailableSlotsApiTests extends ApiTestBase {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final List<String> DAYS =
            List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");

    /** A date ten days ahead, far from notice and horizon limits. */
    private final LocalDate day = LocalDate.now(LONDON).plusDays(10);

    // ---- helpers

    static List<Map<String, Object>> everyDay(String start, String end) {
        return DAYS.stream()
                .map(d -> Map.<String, Object>of("dayOfWeek", d, "start", start, "end", end))
                .toList();
    }

    static void replace(
            SignedIn tutor, Map<String, Object> settings, List<Map<String, Object>> windows, List<?> overrides) {
        Map<String, Object> body = new HashMap<>();
        body.put("settings", settings);
        body.put("windows", windows);
        body.put("overrides", overrides);
        tutor.api()
                .contentType("application/json")
                .body(body)
                .put(AvailabilityApiTests.ME)
                .then()
                .statusCode(200);
    }

    JsonPath slots(UUID tutor, Map<String, ?> params) {
        return api().queryParams(params)
                .get("/api/v1/tutors/" + tutor + "/available-slots")
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-cache"))
                .header("ETag", matchesPattern("\"[0-9a-f]{32}\""))
                .extract()
                .jsonPath();
    }

    /** The slots of one London date, as London wall-clock start times. */
    List<String> londonStarts(UUID tutor, LocalDate date, int duration) {
        JsonPath json = slots(
                tutor,
                Map.of(
                        "from", date.atStartOfDay(LONDON).toInstant().toString(),
                        "to", date.plusDays(1).atStartOfDay(LONDON).toInstant().toString(),
                        "duration", duration));
        return json.getList("slots.start", String.class).stream()
                .map(s -> LocalTime.ofInstant(Instant.parse(s), LONDON).toString())
                .toList();
    }

    static Instant at(LocalDate date, String time) {
        return date.atTime(LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    UUID book(Tutors.Approved tutor, Instant start, int minutes, int buffer, String state) {
        return TestBookings.insert(jdbc, tutor, start, minutes, buffer, state);
    }

    static List<String> quarterHours(String from, String lastStart) {
        List<String> times = new ArrayList<>();
        for (LocalTime t = LocalTime.parse(from); !t.isAfter(LocalTime.parse(lastStart)); t = t.plusMinutes(15)) {
            times.add(t.toString());
        }
        return times;
    }

    // ---- tests

    @Test
    void slotsFollowTheWeeklyWindowsOnAQuarterHourGrid() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        replace(tutor.tutor(), Map.of(), everyDay("09:00", "17:00"), List.of());
        assertThat(londonStarts(tutor.id(), day, 60)).isEqualTo(quarterHours("09:00", "16:00"));
        assertThat(londonStarts(tutor.id(), day, 30)).isEqualTo(quarterHours("09:00", "16:30"));

        JsonPath json = slots(
                tutor.id(),
                Map.of(
                        "from",
                        at(day, "00:00").toString(),
                        "to",
                        at(day.plusDays(2), "00:00").toString()));
        assertThat(json.getString("tutorTimeZone")).isEqualTo("Europe/London");
        assertThat(json.getString("timeZone")).isEqualTo("UTC");
        assertThat(json.getInt("duration")).isEqualTo(30); // the shortest of the profile's lengths
        assertThat(json.getList("lessonLengths")).containsExactly(30, 60);
        assertThat(json.getList("slots")).hasSize(62);
        assertThat(json.getList("days")).hasSize(2);
        assertThat(json.getString("slots[0].end")).isEqualTo(at(day, "09:30").toString());
    }

    @Test
    void overridesBlockDaysAndHoursAndAddExtraHours() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        replace(
                tutor.tutor(),
                Map.of(),
                everyDay("09:00", "17:00"),
                List.of(
                        Map.of("date", day.toString(), "kind", "BLOCKED", "note", "Holiday"),
                        Map.of("date", day.plusDays(1).toString(), "kind", "BLOCKED", "start", "12:00", "end", "14:00"),
                        Map.of("date", day.plusDays(2).toString(), "kind", "EXTRA", "start", "18:00", "end", "20:00")));
        assertThat(londonStarts(tutor.id(), day, 60)).isEmpty();
        List<String> expected = new ArrayList<>(quarterHours("09:00", "11:00"));
        expected.addAll(quarterHours("14:00", "16:00"));
        assertThat(londonStarts(tutor.id(), day.plusDays(1), 60)).isEqualTo(expected);
        expected = new ArrayList<>(quarterHours("09:00", "16:00"));
        expected.addAll(quarterHours("18:00", "19:00"));
        assertThat(londonStarts(tutor.id(), day.plusDays(2), 60)).isEqualTo(expected);
        assertThat(londonStarts(tutor.id(), day.plusDays(3), 60)).hasSize(29);
    }

    @Test
    void bookingsHoldsAndTheBufferAreRespectedExactlyAsTheDatabaseDoes() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        replace(tutor.tutor(), Map.of("bufferMinutes", 15), everyDay("09:00", "17:00"), List.of());
        book(tutor, at(day, "12:00"), 60, 15, "CONFIRMED");
        book(tutor, at(day, "15:00"), 60, 15, "CANCELLED"); // released: does not block
        book(tutor, at(day.plusDays(1), "10:00"), 60, 15, "PENDING_PAYMENT"); // a hold blocks
        book(tutor, at(day.plusDays(2), "13:00"), 60, 15, "DECLINED");

        // 10:45 + 60 + 15 = 12:00 touches the booking; it occupies until 13:15
        assertThat(londonStarts(tutor.id(), day, 60))
                .isEqualTo(concat(quarterHours("09:00", "10:45"), quarterHours("13:15", "16:00")));
        // the hold occupies 10:00-11:15: nothing fits before it in the window
        assertThat(londonStarts(tutor.id(), day.plusDays(1), 60)).isEqualTo(quarterHours("11:15", "16:00"));
        assertThat(londonStarts(tutor.id(), day.plusDays(2), 60)).hasSize(29);

        // the database agrees: the last slot before the booking is accepted, a start not offered is not
        book(tutor, at(day, "10:45"), 60, 15, "CONFIRMED");
        assertThatThrownBy(() -> book(tutor, at(day, "13:00"), 60, 15, "CONFIRMED"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(londonStarts(tutor.id(), day, 60))
                .isEqualTo(concat(quarterHours("09:00", "09:30"), quarterHours("13:15", "16:00")));
    }

    @Test
    void anUnchangedAnswerIsRevalidatedByItsETagAndABookingOrAScheduleChangeMakesANewOne() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        replace(tutor.tutor(), Map.of(), everyDay("09:00", "17:00"), List.of());
        String path = "/api/v1/tutors/" + tutor.id() + "/available-slots?from=" + at(day, "00:00") + "&to="
                + at(day.plusDays(1), "00:00") + "&duration=60";
        String etag = api().get(path).then().statusCode(200).extract().header("ETag");
        assertThat(api().get(path).then().statusCode(200).extract().header("ETag"))
                .isEqualTo(etag);

        api().header("If-None-Match", etag)
                .get(path)
                .then()
                .statusCode(304)
                .header("ETag", etag)
                .body(emptyString());

        book(tutor, at(day, "12:00"), 60, 0, "CONFIRMED");
        var afterBooking = api().header("If-None-Match", etag).get(path).then().statusCode(200);
        String bookedEtag = afterBooking.extract().header("ETag");
        assertThat(bookedEtag).isNotEqualTo(etag);
        assertThat(afterBooking.extract().jsonPath().getList("slots.start", String.class))
                .doesNotContain(at(day, "12:00").toString())
                .hasSize(quarterHours("09:00", "16:00").size() - 7);

        replace(tutor.tutor(), Map.of(), everyDay("10:00", "17:00"), List.of());
        var afterScheduleChange =
                api().header("If-None-Match", bookedEtag).get(path).then().statusCode(200);
        assertThat(afterScheduleChange.extract().header("ETag")).isNotIn(etag, bookedEtag);
        assertThat(afterScheduleChange.extract().jsonPath().getString("slots[0].start"))
                .isEqualTo(at(day, "10:00").toString());
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void minimumNoticeAndHorizonBoundTheStarts() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        Instant cutoff = at(day, "12:07");
        long notice = Duration.between(Instant.now(), cutoff).toMinutes() + 1;
        if (notice > 43_200) {
            notice = 43_200;
        }
        replace(
                tutor.tutor(),
                Map.of("minimumNoticeMinutes", notice, "horizonDays", 12),
                everyDay("09:00", "17:00"),
                List.of());
        List<String> starts = londonStarts(tutor.id(), day, 60);
        assertThat(starts).isNotEmpty();
        assertThat(starts.getFirst()).isIn("12:15", "12:30"); // the notice ends at about 12:07-12:08
        assertThat(londonStarts(tutor.id(), day.minusDays(1), 60)).isEmpty();

        // the horizon: 12 days ahead from now; slots two days after the notice day stop before it
        JsonPath json = slots(
                tutor.id(),
                Map.of(
                        "from", at(day, "00:00").toString(),
                        "to", at(day.plusDays(5), "00:00").toString(),
                        "duration", 60));
        Instant horizon = Instant.now().plus(Duration.ofDays(12));
        List<Instant> all = json.getList("slots.start", String.class).stream()
                .map(Instant::parse)
                .toList();
        assertThat(all).allMatch(s -> s.isBefore(horizon.plusSeconds(60)));
        assertThat(all.getLast()).isAfter(horizon.minus(Duration.ofDays(1)));
        assertThat(londonStarts(tutor.id(), day.plusDays(3), 60)).isEmpty();
    }

    @Test
    void theViewersZoneGivesLocalTimesAndDates() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        replace(tutor.tutor(), Map.of(), everyDay("09:00", "17:00"), List.of());
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        JsonPath json = slots(
                tutor.id(),
                Map.of(
                        "from",
                        day.toString(), // a date: its start in the viewer's zone
                        "to",
                        day.plusDays(1).toString(),
                        "duration",
                        60,
                        "tz",
                        "Asia/Kolkata"));
        assertThat(json.getString("timeZone")).isEqualTo("Asia/Kolkata");
        assertThat(json.getString("from"))
                .isEqualTo(day.atStartOfDay(kolkata).toInstant().toString());
        List<Map<String, String>> slots = json.getList("slots");
        assertThat(slots).isNotEmpty();
        for (Map<String, String> slot : slots) {
            OffsetDateTime local = OffsetDateTime.parse(slot.get("localStart"));
            assertThat(local.toInstant()).isEqualTo(Instant.parse(slot.get("start")));
            assertThat(local.getOffset()).isEqualTo(kolkata.getRules().getOffset(local.toInstant()));
            assertThat(OffsetDateTime.parse(slot.get("localEnd")).toInstant())
                    .isEqualTo(Instant.parse(slot.get("end")));
        }
        // days group by the viewer's date, times in the viewer's clock
        List<Map<String, Object>> days = json.getList("days");
        int total = 0;
        for (Map<String, Object> d : days) {
            @SuppressWarnings("unchecked")
            List<String> times = (List<String>) d.get("times");
            total += times.size();
            LocalDate date = LocalDate.parse((String) d.get("date"));
            assertThat(date).isEqualTo(day);
            for (String time : times) {
                Instant instant =
                        date.atTime(LocalTime.parse(time)).atZone(kolkata).toInstant();
                assertThat(slots).anyMatch(s -> Instant.parse(s.get("start")).equals(instant));
            }
        }
        assertThat(total).isEqualTo(slots.size());
    }

    @Test
    void aTutorsDaylightSavingNightsHaveTheirRealLength() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Tutors.Approved tutor = Tutors.approved(Tenants.newStaff(jdbc, "ADMIN", null), "America/New_York");
        replace(
                tutor.tutor(),
                Map.of("minimumNoticeMinutes", 0, "horizonDays", 365, "lessonLengths", List.of(60)),
                everyDay("00:00", "04:00"),
                List.of());
        ZoneOffsetTransition next = newYork.getRules().nextTransition(Instant.now());
        ZoneOffsetTransition after = newYork.getRules().nextTransition(next.getInstant());
        int checked = 0;
        for (ZoneOffsetTransition transition : List.of(next, after)) {
            if (transition.getInstant().isAfter(Instant.now().plus(Duration.ofDays(363)))) {
                continue; // beyond the longest horizon
            }
            checked++;
            LocalDate date = transition.getDateTimeBefore().toLocalDate();
            Instant from = date.atStartOfDay(newYork).toInstant();
            Instant to = date.atTime(4, 0).atZone(newYork).toInstant();
            long minutes = Duration.between(from, to).toMinutes();
            assertThat(minutes).isIn(180L, 300L);
            JsonPath json =
                    slots(tutor.id(), Map.of("from", from.toString(), "to", to.toString(), "tz", "America/New_York"));
            assertThat(json.getList("slots")).as("%s", date).hasSize((int) (minutes - 60) / 15 + 1);
            // every slot lies within the 00:00-04:00 wall-clock window
            for (String local : json.getList("slots.localStart", String.class)) {
                LocalDateTime wall = OffsetDateTime.parse(local).toLocalDateTime();
                assertThat(wall.toLocalDate()).isEqualTo(date);
                assertThat(wall.toLocalTime()).isBefore(LocalTime.of(3, 1));
            }
            // the first slot is at midnight, whatever the offset
            assertThat(OffsetDateTime.parse(json.getString("slots[0].localStart"))
                            .toLocalTime())
                    .isEqualTo(LocalTime.MIDNIGHT);
        }
        assertThat(checked).isPositive();
    }

    @Test
    void onlyApprovedTutorsHaveSlots() {
        SignedIn unapproved = Accounts.newUser("TUTOR");
        replace(unapproved, Map.of(), everyDay("09:00", "17:00"), List.of());
        api().get("/api/v1/tutors/" + unapproved.userId() + "/available-slots")
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
        SignedIn student = Accounts.newUser("STUDENT");
        api().get("/api/v1/tutors/" + student.userId() + "/available-slots")
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
        api().get("/api/v1/tutors/" + UUID.randomUUID() + "/available-slots")
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
        api().get("/api/v1/tutors/not-a-uuid/available-slots")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
        // another tenant does not see this tenant's tutor
        Tutors.Approved tutor = Tutors.approved(jdbc);
        String slug = Tenants.uniqueSlug("slots");
        Tenants.newTenantWithOwner(slug);
        Accounts.request(slug)
                .get("/api/v1/tutors/" + tutor.id() + "/available-slots")
                .then()
                .statusCode(404)
                .body("code", equalTo("tutor.not_found"));
        // an approved tutor without a schedule has no free time yet
        api().get("/api/v1/tutors/" + tutor.id() + "/available-slots")
                .then()
                .statusCode(200)
                .body("slots", empty())
                .body("tutorTimeZone", equalTo("Europe/London"));
    }

    @Test
    void invalidQueriesAreUnprocessable() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        String path = "/api/v1/tutors/" + tutor.id() + "/available-slots";
        api().queryParam("duration", 45)
                .get(path)
                .then()
                .statusCode(422)
                .body("code", equalTo("slots.invalid_query"))
                .body("errors[0].field", equalTo("duration"))
                .body("errors[0].message", containsString("[30, 60]"));
        api().queryParam("tz", "Mars/Olympus")
                .get(path)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("tz"))
                .body("code", equalTo("slots.invalid_query"));
        Instant from = Instant.now().plus(Duration.ofDays(1));
        api().queryParam("from", from.toString())
                .queryParam("to", from.toString())
                .get(path)
                .then()
                .statusCode(422)
                .body("code", equalTo("slots.invalid_query"))
                .body("errors.field", hasItem("to"));
        api().queryParam("from", from.toString())
                .queryParam("to", from.plus(Duration.ofDays(63)).toString())
                .get(path)
                .then()
                .statusCode(422)
                .body("code", equalTo("slots.invalid_query"))
                .body("errors[0].message", containsString("62 days"));
        api().queryParam("from", from.toString())
                .queryParam("to", from.plus(Duration.ofDays(62)).toString())
                .get(path)
                .then()
                .statusCode(200);
        api().queryParam("from", "tomorrow")
                .get(path)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("from"))
                .body("code", equalTo("slots.invalid_query"));
        api().queryParam("from", "1900-01-01T00:00:00Z")
                .get(path)
                .then()
                .statusCode(422)
                .body("code", equalTo("slots.invalid_query"));
        api().queryParam("to", "+999999999-12-31T23:59:59Z")
                .get(path)
                .then()
                .statusCode(422)
                .body("code", equalTo("slots.invalid_query"));
        api().queryParam("duration", "long")
                .get(path)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));
    }
}
