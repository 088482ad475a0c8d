package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Http;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The secret iCalendar feed: issue, fetch without credentials, parse back with iCal4j, rotate, revoke. */
class CalendarFeedApiTests extends ApiTestBase {

    private static final Duration HOUR = Duration.ofHours(1);

    private SignedIn tutor;
    private SignedIn student;

    @BeforeEach
    void people() {
        tutor = Accounts.newUser("TUTOR");
        student = Accounts.newUser("STUDENT");
    }

    private static Instant days(long days) {
        return Instant.now().plus(Duration.ofDays(days));
    }

    /** Issues the user's feed and returns its URL's path. */
    private static String issue(SignedIn user) {
        String url = user.api()
                .get("/api/v1/calendar/feed")
                .then()
                .statusCode(201)
                .body("url", startsWith("http://localhost:"))
                .body("url", endsWith(".ics"))
                .extract()
                .path("url");
        return url.substring(url.indexOf("/api/v1/calendar/"));
    }

    private static String fetch(String path) {
        return Http.given()
                .get(path)
                .then()
                .statusCode(200)
                .contentType("text/calendar;charset=UTF-8")
                .extract()
                .asString();
    }

    private static Map<String, VEvent> events(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(calendar.getProperty(Property.PRODID).orElseThrow().getValue())
                .isEqualTo(CalendarDocuments.PRODUCT);
        List<VEvent> events = calendar.getComponents("VEVENT");
        return events.stream()
                .collect(Collectors.toMap(
                        e -> e.getProperty(Property.UID).orElseThrow().getValue(), e -> e));
    }

    private static String prop(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue).orElse(null);
    }

    @Test
    void theFeedListsTheUsersLessonsAndParsesBack() throws Exception {
        UUID confirmed =
                SqlBookings.insert(jdbc, tutor.userId(), student.userId(), BookingState.CONFIRMED, days(2), HOUR);
        UUID requested =
                SqlBookings.insert(jdbc, tutor.userId(), student.userId(), BookingState.REQUESTED, days(3), HOUR);
        UUID cancelled =
                SqlBookings.insert(jdbc, tutor.userId(), student.userId(), BookingState.CANCELLED, days(4), HOUR);
        UUID completed =
                SqlBookings.insert(jdbc, tutor.userId(), student.userId(), BookingState.COMPLETED, days(-5), HOUR);
        UUID held =
                SqlBookings.insert(jdbc, tutor.userId(), student.userId(), BookingState.PENDING_PAYMENT, days(5), HOUR);
        UUID longAgo =
                SqlBookings.insert(jdbc, tutor.userId(), student.userId(), BookingState.COMPLETED, days(-40), HOUR);
        UUID someoneElses = SqlBookings.insert(
                jdbc, Accounts.newUser("TUTOR").userId(), student.userId(), BookingState.CONFIRMED, days(6), HOUR);

        Map<String, VEvent> events = events(fetch(issue(tutor)));
        assertThat(events)
                .containsOnlyKeys(
                        CalendarDocuments.uid(confirmed),
                        CalendarDocuments.uid(requested),
                        CalendarDocuments.uid(cancelled),
                        CalendarDocuments.uid(completed));
        assertThat(events)
                .doesNotContainKeys(
                        CalendarDocuments.uid(held),
                        CalendarDocuments.uid(longAgo),
                        CalendarDocuments.uid(someoneElses));

        VEvent lesson = events.get(CalendarDocuments.uid(confirmed));
        assertThat(prop(lesson, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(prop(lesson, "SUMMARY")).isEqualTo("Lesson with Test student");
        assertThat(prop(lesson, "SEQUENCE")).isEqualTo("0");
        Instant start = SqlBookings.column(jdbc, TenantId.DEFAULT, confirmed, "starts_at", java.sql.Timestamp.class)
                .toInstant();
        assertThat(prop(lesson, "DTSTART")).isEqualTo(formatUtc(start));
        assertThat(prop(lesson, "DTEND")).isEqualTo(formatUtc(start.plus(HOUR)));
        assertThat(prop(events.get(CalendarDocuments.uid(requested)), "STATUS")).isEqualTo("TENTATIVE");
        assertThat(prop(events.get(CalendarDocuments.uid(cancelled)), "STATUS")).isEqualTo("CANCELLED");
        assertThat(prop(events.get(CalendarDocuments.uid(cancelled)), "SEQUENCE"))
                .isEqualTo("1");

        // the student's own feed names the tutor
        Map<String, VEvent> theirs = events(fetch(issue(student)));
        assertThat(theirs).containsKey(CalendarDocuments.uid(someoneElses));
        assertThat(prop(theirs.get(CalendarDocuments.uid(confirmed)), "SUMMARY"))
                .isEqualTo("Lesson with Test tutor");
    }

    private static String formatUtc(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(instant);
    }

    @Test
    void theGuardianWhoBookedSeesTheLesson() throws Exception {
        SignedIn guardian = Accounts.newUser("GUARDIAN");
        UUID booked = SqlBookings.insert(
                jdbc,
                TenantId.DEFAULT,
                tutor.userId(),
                student.userId(),
                guardian.userId(),
                BookingState.CONFIRMED,
                days(1),
                HOUR);
        Map<String, VEvent> events = events(fetch(issue(guardian)));
        assertThat(events).containsOnlyKeys(CalendarDocuments.uid(booked));
        assertThat(prop(events.get(CalendarDocuments.uid(booked)), "SUMMARY"))
                .isEqualTo("Lesson: Test student with Test tutor");
    }

    @Test
    void theAddressIsShownOnceAndOnlyItsHashIsStored() {
        String path = issue(student);
        String token = path.substring("/api/v1/calendar/".length(), path.length() - ".ics".length());
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        student.api()
                .get("/api/v1/calendar/feed")
                .then()
                .statusCode(200)
                .body("url", nullValue())
                .body("createdAt", org.hamcrest.Matchers.notNullValue());
        var stored = TenantContext.callAs(
                TenantId.DEFAULT, () -> jdbc.sql("SELECT token_hash FROM calendar_feeds WHERE user_id = :u")
                        .param("u", student.userId())
                        .query(String.class)
                        .list());
        assertThat(stored).containsExactly(SecretTokens.sha256Hex(token));
        fetch(path);
        assertThat(TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql(
                                "SELECT last_used_at IS NOT NULL FROM calendar_feeds WHERE user_id = :u")
                        .param("u", student.userId())
                        .query(Boolean.class)
                        .single()))
                .isTrue();
    }

    @Test
    void rotatingKillsTheOldAddressAndRevokingKillsIt() {
        String first = issue(student);
        fetch(first);
        String second = student.api()
                .post("/api/v1/calendar/feed/rotate")
                .then()
                .statusCode(200)
                .extract()
                .path("url");
        String secondPath = second.substring(second.indexOf("/api/v1/calendar/"));
        assertThat(secondPath).isNotEqualTo(first);
        Http.given().get(first).then().statusCode(404).body("code", equalTo("calendar.feed_not_found"));
        fetch(secondPath);

        student.api().delete("/api/v1/calendar/feed").then().statusCode(204);
        Http.given().get(secondPath).then().statusCode(404).body("code", equalTo("calendar.feed_not_found"));
        student.api().delete("/api/v1/calendar/feed").then().statusCode(204);
        // a new one can be issued afterwards
        fetch(issue(student));
    }

    @Test
    void aSuspendedAccountsFeedGoesQuiet() {
        String path = issue(student);
        fetch(path);
        TenantContext.runAs(TenantId.DEFAULT, () -> jdbc.sql("UPDATE users SET status = 'SUSPENDED' WHERE id = :id")
                .param("id", student.userId())
                .update());
        Http.given().get(path).then().statusCode(404).body("code", equalTo("calendar.feed_not_found"));
    }

    @Test
    void wrongTokensAre404AndTheManagementRoutesNeedSignIn() {
        Http.given()
                .get("/api/v1/calendar/" + SecretTokens.feedToken() + ".ics")
                .then()
                .statusCode(404)
                .body("code", equalTo("calendar.feed_not_found"));
        Http.given()
                .get("/api/v1/calendar/short.ics")
                .then()
                .statusCode(404)
                .body("code", equalTo("calendar.feed_not_found"));
        Http.given()
                .accept("text/calendar")
                .get("/api/v1/calendar/" + "x".repeat(43) + ".ics")
                .then()
                .statusCode(404)
                .body("code", equalTo("calendar.feed_not_found"));
        Http.given().get("/api/v1/calendar/feed").then().statusCode(401).body("code", equalTo("auth.unauthenticated"));
        Http.given()
                .post("/api/v1/calendar/feed/rotate")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
        Http.given()
                .delete("/api/v1/calendar/feed")
                .then()
                .statusCode(401)
                .body("code", equalTo("auth.unauthenticated"));
    }

    @Test
    void theTokenNamesItsTenant() throws Exception {
        String slug = Tenants.uniqueSlug("feeds");
        Tenants.newTenantWithOwner(slug);
        TenantId other = Tenants.idOf(jdbc, slug);
        SignedIn theirTutor = Accounts.newUser("TUTOR", slug);
        SignedIn theirStudent = Accounts.newUser("STUDENT", slug);
        UUID theirs = SqlBookings.insert(
                jdbc,
                other,
                theirTutor.userId(),
                theirStudent.userId(),
                theirStudent.userId(),
                BookingState.CONFIRMED,
                days(1),
                HOUR);
        String path = issue(theirStudent);
        // no X-Tenant header: the token finds the tenant
        assertThat(events(fetch(path))).containsOnlyKeys(CalendarDocuments.uid(theirs));
        // and naming another tenant changes nothing
        assertThat(events(Http.given()
                        .header("X-Tenant", "default")
                        .get(path)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString()))
                .containsOnlyKeys(CalendarDocuments.uid(theirs));
    }
}
