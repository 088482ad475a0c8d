package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/webhooks/lessonspace: the signature is checked on the raw body before parsing, each event id counts
 * once, and session.end lands on the booking whose space it names, in whichever tenant that is.
 */
class LessonspaceWebhookTests extends ApiTestBase {

    private static final String SECRET = "test-lessonspace-webhook-secret";
    private static final String URL = "/api/v1/webhooks/lessonspace";

    private UUID booking;
    private String space;
    private UUID tutorId;
    private UUID studentId;

    @BeforeEach
    void aBookingWithALessonspaceRoom() {
        tutorId = Accounts.newUser("TUTOR").userId();
        studentId = Accounts.newUser("STUDENT").userId();
        booking = SqlBookings.insert(
                jdbc,
                tutorId,
                studentId,
                BookingState.CONFIRMED,
                Instant.now().minus(Duration.ofMinutes(70)),
                Duration.ofHours(1));
        space = "lyceum-" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        attachSpace(TenantId.DEFAULT, booking, space);
    }

    private void attachSpace(TenantId tenant, UUID bookingId, String spaceId) {
        TenantContext.runAs(tenant, () -> {
            jdbc.sql("""
                            UPDATE bookings SET meeting_provider = 'lessonspace', meeting_room = :room WHERE id = :id
                            """).param("room", spaceId).param("id", bookingId).update();
            jdbc.sql("""
                            INSERT INTO lesson_room_directory (provider, room_id, tenant_id, booking_id, created_at)
                            VALUES ('lessonspace', :room, :t, :id, now())
                            """)
                    .param("room", spaceId)
                    .param("t", tenant.value())
                    .param("id", bookingId)
                    .update();
        });
    }

    private static String sessionEnd(String eventId, String spaceId, String recording) {
        return """
                {"id": "%s", "type": "session.end", "created_at": "2026-11-21T10:00:00Z",
                 "data": {"space": {"id": "%s"},
                          "session": {"id": "sess-1", "started_at": "2026-11-21T09:00:05Z",
                                      "ended_at": "2026-11-21T09:58:00Z", "recording_url": "%s"},
                          "participants": [
                             {"user_id": "t-1", "name": "Tess Tutor", "leader": true,
                              "joined_at": "2026-11-21T09:00:05Z", "left_at": "2026-11-21T09:58:00Z"},
                             {"user_id": "s-1", "name": "Sam Student", "leader": false,
                              "joined_at": "2026-11-21T09:02:00Z", "left_at": "2026-11-21T09:57:30Z"}]}}
                """.formatted(eventId, spaceId, recording);
    }

    private static Response deliver(String body, String signature) {
        var request = Http.given()
                .accept("application/json, application/problem+json")
                .contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request = request.header("X-Lessonspace-Signature", signature);
        }
        return request.post(URL);
    }

    private static Response signedNow(String body) {
        return deliver(body, sign(body, Instant.now().getEpochSecond()));
    }

    private static String sign(String body, long at) {
        return WebhookSignature.header(SECRET, at, body.getBytes(StandardCharsets.UTF_8));
    }

    private String recording() {
        return SqlBookings.column(jdbc, TenantId.DEFAULT, booking, "recording_url", String.class);
    }

    private String attendance() {
        return SqlBookings.column(jdbc, TenantId.DEFAULT, booking, "attendance::text", String.class);
    }

    private long sessions() {
        return TenantContext.callAs(TenantId.DEFAULT, () -> jdbc.sql(
                        "SELECT coalesce(jsonb_array_length(attendance->'sessions'), 0) FROM bookings "
                                + "WHERE id = :id")
                .param("id", booking)
                .query(Long.class)
                .single());
    }

    @Test
    void aSignedSessionEndStoresTheRecordingAndAttendance() {
        String event = "evt-" + UUID.randomUUID();
        signedNow(sessionEnd(event, space, "https://recordings.example.com/r/1"))
                .then()
                .statusCode(200)
                .body("status", equalTo("applied"));

        assertThat(recording()).isEqualTo("https://recordings.example.com/r/1");
        var participants = TenantContext.callAs(
                TenantId.DEFAULT,
                () -> jdbc.sql("""
                                SELECT p->>'name' AS name, p->>'joinedAt' AS joined, p->>'leftAt' AS left_at,
                                       (p->>'leader')::boolean AS leader
                                  FROM bookings, jsonb_array_elements(attendance->'sessions'->0->'participants') p
                                 WHERE id = :id ORDER BY name
                                """).param("id", booking).query().listOfRows());
        assertThat(participants).hasSize(2);
        assertThat(participants.get(0))
                .containsEntry("name", "Sam Student")
                .containsEntry("joined", "2026-11-21T09:02:00Z")
                .containsEntry("left_at", "2026-11-21T09:57:30Z")
                .containsEntry("leader", false);
        assertThat(participants.get(1)).containsEntry("name", "Tess Tutor").containsEntry("leader", true);
        assertThat(attendance())
                .contains("\"sessionId\": \"sess-1\"")
                .contains("\"endedAt\": \"2026-11-21T09:58:00Z\"");

        // a second session (the room was reopened) is appended; the newest recording wins
        signedNow(sessionEnd("evt-" + UUID.randomUUID(), space, "https://recordings.example.com/r/2"))
                .then()
                .statusCode(200)
                .body("status", equalTo("applied"));
        assertThat(sessions()).isEqualTo(2);
        assertThat(recording()).isEqualTo("https://recordings.example.com/r/2");
    }

    @Test
    void aReplayedEventChangesNothing() {
        String body = sessionEnd("evt-" + UUID.randomUUID(), space, "https://recordings.example.com/r/9");
        String signature = sign(body, Instant.now().getEpochSecond());
        deliver(body, signature).then().statusCode(200).body("status", equalTo("applied"));
        deliver(body, signature).then().statusCode(200).body("status", equalTo("duplicate"));
        // the same event id signed afresh is still the same event
        signedNow(body).then().statusCode(200).body("status", equalTo("duplicate"));
        assertThat(sessions()).isEqualTo(1);
    }

    @Test
    void forgedSignaturesAreRefusedBeforeAnythingHappens() {
        String body = sessionEnd("evt-" + UUID.randomUUID(), space, "https://evil.example.com/r");
        long now = Instant.now().getEpochSecond();
        // signed with another secret
        deliver(body, WebhookSignature.header("not-the-secret", now, body.getBytes(StandardCharsets.UTF_8)))
                .then()
                .statusCode(401)
                .body("code", equalTo("webhook.invalid_signature"));
        // a valid signature of another body
        deliver(body, sign(body.replace("evil", "good"), now))
                .then()
                .statusCode(401)
                .body("code", equalTo("webhook.invalid_signature"));
        // the timestamp is part of what is signed
        deliver(body, sign(body, now).replace("t=" + now, "t=" + (now - 1)))
                .then()
                .statusCode(401);
        deliver(body, null).then().statusCode(401).body("code", equalTo("webhook.invalid_signature"));
        deliver(body, "garbage").then().statusCode(401);
        deliver(body, "t=abc,v1=zz").then().statusCode(401);
        // a forged body that is not even JSON is refused as unsigned, not as malformed: nothing was parsed
        deliver("{not json", "t=" + now + ",v1=00").then().statusCode(401);
        assertThat(recording()).isNull();
        assertThat(attendance()).isNull();
    }

    @Test
    void anOversizedBodyIsRefusedUnread() {
        String huge = "{\"id\": \"evt-big\", \"type\": \"x\", \"pad\": \"" + "x".repeat(300 * 1024) + "\"}";
        signedNow(huge).then().statusCode(413).body("code", equalTo("webhook.too_large"));
    }

    @Test
    void aStaleSignatureIsRefused() {
        String body = sessionEnd("evt-" + UUID.randomUUID(), space, "https://recordings.example.com/r/3");
        long sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond();
        deliver(body, sign(body, sixMinutesAgo))
                .then()
                .statusCode(401)
                .body("code", equalTo("webhook.stale_signature"));
        long sixMinutesAhead = Instant.now().plus(Duration.ofMinutes(6)).getEpochSecond();
        deliver(body, sign(body, sixMinutesAhead)).then().statusCode(401);
        deliver(body, sign(body, Instant.now().minus(Duration.ofMinutes(4)).getEpochSecond()))
                .then()
                .statusCode(200);
    }

    @Test
    void aSignedButMalformedEventIs400() {
        signedNow("{not json").then().statusCode(400).body("code", equalTo("webhook.malformed"));
        signedNow("[1, 2]").then().statusCode(400).body("code", equalTo("webhook.malformed"));
        signedNow("{\"type\": \"session.end\"}").then().statusCode(400);
        signedNow("{\"id\": \"evt-" + UUID.randomUUID() + "\", \"type\": \"session.end\", \"data\": {}}")
                .then()
                .statusCode(400);
        signedNow(sessionEnd("evt-" + UUID.randomUUID(), space, "javascript:alert(1)"))
                .then()
                .statusCode(400)
                .body("code", equalTo("webhook.malformed"));
        signedNow(sessionEnd("evt-" + UUID.randomUUID(), space, "https://r.example.com/x")
                        .replace("2026-11-21T09:02:00Z", "yesterday"))
                .then()
                .statusCode(400);
        assertThat(recording()).isNull();
    }

    @Test
    void unknownSpacesAndOtherEventTypesAreAcknowledgedAndIgnored() {
        signedNow(sessionEnd("evt-" + UUID.randomUUID(), "lyceum-nosuchspace", "https://r.example.com/1"))
                .then()
                .statusCode(200)
                .body("status", equalTo("unknown_room"));
        signedNow("{\"id\": \"evt-" + UUID.randomUUID() + "\", \"type\": \"session.start\", \"data\": {}}")
                .then()
                .statusCode(200)
                .body("status", equalTo("ignored"));
        assertThat(recording()).isNull();
    }

    @Test
    void theSpaceFindsItsTenantWithoutAnyTenantHeader() {
        String slug = Tenants.uniqueSlug("hooks");
        Tenants.newTenantWithOwner(slug);
        TenantId other = Tenants.idOf(jdbc, slug);
        UUID tutor = Accounts.newUser("TUTOR", slug).userId();
        UUID student = Accounts.newUser("STUDENT", slug).userId();
        UUID theirs = SqlBookings.insert(
                jdbc,
                other,
                tutor,
                student,
                student,
                BookingState.COMPLETED,
                Instant.now().minus(Duration.ofHours(3)),
                Duration.ofHours(1));
        String theirSpace = "lyceum-other-" + UUID.randomUUID();
        attachSpace(other, theirs, theirSpace);

        signedNow(sessionEnd("evt-" + UUID.randomUUID(), theirSpace, "https://r.example.com/other"))
                .then()
                .statusCode(200)
                .body("status", equalTo("applied"));
        assertThat(SqlBookings.column(jdbc, other, theirs, "recording_url", String.class))
                .isEqualTo("https://r.example.com/other");
        assertThat(recording()).as("the default tenant's booking is untouched").isNull();
        var stored = jdbc.sql("SELECT tenant_id, booking_id, outcome FROM lessonspace_webhook_events "
                        + "WHERE booking_id = :b")
                .param("b", theirs)
                .query()
                .singleRow();
        assertThat(stored).containsEntry("tenant_id", other.value()).containsEntry("outcome", "APPLIED");
    }
}
