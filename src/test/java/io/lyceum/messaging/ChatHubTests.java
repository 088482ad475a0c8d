package io.lyceum.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.Accounts.SignedIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The realtime hub with a real WebSocket client (the JDK's): every frame, and the refusals. */
class ChatHubTests extends MessagingTestBase {

    @Test
    void membersJoinTalkTypeReadAndSeePresence() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        UUID earlier = sent(tutor, room, "Welcome!");

        try (var s = HubClient.authenticated(port, student.accessToken());
                var t = HubClient.authenticated(port, tutor.accessToken())) {
            JsonNode history = s.join(room);
            JsonNode joined = s.skipped.getLast();
            assertThat(joined.path("role").asString()).isEqualTo("member");
            assertThat(joined.path("conversationType").asString()).isEqualTo("STUDENT_TUTOR");
            assertThat(history.path("order").asString()).isEqualTo("newest_first");
            assertThat(history.path("messages").get(0).path("id").asString()).isEqualTo(earlier.toString());

            t.join(room);
            JsonNode presence = s.await("presence");
            assertThat(presence.path("event").asString()).isEqualTo("online");
            assertThat(presence.path("userId").asString())
                    .isEqualTo(tutor.userId().toString());

            s.send(Map.of(
                    "type",
                    "send",
                    "roomId",
                    room.toString(),
                    "clientId",
                    "opt-1",
                    "messageType",
                    "text",
                    "content",
                    Map.of("body", "Can we start with fractions?"),
                    "replyTo",
                    earlier.toString()));
            JsonNode ack = s.await("ack");
            assertThat(ack.path("clientId").asString()).isEqualTo("opt-1");
            assertThat(ack.path("seq").asLong()).isEqualTo(2);
            for (HubClient client : List.of(s, t)) {
                // the sender's own message may come before its ack: the fan-out and the ack race
                JsonNode message = client.awaitInAnyOrder("message").path("message");
                assertThat(message.path("clientId").asString()).isEqualTo("opt-1");
                assertThat(message.path("seq").asLong()).isEqualTo(2);
                assertThat(message.path("body").asString()).isEqualTo("Can we start with fractions?");
                assertThat(message.path("replyTo").path("preview").asString()).isEqualTo("Welcome!");
            }

            s.send(Map.of("type", "typing", "roomId", room.toString()));
            assertThat(t.await("typing").path("userId").asString())
                    .isEqualTo(student.userId().toString());
            s.send(Map.of("type", "stopTyping", "roomId", room.toString()));
            assertThat(t.await("stopTyping").path("userId").asString())
                    .isEqualTo(student.userId().toString());

            t.send(Map.of("type", "read", "roomId", room.toString(), "seq", 2));
            JsonNode read = s.await("read");
            assertThat(read.path("userId").asString()).isEqualTo(tutor.userId().toString());
            assertThat(read.path("seq").asLong()).isEqualTo(2);
            tutor.api().get(MESSAGES + "/unread/count").then().statusCode(200);
            assertThat(count(
                            "SELECT last_read_seq FROM conversation_reads WHERE conversation_id = :c AND user_id = :u",
                            Map.of("c", room, "u", tutor.userId())))
                    .isEqualTo(2);

            // REST sends, edits and deletes reach the sockets too
            UUID viaRest = sent(tutor, room, "From the API");
            assertThat(s.await("message").path("message").path("id").asString()).isEqualTo(viaRest.toString());
            tutor.api()
                    .contentType("application/json")
                    .body(Map.of("body", "From the API, edited"))
                    .patch(MESSAGES + "/" + viaRest)
                    .then()
                    .statusCode(200);
            assertThat(s.await("edited").path("message").path("body").asString())
                    .isEqualTo("From the API, edited");
            tutor.api().delete(MESSAGES + "/" + viaRest).then().statusCode(204);
            assertThat(s.await("deleted").path("message").path("deleted").asBoolean())
                    .isTrue();

            t.send(Map.of("type", "leave", "roomId", room.toString()));
            t.await("left");
            assertThat(s.await("presence").path("event").asString()).isEqualTo("offline");
            t.send(Map.of("type", "ping"));
            t.await("pong");
        }
    }

    @Test
    void aClientResumesFromTheLastSequenceItSaw() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        sent(tutor, room, "one");
        long lastSeen;
        try (var s = HubClient.authenticated(port, student.accessToken())) {
            lastSeen = s.join(room).path("messages").get(0).path("seq").asLong();
        }
        sent(tutor, room, "two");
        sent(tutor, room, "three");
        sent(tutor, room, "four");
        try (var s = HubClient.authenticated(port, student.accessToken())) {
            s.send(Map.of("type", "join", "roomId", room.toString(), "lastSeq", lastSeen));
            JsonNode history = s.await("history");
            assertThat(history.path("order").asString()).isEqualTo("oldest_first");
            List<String> bodies = new ArrayList<>();
            history.path("messages").forEach(m -> bodies.add(m.path("body").asString()));
            assertThat(bodies).containsExactly("two", "three", "four");
            sent(tutor, room, "five");
            assertThat(s.await("message").path("message").path("seq").asLong()).isEqualTo(5);
        }
    }

    @Test
    void cookieModeAuthenticatesTheUpgrade() {
        SignedIn student = student();
        try (var s = HubClient.connect(port, Map.of("Cookie", "lyceum_access=" + student.accessToken()))) {
            assertThat(s.await("authenticated").path("userId").asString())
                    .isEqualTo(student.userId().toString());
        }
        // from another site's page the cookie is ignored: the socket must authenticate itself
        try (var s = HubClient.connect(
                port, Map.of("Cookie", "lyceum_access=" + student.accessToken(), "Origin", "https://evil.example"))) {
            s.send(Map.of("type", "ping"));
            s.error("auth.required");
            assertThat(s.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void badTokensAndUnauthenticatedFramesCloseTheSocket() {
        try (var s = HubClient.connect(port)) {
            s.send(Map.of("type", "auth", "token", "forged.token.value"));
            s.error("auth.invalid_token");
            assertThat(s.awaitClose()).isEqualTo(4401);
        }
        try (var s = HubClient.connect(port)) {
            s.send(Map.of("type", "join", "roomId", UUID.randomUUID().toString()));
            s.error("auth.required");
            assertThat(s.awaitClose()).isEqualTo(4401);
        }
        SignedIn student = student();
        student.api().post("/api/v1/auth/logout").then().statusCode(204);
        try (var s = HubClient.connect(port)) {
            s.send(Map.of("type", "auth", "token", student.accessToken()));
            s.error("auth.invalid_token"); // the session was revoked
        }
    }

    @Test
    void badFramesGetErrorCodesStoreNothingAndRepeatOffendersAreDisconnected() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        SignedIn stranger = student();
        UUID room = conversation(student, tutor);

        try (var s = HubClient.authenticated(port, student.accessToken());
                var t = HubClient.authenticated(port, tutor.accessToken());
                var x = HubClient.authenticated(port, stranger.accessToken())) {
            t.join(room);
            x.send(Map.of("type", "join", "roomId", room.toString()));
            x.error("conversation.not_found");
            x.send(Map.of("type", "join", "roomId", UUID.randomUUID().toString()));
            x.error("conversation.not_found");

            s.send(Map.of("type", "send", "roomId", room.toString(), "content", Map.of("body", "hi")));
            s.error("room.not_joined");
            s.join(room);
            s.sendText("{not json");
            s.error("frame.malformed");
            s.send(Map.of("type", "dance"));
            s.error("frame.unknown_type");
            s.send(Map.of("type", "join", "roomId", "not-a-uuid"));
            s.error("frame.invalid");
            s.send(Map.of(
                    "type",
                    "send",
                    "roomId",
                    room.toString(),
                    "clientId",
                    "big",
                    "content",
                    Map.of("body", "x".repeat(65_537))));
            assertThat(s.error("message.too_large").path("clientId").asString()).isEqualTo("big");
            s.send(Map.of(
                    "type",
                    "send",
                    "roomId",
                    room.toString(),
                    "messageType",
                    "system",
                    "content",
                    Map.of("body", "x")));
            s.error("message.type_not_allowed");
            s.send(Map.of("type", "send", "roomId", room.toString(), "content", Map.of("body", "  ")));
            s.error("message.empty");
            assertThat(count("SELECT count(*) FROM chat_messages WHERE conversation_id = :c", Map.of("c", room)))
                    .isZero();

            for (int i = 0; i < 5; i++) {
                try {
                    s.send(Map.of("type", "dance"));
                } catch (java.util.concurrent.CompletionException closedByTheServer) {
                    break; // the hub may close the socket before the client has sent every offending frame
                }
            }
            assertThat(s.awaitClose()).isEqualTo(4429);
            // the others are unaffected
            t.send(Map.of("type", "send", "roomId", room.toString(), "content", Map.of("body", "still here")));
            assertThat(t.await("message").path("message").path("body").asString())
                    .isEqualTo("still here");
            assertThat(x.isOpen()).isTrue();
        }
    }

    @Test
    void floodsOverTheRateLimitAreRefused() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        try (var s = HubClient.authenticated(port, student.accessToken())) {
            s.join(room);
            for (int i = 0; i < 31; i++) {
                s.send(Map.of(
                        "type",
                        "send",
                        "roomId",
                        room.toString(),
                        "clientId",
                        "m" + i,
                        "content",
                        Map.of("body", "n" + i)));
            }
            assertThat(s.error("message.rate_limited").path("clientId").asString())
                    .isEqualTo("m30");
        }
        assertThat(count("SELECT count(*) FROM chat_messages WHERE conversation_id = :c", Map.of("c", room)))
                .isEqualTo(30);
    }

    @Test
    void viewersReadOnlyAndModerationReachesTheTarget() {
        SignedIn admin = admin();
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID notice = UUID.fromString(
                send(admin, Map.of("recipientId", student.userId().toString(), "body", "Notice"))
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("message.conversationId"));
        UUID room = conversation(student, tutor);

        try (var s = HubClient.authenticated(port, student.accessToken());
                var a = HubClient.authenticated(port, admin.accessToken())) {
            s.join(notice);
            assertThat(s.skipped.getLast().path("role").asString()).isEqualTo("viewer");
            s.send(Map.of("type", "send", "roomId", notice.toString(), "content", Map.of("body", "reply")));
            s.error("message.read_only");

            // an admin outside the room joins only with a reason, as a moderator
            a.send(Map.of("type", "join", "roomId", room.toString()));
            a.error("conversation.audited_access_required");
            a.send(Map.of("type", "join", "roomId", room.toString(), "accessReason", "Report 7"));
            assertThat(a.await("joined").path("role").asString()).isEqualTo("moderator");

            s.join(room);
            a.send(Map.of(
                    "type",
                    "silence",
                    "roomId",
                    room.toString(),
                    "userId",
                    student.userId().toString(),
                    "reason",
                    "cool down",
                    "duration",
                    300));
            a.await("moderated");
            assertThat(s.await("silenced").path("reason").asString()).isEqualTo("cool down");
            s.send(Map.of("type", "send", "roomId", room.toString(), "content", Map.of("body", "hey")));
            s.error("chat.silenced");
            a.send(Map.of(
                    "type",
                    "unsilence",
                    "roomId",
                    room.toString(),
                    "userId",
                    student.userId().toString()));
            s.await("unsilenced");

            a.send(Map.of(
                    "type",
                    "block",
                    "roomId",
                    room.toString(),
                    "userId",
                    student.userId().toString(),
                    "reason",
                    "abuse",
                    "duration",
                    0));
            assertThat(s.await("blocked").path("reason").asString()).isEqualTo("abuse");
            s.send(Map.of("type", "send", "roomId", room.toString(), "content", Map.of("body", "hey")));
            s.error("room.not_joined");
            s.send(Map.of("type", "join", "roomId", room.toString()));
            s.error("chat.blocked");
            a.send(Map.of(
                    "type",
                    "unblock",
                    "roomId",
                    room.toString(),
                    "userId",
                    student.userId().toString()));
            s.await("unblocked");
            s.join(room);

            // members cannot moderate
            s.send(Map.of(
                    "type",
                    "block",
                    "roomId",
                    room.toString(),
                    "userId",
                    tutor.userId().toString()));
            s.error("moderation.not_allowed");
        }
        admin.api()
                .get(MESSAGES + "/moderation-log?conversationId=" + room)
                .then()
                .statusCode(200)
                .body(
                        "content.action",
                        org.hamcrest.Matchers.contains("UNBLOCK", "BLOCK", "UNSILENCE", "SILENCE", "ADMIN_READ"));
    }

    @Test
    void healthShowsTheFanoutAndItsQueue(
            @org.springframework.beans.factory.annotation.Autowired MessagingHealth health) {
        var details = health.health().getDetails();
        assertThat(details).containsKeys("notificationQueueUsage", "listening", "connectedSockets");
        assertThat(details.get("listening")).isEqualTo(true);
        assertThat(((Number) details.get("notificationQueueUsage")).doubleValue())
                .isBetween(0.0, 1.0);
    }
}
