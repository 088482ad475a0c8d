package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.JsonPath;
import io.lyceum.testsupport.http.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The tutor's own availability routes: reading, adding, bulk adding, deleting, replacing, settings. */
class AvailabilityApiTests extends ApiTestBase {

    static final String BASE = "/api/v1/tutors/availability";
    static final String ME = "/api/v1/tutors/me/availability";

    @Autowired
    private AvailabilityEventsProbe events;

    static Map<String, Object> window(String day, String start, String end) {
        return Map.of("type", "WINDOW", "dayOfWeek", day, "start", start, "end", end);
    }

    static Map<String, Object> blocked(String date) {
        return Map.of("type", "OVERRIDE", "date", date, "kind", "BLOCKED", "note", "Holiday");
    }

    static Map<String, Object> extra(String date, String start, String end) {
        return Map.of("type", "OVERRIDE", "date", date, "kind", "EXTRA", "start", start, "end", end);
    }

    static Response post(SignedIn tutor, Object body) {
        return tutor.api().contentType("application/json").body(body).post(BASE);
    }

    static String add(SignedIn tutor, Object body) {
        return post(tutor, body).then().statusCode(201).extract().path("id");
    }

    static JsonPath mine(SignedIn tutor) {
        return tutor.api().get(BASE).then().statusCode(200).extract().jsonPath();
    }

    private long schedules(List<UUID> tutors) {
        return TenantContext.callAs(Tenants.idOf(jdbc, null), () -> jdbc.sql(
                        "SELECT count(*) FROM tutor_schedules WHERE tutor_id IN (:ids)")
                .param("ids", tutors)
                .query(Long.class)
                .single());
    }

    // ---- reading

    @Test
    void aNewTutorSeesDefaultsFromTheirAccountAndNothingOpen() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        tutor.api()
                .get(BASE)
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("tutorId", equalTo(tutor.userId().toString()))
                .body("version", equalTo(0))
                .body("settings.timeZone", equalTo("Europe/London")) // the account's zone (Accounts.register)
                .body("settings.bufferMinutes", equalTo(0))
                .body("settings.minimumNoticeMinutes", equalTo(720))
                .body("settings.horizonDays", equalTo(60))
                .body("settings.lessonLengths", equalTo(List.of(60)))
                .body("settings.requiresConfirmation", equalTo(false))
                .body("windows", empty())
                .body("overrides", empty());
        // reading creates nothing
        assertThat(schedules(List.of(tutor.userId()))).isZero();
    }

    @Test
    void anApprovedTutorsDefaultsComeFromTheirProfile() {
        Tutors.Approved approved = Tutors.approved(Tenants.newStaff(jdbc, "ADMIN", null), "America/New_York");
        approved.tutor()
                .api()
                .get(BASE)
                .then()
                .statusCode(200)
                .body("settings.timeZone", equalTo("America/New_York"))
                .body("settings.lessonLengths", equalTo(List.of(30, 60)));
    }

    @Test
    void onlyTutorsMayUseTheRoutes() {
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        UUID some = UUID.randomUUID();
        Map<String, Object> replace = Map.of("windows", List.of());
        for (SignedIn user : List.of(student, guardian, admin)) {
            user.api().get(BASE).then().statusCode(403).body("code", equalTo("auth.forbidden"));
            post(user, window("MONDAY", "09:00", "10:00")).then().statusCode(403);
            user.api()
                    .contentType("application/json")
                    .body(Map.of("items", List.of(window("MONDAY", "09:00", "10:00"))))
                    .post(BASE + "/bulk")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
            user.api().get(BASE + "/" + some).then().statusCode(403).body("code", equalTo("auth.forbidden"));
            user.api().delete(BASE + "/" + some).then().statusCode(403).body("code", equalTo("auth.forbidden"));
            user.api()
                    .contentType("application/json")
                    .body(replace)
                    .put(ME)
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("auth.forbidden"));
            user.api()
                    .contentType("application/json")
                    .body(Map.of("bufferMinutes", 5))
                    .patch(ME + "/settings")
                    .then()
                    .statusCode(403);
        }
        api().get(BASE).then().statusCode(401).body("code", equalTo("auth.unauthenticated"));
        api().contentType("application/json")
                .body(window("MONDAY", "09:00", "10:00"))
                .post(BASE)
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
        api().contentType("application/json")
                .body(Map.of("items", List.of()))
                .post(BASE + "/bulk")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
        api().get(BASE + "/" + some).then().statusCode(401).body("code", equalTo("auth.unauthenticated"));
        api().delete(BASE + "/" + some).then().statusCode(401).body("code", equalTo("auth.unauthenticated"));
        api().contentType("application/json")
                .body(replace)
                .put(ME)
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
        api().contentType("application/json")
                .body(Map.of("bufferMinutes", 5))
                .patch(ME + "/settings")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
        // nothing was written for anyone
        assertThat(schedules(List.of(student.userId(), guardian.userId(), admin.userId())))
                .isZero();
    }

    // ---- adding and deleting

    @Test
    void addingWindowsAndOverridesCreatesTheScheduleAndBumpsTheVersion() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        events.clear();
        Response created = post(tutor, window("monday", "09:00", "12:00"));
        created.then()
                .statusCode(201)
                .header("Location", containsString(BASE + "/"))
                .body("type", equalTo("WINDOW"))
                .body("dayOfWeek", equalTo("MONDAY"))
                .body("start", equalTo("09:00"))
                .body("end", equalTo("12:00"));
        String windowId = created.path("id");
        assertThat(created.header("Location")).endsWith(windowId);
        String lateId = add(tutor, window("MONDAY", "22:00", "24:00"));
        String touching = add(tutor, window("MONDAY", "12:00", "13:00")); // touching is not overlapping
        String holiday = add(tutor, blocked("2027-12-25"));
        String extraId = add(tutor, extra("2027-12-24", "18:00", "20:00"));

        JsonPath me = mine(tutor);
        assertThat(me.getInt("version")).isEqualTo(5);
        assertThat(me.getList("windows.id")).containsExactly(windowId, touching, lateId);
        assertThat(me.getString("windows[2].end")).isEqualTo("24:00");
        assertThat(me.getList("overrides.id")).containsExactly(extraId, holiday);
        assertThat(me.getString("overrides[1].kind")).isEqualTo("BLOCKED");
        assertThat(me.getString("overrides[1].note")).isEqualTo("Holiday");
        assertThat(me.getString("overrides[1].start")).isNull();

        tutor.api()
                .get(BASE + "/" + extraId)
                .then()
                .statusCode(200)
                .body("type", equalTo("OVERRIDE"))
                .body("kind", equalTo("EXTRA"))
                .body("date", equalTo("2027-12-24"))
                .body("start", equalTo("18:00"));

        assertThat(events.of(tutor.userId())).hasSize(5);
        assertThat(events.of(tutor.userId()).getLast().version()).isEqualTo(5);

        tutor.api().delete(BASE + "/" + windowId).then().statusCode(204);
        tutor.api()
                .delete(BASE + "/" + windowId)
                .then()
                .statusCode(404)
                .body("code", equalTo("availability.not_found"));
        tutor.api().delete(BASE + "/" + holiday).then().statusCode(204);
        tutor.api().get(BASE + "/" + holiday).then().statusCode(404).body("code", equalTo("availability.not_found"));
        me = mine(tutor);
        assertThat(me.getInt("version")).isEqualTo(7);
        assertThat(me.getList("windows.id")).containsExactly(touching, lateId);
        assertThat(me.getList("overrides.id")).containsExactly(extraId);
        assertThat(events.of(tutor.userId())).hasSize(7);
    }

    @Test
    void anotherTutorsItemsAreNotFound() {
        SignedIn owner = Accounts.newUser("TUTOR");
        SignedIn other = Accounts.newUser("TUTOR");
        String id = add(owner, window("TUESDAY", "09:00", "10:00"));
        add(other, window("TUESDAY", "09:00", "10:00")); // other has a schedule too
        other.api().get(BASE + "/" + id).then().statusCode(404).body("code", equalTo("availability.not_found"));
        other.api().delete(BASE + "/" + id).then().statusCode(404).body("code", equalTo("availability.not_found"));
        Accounts.newUser("TUTOR")
                .api()
                .delete(BASE + "/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("availability.not_found")); // no schedule at all
        // another tenant's tutor
        String slug = Tenants.uniqueSlug("avail");
        Tenants.newTenantWithOwner(slug);
        SignedIn foreign = Accounts.newUser("TUTOR", slug);
        foreign.api()
                .header("X-Tenant", slug)
                .get(BASE + "/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("availability.not_found"));
        foreign.api()
                .header("X-Tenant", slug)
                .delete(BASE + "/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("availability.not_found"));
        assertThat(mine(owner).getList("windows.id")).containsExactly(id);
    }

    @Test
    void overlappingWindowsAreRejectedAndNothingIsWritten() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        String existing = add(tutor, window("WEDNESDAY", "09:00", "12:00"));
        post(tutor, window("WEDNESDAY", "11:00", "13:00"))
                .then()
                .statusCode(422)
                .body("code", equalTo("availability.overlapping_window"))
                .body("errors[0].field", equalTo("start"))
                .body("errors[0].message", containsString(existing));
        post(tutor, window("WEDNESDAY", "08:00", "18:00")).then().statusCode(422);
        // the same hours on another day are fine
        add(tutor, window("THURSDAY", "11:00", "13:00"));
        assertThat(mine(tutor).getList("windows")).hasSize(2);
    }

    @Test
    void overlappingOverridesOfADateAreRejected() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        add(tutor, extra("2027-06-01", "09:00", "12:00"));
        post(tutor, extra("2027-06-01", "11:45", "13:00"))
                .then()
                .statusCode(422)
                .body("code", equalTo("availability.overlapping_override"));
        post(tutor, blocked("2027-06-01")).then().statusCode(422); // a whole-day block overlaps everything
        add(
                tutor,
                Map.of("type", "OVERRIDE", "date", "2027-06-01", "kind", "BLOCKED", "start", "14:00", "end", "15:00"));
        add(tutor, blocked("2027-06-02"));
    }

    @Test
    void invalidItemsAreUnprocessable() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        Map<Map<String, Object>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(window("FUNDAY", "09:00", "10:00"), "dayOfWeek");
        cases.put(window("MONDAY", "25:00", "26:00"), "start");
        cases.put(window("MONDAY", "9am", "10:00"), "start");
        cases.put(window("MONDAY", "09:10", "10:00"), "start"); // not on the quarter hour
        cases.put(window("MONDAY", "10:00", "09:00"), "end");
        cases.put(window("MONDAY", "10:00", "10:00"), "end");
        cases.put(window("MONDAY", "24:00", "24:00"), "start");
        cases.put(Map.of("type", "WINDOW", "dayOfWeek", "MONDAY"), "start");
        cases.put(Map.of("type", "SOMETHING"), "type");
        cases.put(Map.of("dayOfWeek", "MONDAY", "start", "09:00", "end", "10:00"), "type");
        cases.put(Map.of("type", "OVERRIDE", "date", "2027-02-30", "kind", "BLOCKED"), "date");
        cases.put(Map.of("type", "OVERRIDE", "date", "1999-12-31", "kind", "BLOCKED"), "date");
        cases.put(Map.of("type", "OVERRIDE", "date", "2027-02-03", "kind", "MAYBE"), "kind");
        cases.put(Map.of("type", "OVERRIDE", "date", "2027-02-03", "kind", "EXTRA"), "start");
        cases.put(Map.of("type", "OVERRIDE", "date", "2027-02-03", "kind", "EXTRA", "start", "10:00"), "end");
        cases.put(Map.of("type", "OVERRIDE", "date", "2027-02-03", "kind", "BLOCKED", "note", "x".repeat(201)), "note");
        cases.forEach((body, field) -> post(tutor, body).then().statusCode(422).body("errors.field", hasItem(field)));
        tutor.api()
                .contentType("application/json")
                .body("{not json")
                .post(BASE)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"));
        assertThat(mine(tutor).getInt("version")).isZero();
    }

    @Test
    void bulkAddsEverythingOrNothing() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        List<Map<String, Object>> week = new ArrayList<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            week.add(window(day, "09:00", "12:00"));
            week.add(window(day, "13:00", "17:00"));
        }
        week.add(blocked("2027-01-01"));
        tutor.api()
                .contentType("application/json")
                .body(Map.of("items", week))
                .post(BASE + "/bulk")
                .then()
                .statusCode(201)
                .body("items", hasSize(11))
                .body("items[10].type", equalTo("OVERRIDE"));
        assertThat(mine(tutor).getInt("version")).isEqualTo(1);

        // an item overlapping another of the same request, and one overlapping a stored window
        tutor.api()
                .contentType("application/json")
                .body(Map.of(
                        "items",
                        List.of(
                                window("SATURDAY", "09:00", "12:00"),
                                window("SATURDAY", "10:00", "11:00"),
                                window("MONDAY", "11:00", "14:00"),
                                extra("2027-01-02", "09:00", "10:00"))))
                .post(BASE + "/bulk")
                .then()
                .statusCode(422)
                .body("code", equalTo("availability.overlapping_window"))
                .body("errors.field", hasItems("items[1]", "items[2]"))
                .body("errors.field", not(hasItem("items[0]")))
                .body("errors.field", not(hasItem("items[3]")));
        tutor.api()
                .contentType("application/json")
                .body(Map.of("items", List.of(window("SUNDAY", "09:00", "10:00"), window("SUNDAY", "x", "10:00"))))
                .post(BASE + "/bulk")
                .then()
                .statusCode(422)
                .body("code", equalTo("availability.invalid"))
                .body("errors[0].field", equalTo("items[1].start"));
        JsonPath me = mine(tutor);
        assertThat(me.getInt("version")).isEqualTo(1);
        assertThat(me.getList("windows")).hasSize(10);
        assertThat(me.getList("overrides")).hasSize(1);

        tutor.api()
                .contentType("application/json")
                .body(Map.of("items", List.of()))
                .post(BASE + "/bulk")
                .then()
                .statusCode(422)
                .body("code", equalTo("availability.invalid"));
    }

    @Test
    void aScheduleHoldsAtMostFiftyWindows() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        List<Map<String, Object>> windows = new ArrayList<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            for (int hour = 0; hour < 8; hour++) {
                windows.add(window(day, String.format("%02d:00", hour * 2), String.format("%02d:00", hour * 2 + 1)));
            }
        }
        tutor.api()
                .contentType("application/json")
                .body(Map.of("items", windows.subList(0, 51)))
                .post(BASE + "/bulk")
                .then()
                .statusCode(422)
                .body("code", equalTo("availability.invalid"))
                .body("errors[0].message", containsString("at most 50"));
        tutor.api()
                .contentType("application/json")
                .body(Map.of("items", windows.subList(0, 50)))
                .post(BASE + "/bulk")
                .then()
                .statusCode(201);
        post(tutor, windows.get(50)).then().statusCode(422);
    }

    // ---- replacing and settings

    private static Map<String, Object> replacement(Long version) {
        Map<String, Object> body = new HashMap<>();
        if (version != null) body.put("version", version);
        body.put(
                "settings",
                Map.of(
                        "timeZone",
                        "Asia/Kolkata",
                        "bufferMinutes",
                        10,
                        "minimumNoticeMinutes",
                        60,
                        "horizonDays",
                        30,
                        "lessonLengths",
                        List.of(90, 45),
                        "requiresConfirmation",
                        true));
        body.put(
                "windows",
                List.of(
                        Map.of("dayOfWeek", "FRIDAY", "start", "08:00", "end", "10:00"),
                        Map.of("dayOfWeek", "SATURDAY", "start", "00:00", "end", "24:00")));
        body.put(
                "overrides",
                List.of(Map.of("date", "2027-03-05", "kind", "BLOCKED", "start", "08:00", "end", "09:00")));
        return body;
    }

    @Test
    void replacingEverythingIsAtomicAndVersioned() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        add(tutor, window("MONDAY", "09:00", "17:00"));
        add(tutor, blocked("2027-01-01"));
        JsonPath before = mine(tutor);

        // invalid parts anywhere: nothing changes
        Map<String, Object> bad = replacement(null);
        bad.put(
                "windows",
                List.of(
                        Map.of("dayOfWeek", "FRIDAY", "start", "08:00", "end", "10:00"),
                        Map.of("dayOfWeek", "FRIDAY", "start", "09:00", "end", "11:00")));
        bad.put("settings", Map.of("timeZone", "Mars/Olympus_Mons", "lessonLengths", List.of(17)));
        tutor.api()
                .contentType("application/json")
                .body(bad)
                .put(ME)
                .then()
                .statusCode(422)
                .body("code", equalTo("availability.overlapping_window"))
                .body("errors.field", equalTo(List.of("settings.timeZone", "settings.lessonLengths[0]", "windows[1]")));
        assertThat(mine(tutor).prettify()).isEqualTo(before.prettify());

        // a stale version is refused, by If-Match or in the body
        tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"1\"")
                .body(replacement(null))
                .put(ME)
                .then()
                .statusCode(412)
                .body("code", equalTo("availability.version_mismatch"));
        tutor.api()
                .contentType("application/json")
                .body(replacement(1L))
                .put(ME)
                .then()
                .statusCode(412)
                .body("code", equalTo("availability.version_mismatch"));

        tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"2\"")
                .body(replacement(null))
                .put(ME)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"")
                .body("version", equalTo(3))
                .body("settings.timeZone", equalTo("Asia/Kolkata"))
                .body("settings.bufferMinutes", equalTo(10))
                .body("settings.minimumNoticeMinutes", equalTo(60))
                .body("settings.horizonDays", equalTo(30))
                .body("settings.lessonLengths", equalTo(List.of(45, 90)))
                .body("settings.requiresConfirmation", equalTo(true))
                .body("windows.dayOfWeek", equalTo(List.of("FRIDAY", "SATURDAY")))
                .body("windows[1].end", equalTo("24:00"))
                .body("overrides", hasSize(1))
                .body("overrides[0].start", equalTo("08:00"));

        // replacing with nothing clears windows and overrides; settings absent stay as they are
        tutor.api()
                .contentType("application/json")
                .body(Map.of("windows", List.of(), "overrides", List.of()))
                .put(ME)
                .then()
                .statusCode(200)
                .body("version", equalTo(4))
                .body("windows", empty())
                .body("overrides", empty())
                .body("settings.timeZone", equalTo("Asia/Kolkata"));
    }

    @Test
    void aFirstReplaceCreatesTheSchedule() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"0\"")
                .body(replacement(null))
                .put(ME)
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("windows", hasSize(2));
    }

    @Test
    void settingsChangeOneFieldAtATime() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        tutor.api()
                .contentType("application/json")
                .body(Map.of("timeZone", "Australia/Lord_Howe", "bufferMinutes", 15))
                .patch(ME + "/settings")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("settings.timeZone", equalTo("Australia/Lord_Howe"))
                .body("settings.bufferMinutes", equalTo(15))
                .body("settings.horizonDays", equalTo(60));
        tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"1\"")
                .body(Map.of("lessonLengths", List.of(30, 60, 240), "horizonDays", 365, "minimumNoticeMinutes", 0))
                .patch(ME + "/settings")
                .then()
                .statusCode(200)
                .body("settings.lessonLengths", equalTo(List.of(30, 60, 240)))
                .body("settings.timeZone", equalTo("Australia/Lord_Howe"));
        tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"1\"")
                .body(Map.of("bufferMinutes", 5))
                .patch(ME + "/settings")
                .then()
                .statusCode(412)
                .body("code", equalTo("availability.version_mismatch"));

        List<Map<String, Object>> invalid = List.of(
                Map.of("timeZone", "Europe/Atlantis"),
                Map.of("timeZone", "+02:00"),
                Map.of("bufferMinutes", -5),
                Map.of("bufferMinutes", 241),
                Map.of("minimumNoticeMinutes", 43201),
                Map.of("horizonDays", 0),
                Map.of("horizonDays", 366),
                Map.of("lessonLengths", List.of()),
                Map.of("lessonLengths", List.of(10)),
                Map.of("lessonLengths", List.of(245)),
                Map.of("lessonLengths", List.of(62)),
                Map.of("lessonLengths", List.of(30, 30)),
                Map.of("lessonLengths", List.of(15, 20, 25, 30, 35, 40, 45, 50, 55)));
        for (Map<String, Object> body : invalid) {
            tutor.api()
                    .contentType("application/json")
                    .body(body)
                    .patch(ME + "/settings")
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("availability.invalid_settings"))
                    .body("errors[0].field", notNullValue());
        }
        assertThat(mine(tutor).getInt("version")).isEqualTo(2);
    }

    // ---- concurrency

    @Test
    void concurrentEditsOfOneScheduleAreSerialised() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        // distinct windows in parallel: none is lost, every change gets its own version
        List<Integer> statuses = Parallel.run(
                12, i -> post(tutor, window("MONDAY", String.format("%02d:00", i), String.format("%02d:30", i)))
                        .statusCode());
        assertThat(statuses).containsOnly(201);
        JsonPath me = mine(tutor);
        assertThat(me.getList("windows")).hasSize(12);
        assertThat(me.getInt("version")).isEqualTo(12);

        // the same window in parallel: exactly one is added, the others overlap it
        List<Integer> same = Parallel.run(
                10, i -> post(tutor, window("TUESDAY", "09:00", "10:00")).statusCode());
        assertThat(same).filteredOn(s -> s == 201).hasSize(1);
        assertThat(same).filteredOn(s -> s == 422).hasSize(9);
        assertThat(mine(tutor).getList("windows")).hasSize(13);
    }
}
