package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.shared.BookingId;
import io.lyceum.shared.Money;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.JsonPath;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Confirmation, change and cancellation emails carry .ics invites (stored as outbox attachments). */
class CalendarInviteTests extends ApiTestBase {

    private static final Duration HOUR = Duration.ofHours(1);

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    private SignedIn tutor;
    private SignedIn student;
    private SignedIn guardian;
    private UUID booking;
    private Instant start;

    @BeforeEach
    void aBookingMadeByAGuardian() {
        tutor = Accounts.newUser("TUTOR");
        student = Accounts.newUser("STUDENT");
        guardian = Accounts.newUser("GUARDIAN");
        booking = SqlBookings.insert(
                jdbc,
                TenantId.DEFAULT,
                tutor.userId(),
                student.userId(),
                guardian.userId(),
                BookingState.CONFIRMED,
                Instant.now().plus(Duration.ofDays(3)),
                HOUR);
        start = startsAt();
    }

    private Instant startsAt() {
        return SqlBookings.column(jdbc, TenantId.DEFAULT, booking, "starts_at", java.sql.Timestamp.class)
                .toInstant();
    }

    private void publish(Object event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }

    private void confirm() {
        publish(new BookingConfirmed(
                TenantId.DEFAULT,
                BookingId.of(booking),
                TutorId.of(tutor.userId()),
                UserId.of(student.userId()),
                guardian.userId(),
                start,
                start.plus(HOUR),
                Instant.now()));
    }

    /** The emails to an address, newest first. */
    private static List<Map<String, Object>> mails(SignedIn user) {
        JsonPath json = Accounts.request(null)
                .queryParam("recipient", user.email())
                .get("/api/v1/dev/outbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return json.getList("content");
    }

    private static List<Map<String, Object>> invites(SignedIn user) {
        return mails(user).stream()
                .filter(m -> !((List<?>) m.get("attachments")).isEmpty())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attachment(Map<String, Object> mail) {
        return ((List<Map<String, Object>>) mail.get("attachments")).getFirst();
    }

    private static Calendar parse(Map<String, Object> mail) throws Exception {
        return new CalendarBuilder()
                .build(new StringReader((String) attachment(mail).get("content")));
    }

    private static String prop(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue).orElse(null);
    }

    private static VEvent event(Calendar calendar) {
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    @Test
    void everyoneTakingPartGetsAnInviteOnce() throws Exception {
        confirm();
        for (SignedIn person : List.of(tutor, student, guardian)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> invites(person).size() == 1);
        }
        Map<String, Object> mail = invites(student).getFirst();
        assertThat((String) mail.get("subject")).startsWith("Lesson confirmed: ");
        assertThat((String) mail.get("body")).contains("Lesson with Test tutor is confirmed");
        assertThat(attachment(mail))
                .containsEntry("filename", "invite.ics")
                .containsEntry("contentType", "text/calendar; method=REQUEST; charset=UTF-8");

        Calendar calendar = parse(mail);
        assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue())
                .isEqualTo("REQUEST");
        VEvent event = event(calendar);
        assertThat(prop(event, "UID")).isEqualTo(CalendarDocuments.uid(booking));
        assertThat(prop(event, "SEQUENCE")).isEqualTo("0");
        assertThat(prop(event, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(prop(event, "ORGANIZER")).isEqualTo("mailto:lessons@lyceum.invalid");
        List<String> attendees =
                event.getProperties("ATTENDEE").stream().map(Property::getValue).toList();
        assertThat(attendees)
                .containsExactlyInAnyOrder(
                        "mailto:" + tutor.email(), "mailto:" + student.email(), "mailto:" + guardian.email());

        // the same event delivered again sends nothing new
        confirm();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> invites(student).size() == 1);
    }

    @Test
    void eachPersonReadsTheInviteInTheirLanguageAndTimeZone() throws Exception {
        guardian.api()
                .contentType("application/json")
                .body(java.util.Map.of("timeZone", "Europe/Paris", "language", "fr", "displayCurrency", "EUR"))
                .put("/api/v1/users/preferences")
                .then()
                .statusCode(200);
        confirm();
        await().atMost(Duration.ofSeconds(10)).until(() -> invites(guardian).size() == 1);
        Map<String, Object> french = invites(guardian).getFirst();
        assertThat((String) french.get("subject"))
                .startsWith("Cours confirmé : ")
                .endsWith("(Europe/Paris)");
        assertThat((String) french.get("body"))
                .contains("Cours : Test student avec Test tutor est confirmé pour le")
                .contains("L'invitation jointe ajoute le cours à votre agenda.");
        assertThat(prop(event(parse(french)), "SUMMARY")).isEqualTo("Cours : Test student avec Test tutor");

        await().atMost(Duration.ofSeconds(10)).until(() -> invites(tutor).size() == 1);
        assertThat((String) invites(tutor).getFirst().get("subject"))
                .startsWith("Lesson confirmed: ")
                .endsWith("(Europe/London)");
    }

    @Test
    void aMoveUpdatesTheInviteAndACancellationRemovesIt() throws Exception {
        confirm();
        await().atMost(Duration.ofSeconds(10)).until(() -> invites(tutor).size() == 1);

        Instant moved = start.plus(Duration.ofDays(1));
        SqlBookings.move(jdbc, TenantId.DEFAULT, booking, moved, HOUR);
        publish(new BookingRescheduled(
                TenantId.DEFAULT,
                BookingId.of(booking),
                TutorId.of(tutor.userId()),
                UserId.of(student.userId()),
                student.userId(),
                start,
                moved,
                moved.plus(HOUR),
                Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> invites(tutor).size() == 2);
        Map<String, Object> update = invites(tutor).getFirst();
        assertThat((String) update.get("subject")).startsWith("Lesson moved: ");
        VEvent updated = event(parse(update));
        assertThat(prop(updated, "UID")).isEqualTo(CalendarDocuments.uid(booking));
        assertThat(prop(updated, "SEQUENCE")).isEqualTo("1");
        assertThat(prop(updated, "DTSTART"))
                .isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(java.time.ZoneOffset.UTC)
                        .format(startsAt()));

        SqlBookings.setState(jdbc, TenantId.DEFAULT, booking, BookingState.CANCELLED);
        Money zero = Money.of(0, "GBP");
        publish(new BookingCancelled(
                TenantId.DEFAULT,
                BookingId.of(booking),
                TutorId.of(tutor.userId()),
                UserId.of(student.userId()),
                student.userId(),
                "STUDENT",
                "ill",
                moved,
                new CancellationDecision(zero, zero, zero, "free"),
                Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> invites(guardian).size() == 3);
        Map<String, Object> cancel = invites(guardian).getFirst();
        assertThat((String) cancel.get("subject")).startsWith("Lesson cancelled: ");
        assertThat(attachment(cancel))
                .containsEntry("filename", "cancel.ics")
                .containsEntry("contentType", "text/calendar; method=CANCEL; charset=UTF-8");
        Calendar calendar = parse(cancel);
        assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue())
                .isEqualTo("CANCEL");
        VEvent cancelled = event(calendar);
        assertThat(prop(cancelled, "STATUS")).isEqualTo("CANCELLED");
        assertThat(prop(cancelled, "SEQUENCE")).isEqualTo("2");
    }

    @Test
    void aRequestThatWasNeverConfirmedLeavesNoTrace() {
        SqlBookings.setState(jdbc, TenantId.DEFAULT, booking, BookingState.CANCELLED);
        Money zero = Money.of(0, "GBP");
        publish(new BookingCancelled(
                TenantId.DEFAULT,
                BookingId.of(booking),
                TutorId.of(tutor.userId()),
                UserId.of(student.userId()),
                tutor.userId(),
                "TUTOR",
                "busy",
                start,
                new CancellationDecision(zero, zero, zero, "tutor"),
                Instant.now()));
        // a confirmation that arrives after the cancellation sends nothing either: the booking is no longer confirmed
        confirm();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> invites(student)
                .isEmpty());
    }
}
