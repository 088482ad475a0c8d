package io.lyceum.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.lyceum.scheduling.BookingPaymentSucceeded;
import io.lyceum.shared.BookingId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.JsonAnswers;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The in-app API, preferences, the admin views and who is told of a paid booking request (black-box). */
class NotificationApiTests extends ApiTestBase {

    private static final AtomicInteger NEXT_DAY = new AtomicInteger();
    private static final String FEED = "/api/v1/notifications";

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    record Request(Tutors.Approved tutor, SignedIn student, UUID bookingId, TenantId tenant) {}

    /** A student's paid lesson with a tutor who confirms bookings: REQUESTED once billing reports the payment. */
    private Request paidRequest() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        TenantId tenant = Tenants.idOf(jdbc, null);
        OpenSchedules.openAllWeek(jdbc, tenant, tutor.id(), true, 0, 60);
        SignedIn student = Accounts.newUser("STUDENT");
        Instant start = LocalDate.now(ZoneOffset.UTC)
                .plusDays(3 + NEXT_DAY.getAndIncrement() % 40)
                .atTime(11, 0)
                .toInstant(ZoneOffset.UTC);
        UUID id = UUID.fromString(student.api()
                .contentType("application/json")
                .body(Map.of(
                        "tutorId", tutor.id().toString(),
                        "subjectId", tutor.subjectId().toString(),
                        "startsAt", start.toString(),
                        "durationMinutes", 60,
                        "trial", false))
                .post("/api/v1/bookings")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(s -> events.publishEvent(
                        new BookingPaymentSucceeded(tenant, BookingId.of(id), "pay-" + id, Instant.now()))));
        return new Request(tutor, student, id, tenant);
    }

    private static JsonPath feed(SignedIn user) {
        return user.api().get(FEED).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> kinds(SignedIn user) {
        return feed(user).getList("content.kind");
    }

    private static List<Map<String, Object>> outbox(String recipient) {
        return Accounts.outbox(recipient);
    }

    @Test
    void aTutorHearsOfAPaidBookingRequestWithConfirmAndDeclineLinksAndOnlyTheTutor() {
        Request request = paidRequest();
        SignedIn tutor = request.tutor().tutor();
        await().atMost(Duration.ofSeconds(15)).until(() -> kinds(tutor).contains("booking.requested"));

        JsonPath page = feed(tutor);
        int at = page.getList("content.kind").indexOf("booking.requested");
        assertThat(page.getString("content[" + at + "].link"))
                .isEqualTo("/teach/bookings/" + request.bookingId() + "/confirm");
        assertThat(page.getString("content[" + at + "].title")).startsWith("New lesson request from");
        assertThat(page.getString("content[" + at + "].data.bookingId"))
                .isEqualTo(request.bookingId().toString());

        // the email carries both links, and leaves through the queue (the outbox in development)
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox(tutor.email()).stream()
                .anyMatch(m -> String.valueOf(m.get("subject")).startsWith("New lesson request")));
        String body = outbox(tutor.email()).stream()
                .filter(m -> String.valueOf(m.get("subject")).startsWith("New lesson request"))
                .findFirst()
                .map(m -> (String) m.get("body"))
                .orElseThrow();
        assertThat(body)
                .contains("/teach/bookings/" + request.bookingId() + "/confirm")
                .contains("/teach/bookings/" + request.bookingId() + "/decline")
                .contains("(Europe/London)");

        // the student is not told of a request they made
        assertThat(kinds(request.student())).doesNotContain("booking.requested");

        // the tutor confirms: the student hears of it, the tutor (who acted) does not
        tutor.api()
                .post("/api/v1/tutor/bookings/" + request.bookingId() + "/confirm")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> kinds(request.student()).contains("booking.confirmed"));
        assertThat(kinds(tutor)).doesNotContain("booking.confirmed");
    }

    @Test
    void theFeedIsPagedFilteredAndOnlyItsRecipientActsOnIt() {
        Request request = paidRequest();
        SignedIn tutor = request.tutor().tutor();
        // approval and the request: two notifications
        await().atMost(Duration.ofSeconds(15)).until(() -> kinds(tutor).size() == 2);
        assertThat(kinds(tutor)).containsExactlyInAnyOrder("booking.requested", "tutor.approved");
        tutor.api().get(FEED + "/unread-count").then().statusCode(200).body("count", equalTo(2));
        tutor.api()
                .queryParam("size", 1)
                .get(FEED)
                .then()
                .statusCode(200)
                .body("content.size()", equalTo(1))
                .body("page.totalElements", equalTo(2))
                .body("page.totalPages", equalTo(2));

        String first = feed(tutor).getString("content[0].id");
        String second = feed(tutor).getString("content[1].id");
        SignedIn stranger = Accounts.newUser("STUDENT");
        for (String action : List.of("/read", "/dismiss")) {
            stranger.api()
                    .patch(FEED + "/" + first + action)
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("notification.not_found"));
        }
        stranger.api()
                .delete(FEED + "/" + first)
                .then()
                .statusCode(404)
                .body("code", equalTo("notification.not_found"));
        Http.given().get(FEED).then().statusCode(401);
        tutor.api()
                .patch(FEED + "/not-a-uuid/read")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_parameter"));

        tutor.api()
                .patch(FEED + "/" + first + "/read")
                .then()
                .statusCode(200)
                .body("readAt", org.hamcrest.Matchers.notNullValue());
        tutor.api().get(FEED + "/unread-count").then().body("count", equalTo(1));
        tutor.api()
                .queryParam("unread", true)
                .get(FEED)
                .then()
                .body("content.id", equalTo(List.of(second)))
                .body("page.totalElements", equalTo(1));

        tutor.api().patch(FEED + "/mark-all-read").then().statusCode(200).body("updated", equalTo(1));
        tutor.api().patch(FEED + "/mark-all-read").then().statusCode(200).body("updated", equalTo(0));
        tutor.api().get(FEED + "/unread-count").then().body("count", equalTo(0));

        tutor.api()
                .patch(FEED + "/" + second + "/dismiss")
                .then()
                .statusCode(200)
                .body("dismissedAt", org.hamcrest.Matchers.notNullValue());
        tutor.api().delete(FEED + "/" + second).then().statusCode(204);
        tutor.api().delete(FEED + "/" + second).then().statusCode(404).body("code", equalTo("notification.not_found"));
        assertThat(feed(tutor).getList("content.id")).containsExactly(first);

        // an admin still sees the deleted notification with its email delivery and attempts
        SignedIn admin = request.tutor().admin();
        await().atMost(Duration.ofSeconds(15)).until(() -> "SENT"
                .equals(admin.api()
                        .get("/api/v1/admin/notifications/" + second)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("deliveries.find { it.channel == 'EMAIL' }.status")));
        admin.api()
                .get("/api/v1/admin/notifications/" + second)
                .then()
                .body("deliveries[0].attemptLog[0].status", equalTo("SENT"))
                .body("deliveries[0].attempts", equalTo(1));
        admin.api()
                .queryParam("recipientId", tutor.userId())
                .get("/api/v1/admin/notifications")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(2));
        tutor.api()
                .get("/api/v1/admin/notifications/" + second)
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        admin.api()
                .get("/api/v1/admin/notifications/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("notification.not_found"));
    }

    @Test
    void preferencesAreReadChangedAndRefusedWithEveryProblemAtOnce() {
        SignedIn user = Accounts.newUser("STUDENT");
        user.api()
                .get(FEED + "/preferences")
                .then()
                .statusCode(200)
                .body("mobileVerified", equalTo(false))
                .body("categories.find { it.category == 'SECURITY' }.locked", equalTo(true))
                .body("categories.find { it.category == 'MESSAGES' }.email", equalTo(true))
                .body("categories.find { it.category == 'LESSON_REMINDERS' }.sms", equalTo(false));

        user.api()
                .contentType("application/json")
                .body(Map.of(
                        "categories",
                        List.of(
                                Map.of("category", "MESSAGES", "digest", true),
                                Map.of("category", "REVIEWS", "inApp", false)),
                        "quietHours",
                        Map.of("start", "22:00", "end", "07:00")))
                .put(FEED + "/preferences")
                .then()
                .statusCode(200)
                .body("categories.find { it.category == 'MESSAGES' }.digest", equalTo(true))
                .body("categories.find { it.category == 'REVIEWS' }.inApp", equalTo(false))
                .body("quietHours.start", equalTo("22:00"))
                .body("quietHours.end", equalTo("07:00"));

        user.api()
                .contentType("application/json")
                .body(Map.of(
                        "categories",
                        List.of(
                                Map.of("category", "SECURITY", "email", false),
                                Map.of("category", "BOOKING_REQUESTS", "digest", true),
                                Map.of("category", "MESSAGES", "voice", true),
                                Map.of("category", "NOPE"),
                                Map.of("category", "INVOICES", "email", false, "digest", true),
                                Map.of("category", "PAYMENTS", "sms", true)),
                        "quietHours",
                        Map.of("start", "25:00", "end", "07:00")))
                .put(FEED + "/preferences")
                .then()
                .statusCode(422)
                .body("code", equalTo("notification_preferences.invalid"))
                .body(
                        "errors.field",
                        hasItems(
                                "categories[0]",
                                "categories[1].digest",
                                "categories[2].voice",
                                "categories[3].category",
                                "categories[4].digest",
                                "categories[5].sms",
                                "quietHours.start"));
        // nothing of the refused change was kept
        user.api()
                .get(FEED + "/preferences")
                .then()
                .body("categories.find { it.category == 'INVOICES' }.email", equalTo(true))
                .body("quietHours.start", equalTo("22:00"));

        user.api()
                .contentType("application/json")
                .body(Map.of("quietHours", Map.of("start", "08:00", "end", "08:00")))
                .put(FEED + "/preferences")
                .then()
                .statusCode(422)
                .body("code", equalTo("notification_preferences.invalid"))
                .body("errors.field", hasItems("quietHours.end"));
        Http.given().get(FEED + "/preferences").then().statusCode(401);
    }

    @Test
    void anEmailsUnsubscribeLinkSwitchesThatCategorysEmailOff() {
        Tutors.Approved tutor = Tutors.approved(jdbc);
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox(tutor.tutor().email()).stream()
                .anyMatch(m -> String.valueOf(m.get("subject")).contains("approved")));
        String body = outbox(tutor.tutor().email()).stream()
                .filter(m -> String.valueOf(m.get("subject")).contains("approved"))
                .findFirst()
                .map(m -> (String) m.get("body"))
                .orElseThrow();
        Matcher link =
                Pattern.compile("/api/v1/notifications/unsubscribe\\?(\\S+)").matcher(body);
        assertThat(link.find()).as(body).isTrue();
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : link.group(1).split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(query.get("category")).isEqualTo("TUTOR_PROFILE");

        Http.given()
                .queryParam("tenant", query.get("tenant"))
                .queryParam("token", "forged")
                .queryParam("category", "TUTOR_PROFILE")
                .post("/api/v1/notifications/unsubscribe")
                .then()
                .statusCode(404)
                .body("code", equalTo("notification.unsubscribe_invalid"));
        Http.given()
                .queryParams(query)
                .post("/api/v1/notifications/unsubscribe")
                .then()
                .statusCode(200)
                .body("email", equalTo(false));
        tutor.tutor()
                .api()
                .get(FEED + "/preferences")
                .then()
                .body("categories.find { it.category == 'TUTOR_PROFILE' }.email", equalTo(false))
                .body("categories.find { it.category == 'TUTOR_PROFILE' }.inApp", equalTo(true));
    }

    @Test
    void adminsPreviewEveryTemplateInEachLanguage() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        List<String> kinds = admin.api()
                .get("/api/v1/admin/notifications/templates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(kinds).contains("booking.requested", "reminder.hour", "message.received");
        // a whole list within the bound the API document states
        assertThat(kinds).hasSizeLessThanOrEqualTo(AdminNotificationController.MAX_KINDS);
        for (String kind : kinds) {
            for (String language : List.of("en", "fr")) {
                JsonNode preview = JsonAnswers.read(admin.api()
                        .queryParam("language", language)
                        .queryParam("timeZone", "Europe/Paris")
                        .get("/api/v1/admin/notifications/templates/" + kind + "/preview")
                        .then()
                        .statusCode(200)
                        .extract());
                for (String field : List.of("title", "body", "sms", "voice", "emailText", "emailHtml")) {
                    assertThat(JsonAnswers.string(preview, field))
                            .as(kind + " " + language + " " + field)
                            .isNotBlank()
                            .doesNotContain(kind + ".")
                            .doesNotContainPattern("\\{[a-zA-Z]+}");
                }
            }
        }
        admin.api()
                .queryParam("language", "fr")
                .get("/api/v1/admin/notifications/templates/booking.requested/preview")
                .then()
                .body("title", containsString("Nouvelle demande de cours"))
                .body("emailHtml", containsString("lang=\"fr\""));
        admin.api()
                .get("/api/v1/admin/notifications/templates/nope/preview")
                .then()
                .statusCode(404)
                .body("code", equalTo("notification.template_not_found"));
        admin.api()
                .queryParam("language", "de")
                .get("/api/v1/admin/notifications/templates/booking.requested/preview")
                .then()
                .statusCode(422)
                .body("code", equalTo("notification.language_unsupported"));
        Accounts.newUser("TUTOR")
                .api()
                .get("/api/v1/admin/notifications/templates")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
    }
}
