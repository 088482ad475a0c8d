package io.lyceum.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.http.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The messaging REST routes, each with its refusals. */
class MessagingApiTests extends MessagingTestBase {

    @Test
    void participantsExchangeMessagesAndNobodyElseSeesThem() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);

        UUID first = sent(student, room, "Hello, could we work on quadratic equations?");
        send(
                        tutor,
                        Map.of(
                                "conversationId",
                                room.toString(),
                                "body",
                                "Of course.",
                                "replyTo",
                                first.toString(),
                                "clientId",
                                "c-1"))
                .then()
                .statusCode(201)
                .body("message.seq", equalTo(2))
                .body("message.senderId", equalTo(tutor.userId().toString()))
                .body("message.messageType", equalTo("text"))
                .body("message.content.body", equalTo("Of course."))
                .body("message.replyTo.id", equalTo(first.toString()))
                .body("message.replyTo.preview", equalTo("Hello, could we work on quadratic equations?"))
                .body("message.clientId", equalTo("c-1"));

        student.api()
                .get(MESSAGES + "/threads/" + room)
                .then()
                .statusCode(200)
                .body("access", equalTo("member"))
                .body("messages.seq", contains(2, 1))
                .body("olderCursor", nullValue());

        SignedIn stranger = student();
        stranger.api()
                .get(MESSAGES + "/threads/" + room)
                .then()
                .statusCode(404)
                .body("code", equalTo("conversation.not_found"));
        send(stranger, room, "let me in").then().statusCode(404).body("code", equalTo("conversation.not_found"));
        stranger.api().get(MESSAGES + "/threads").then().statusCode(200).body("page.totalElements", equalTo(0));
        api().get(MESSAGES + "/threads").then().statusCode(401);
    }

    @Test
    void badMessagesAreRefusedWithCodesAndNothingIsStored() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        UUID other = conversation(student(), tutor);
        UUID foreign = sent(tutor, other, "elsewhere");

        send(student, room, "   ").then().statusCode(422).body("code", equalTo("message.empty"));
        send(student, room, "x".repeat(65_537)).then().statusCode(413).body("code", equalTo("message.too_large"));
        send(student, Map.of("conversationId", room.toString(), "body", "hi", "type", "system"))
                .then()
                .statusCode(422)
                .body("code", equalTo("message.type_not_allowed"));
        send(student, Map.of("conversationId", room.toString(), "body", "hi", "type", "warning"))
                .then()
                .statusCode(403)
                .body("code", equalTo("message.type_not_allowed"));
        send(student, Map.of("conversationId", room.toString(), "body", "hi", "type", "shout"))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        send(student, Map.of("conversationId", room.toString(), "body", "hi", "replyTo", foreign.toString()))
                .then()
                .statusCode(422)
                .body("code", equalTo("message.reply_not_found"));
        send(student, Map.of("body", "to nobody"))
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        send(student, UUID.randomUUID(), "lost").then().statusCode(404).body("code", equalTo("conversation.not_found"));
        student.api()
                .contentType("application/json")
                .body("{not json")
                .post(MESSAGES)
                .then()
                .statusCode(400)
                .body("code", equalTo("request.malformed_body"));

        assertThat(count("SELECT count(*) FROM chat_messages WHERE conversation_id = :c", Map.of("c", room)))
                .isZero();
    }

    @Test
    void aStudentReadsTheAdminNoticeChannelButCannotReply() {
        SignedIn admin = admin();
        SignedIn student = student();
        UUID room = UUID.fromString(send(
                        admin,
                        Map.of(
                                "recipientId", student.userId().toString(),
                                "type", "warning",
                                "severity", "critical",
                                "resolutionType", "warn",
                                "body", "Please keep lessons on the platform."))
                .then()
                .statusCode(201)
                .body("message.messageType", equalTo("warning"))
                .body("message.content.severity", equalTo("critical"))
                .body("message.content.resolutionType", equalTo("warn"))
                .extract()
                .path("message.conversationId"));

        student.api()
                .get(MESSAGES + "/threads")
                .then()
                .statusCode(200)
                .body("content[0].conversation.type", equalTo("ADMIN_STUDENT"))
                .body("content[0].unreadCount", equalTo(1));
        student.api().get(MESSAGES + "/threads/" + room).then().statusCode(200).body("access", equalTo("viewer"));
        send(student, room, "But why?").then().statusCode(403).body("code", equalTo("message.read_only"));

        // a second message to the same student goes to the same channel
        send(admin, Map.of("recipientId", student.userId().toString(), "body", "Thank you."))
                .then()
                .statusCode(201)
                .body("message.conversationId", equalTo(room.toString()));
        // the facade's warnings too
        UUID viaFacade = TenantContext.callAs(
                tenant(),
                () -> messagingApi.sendWarning(
                        admin.userId(), UserId.of(student.userId()), "Final notice", WarningSeverity.INFO, null, null));
        assertThat(count(
                        "SELECT count(*) FROM chat_messages WHERE id = :id AND conversation_id = :c",
                        Map.of("id", viaFacade, "c", room)))
                .isEqualTo(1);
        // admins write to students and tutors only
        send(admin, Map.of("recipientId", guardian().userId().toString(), "body", "hello"))
                .then()
                .statusCode(422)
                .body("code", equalTo("message.recipient_invalid"));
    }

    @Test
    void adminTutorConversationsGoBothWays() {
        SignedIn admin = admin();
        SignedIn tutor = tutor();
        UUID room =
                UUID.fromString(send(admin, Map.of("recipientId", tutor.userId().toString(), "body", "Hi"))
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("message.conversationId"));
        send(tutor, room, "Hello admin").then().statusCode(201);
        tutor.api().get(MESSAGES + "/threads/" + room).then().body("messages", hasSize(2));
    }

    @Test
    void firstContactNeedsTheTenantsPermission() {
        SignedIn admin = admin();
        SignedIn student = student();
        SignedIn tutor = tutor();
        Map<String, Object> first = Map.of("recipientId", tutor.userId().toString(), "body", "Are you available?");
        send(student, first).then().statusCode(403).body("code", equalTo("conversation.first_contact_not_allowed"));
        send(tutor, Map.of("recipientId", student.userId().toString(), "body", "I teach maths"))
                .then()
                .statusCode(403)
                .body("code", equalTo("conversation.first_contact_not_allowed"));
        send(student, Map.of("recipientId", UUID.randomUUID().toString(), "body", "?"))
                .then()
                .statusCode(404)
                .body("code", equalTo("user.not_found"));
        settings(admin, Map.of("firstContactAllowed", true));
        try {
            String room = send(student, first).then().statusCode(201).extract().path("message.conversationId");
            // one conversation per pair and type: the second first message lands in the same one
            send(student, first).then().statusCode(201).body("message.conversationId", equalTo(room));
            tutor.api().get(MESSAGES + "/threads").then().body("content[0].conversation.id", equalTo(room));
        } finally {
            settings(admin, Map.of("firstContactAllowed", false));
        }
        student().api().get(MESSAGES + "/settings").then().statusCode(403).body("code", equalTo("auth.forbidden"));
    }

    @Test
    void openingIsIdempotentUnderParallelCalls() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        List<UUID> ids = Parallel.run(8, i -> conversation(student, tutor));
        assertThat(ids).containsOnly(ids.getFirst());
    }

    @Test
    void threadsAreSortedByLatestMessageWithUnreadCounts() {
        SignedIn student = student();
        SignedIn tutorA = tutor();
        SignedIn tutorB = tutor();
        UUID a = conversation(student, tutorA);
        UUID b = conversation(student, tutorB);
        sent(tutorA, a, "one");
        sent(tutorA, a, "two");
        sent(tutorB, b, "three");
        sent(student, b, "mine");

        student.api()
                .get(MESSAGES + "/threads")
                .then()
                .statusCode(200)
                .body("content.conversation.id", contains(b.toString(), a.toString()))
                .body("content.unreadCount", contains(1, 2))
                .body("content[0].conversation.lastMessagePreview", equalTo("mine"));
        student.api()
                .get(MESSAGES + "/unread/count")
                .then()
                .statusCode(200)
                .body("unread", equalTo(3))
                .body("conversations", equalTo(2));
        student.api()
                .patch(MESSAGES + "/threads/" + a + "/read-all")
                .then()
                .statusCode(200)
                .body("lastReadSeq", equalTo(2));
        student.api().get(MESSAGES + "/unread/count").then().body("unread", equalTo(1));
        student.api()
                .get(MESSAGES + "/threads?size=1&sort=name,asc")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
        tutor().api()
                .patch(MESSAGES + "/threads/" + a + "/read-all")
                .then()
                .statusCode(404)
                .body("code", equalTo("conversation.not_found"));
    }

    @Test
    void readMarksMoveForwardOnly() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        UUID m1 = sent(tutor, room, "a");
        UUID m2 = sent(tutor, room, "b");
        UUID m3 = sent(tutor, room, "c");
        student.api()
                .patch(MESSAGES + "/" + m2 + "/read")
                .then()
                .statusCode(200)
                .body("lastReadSeq", equalTo(2));
        student.api()
                .patch(MESSAGES + "/" + m1 + "/read")
                .then()
                .statusCode(200)
                .body("lastReadSeq", equalTo(2));
        student.api().get(MESSAGES + "/unread/count").then().body("unread", equalTo(1));
        student.api().patch(MESSAGES + "/" + m3 + "/read").then().body("lastReadSeq", equalTo(3));
        student()
                .api()
                .patch(MESSAGES + "/" + m3 + "/read")
                .then()
                .statusCode(404)
                .body("code", equalTo("message.not_found"));
        student.api()
                .patch(MESSAGES + "/" + UUID.randomUUID() + "/read")
                .then()
                .statusCode(404)
                .body("code", equalTo("message.not_found"));
    }

    @Test
    void historyPagesByCursorBothWays() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        for (int i = 1; i <= 7; i++) {
            sent(i % 2 == 0 ? tutor : student, room, "message " + i);
        }
        Response newest = student.api().get(MESSAGES + "/threads/" + room + "?limit=3");
        newest.then().statusCode(200).body("messages.seq", contains(7, 6, 5)).body("olderCursor", equalTo(5));
        student.api()
                .get(MESSAGES + "/threads/" + room + "?limit=3&before=5")
                .then()
                .body("messages.seq", contains(4, 3, 2))
                .body("olderCursor", equalTo(2))
                .body("newerCursor", equalTo(4));
        student.api()
                .get(MESSAGES + "/threads/" + room + "?limit=3&before=2")
                .then()
                .body("messages.seq", contains(1))
                .body("olderCursor", nullValue());
        student.api()
                .get(MESSAGES + "/threads/" + room + "?limit=2&after=4")
                .then()
                .body("messages.seq", contains(6, 5))
                .body("newerCursor", equalTo(6));
        student.api()
                .get(MESSAGES + "/threads/" + room + "?limit=0")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
        student.api()
                .get(MESSAGES + "/threads/" + room + "?before=3&after=1")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.invalid_cursor"));
    }

    @Test
    void theSenderEditsWithinFifteenMinutesAndTheHistoryIsKept() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        UUID id = sent(student, room, "See you on Tuesday");

        student.api()
                .contentType("application/json")
                .body(Map.of("body", "See you on Wednesday"))
                .patch(MESSAGES + "/" + id)
                .then()
                .statusCode(200)
                .body("message.body", equalTo("See you on Wednesday"))
                .body("message.content.body", equalTo("See you on Wednesday"))
                .body("message.editedAt", notNullValue());
        tutor.api()
                .get(MESSAGES + "/" + id + "/edits")
                .then()
                .statusCode(200)
                .body("content.previousBody", contains("See you on Tuesday"))
                .body("page.totalElements", equalTo(1));
        tutor.api()
                .contentType("application/json")
                .body(Map.of("body", "hijack"))
                .patch(MESSAGES + "/" + id)
                .then()
                .statusCode(403)
                .body("code", equalTo("message.not_sender"));
        student()
                .api()
                .contentType("application/json")
                .body(Map.of("body", "hijack"))
                .patch(MESSAGES + "/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("message.not_found"));
        student.api()
                .contentType("application/json")
                .body(Map.of("body", " "))
                .patch(MESSAGES + "/" + id)
                .then()
                .statusCode(422)
                .body("code", equalTo("message.empty"));

        testClock.advance(Duration.ofMinutes(16)); // past the 15-minute edit window
        student.api()
                .contentType("application/json")
                .body(Map.of("body", "too late"))
                .patch(MESSAGES + "/" + id)
                .then()
                .statusCode(409)
                .body("code", equalTo("message.edit_window_closed"));
    }

    @Test
    void deletesAreSoftOwnOrAdmin() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        SignedIn admin = admin();
        UUID room = conversation(student, tutor);
        UUID mine = sent(student, room, "oops");
        UUID theirs = sent(tutor, room, "rude words");

        student.api()
                .delete(MESSAGES + "/" + theirs)
                .then()
                .statusCode(403)
                .body("code", equalTo("message.not_sender"));
        student()
                .api()
                .delete(MESSAGES + "/" + theirs)
                .then()
                .statusCode(404)
                .body("code", equalTo("message.not_found"));
        student.api().delete(MESSAGES + "/" + mine).then().statusCode(204);
        student.api().delete(MESSAGES + "/" + mine).then().statusCode(204);
        admin.api().delete(MESSAGES + "/" + theirs).then().statusCode(204);

        tutor.api()
                .get(MESSAGES + "/threads/" + room)
                .then()
                .body("messages.deleted", contains(true, true))
                .body("messages.body", contains(nullValue(), nullValue()))
                .body("messages.seq", contains(2, 1));
        student.api()
                .contentType("application/json")
                .body(Map.of("body", "undo"))
                .patch(MESSAGES + "/" + mine)
                .then()
                .statusCode(409)
                .body("code", equalTo("message.deleted"));
        admin.api()
                .get(MESSAGES + "/moderation-log?conversationId=" + room)
                .then()
                .statusCode(200)
                .body("content.action", contains("DELETE_MESSAGE"));
    }

    @Test
    void searchFindsWordsInTheCallersConversationsOnly() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        String word = "zebra" + UUID.randomUUID().toString().substring(0, 6);
        sent(tutor, room, "Bring your " + word + " notebook");
        sent(student, room, "Which notebook?");
        UUID elsewhere = conversation(student(), tutor());
        TenantContext.runAs(tenant(), () -> {});
        student.api()
                .queryParam("q", word)
                .get(MESSAGES + "/search")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].body", containsString(word));
        student()
                .api()
                .queryParam("q", word)
                .get(MESSAGES + "/search")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(0));
        student.api()
                .get(MESSAGES + "/search")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));
        assertThat(elsewhere).isNotNull();
    }

    @Test
    void contactDetailsAreMaskedUntilTheFirstPaidLesson() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        send(student, room, "Mail me at jo.smith@example.com or call +44 7700 900123, see www.jo-tutoring.com")
                .then()
                .statusCode(201)
                .body("message.masked", equalTo(true))
                .body("message.body", not(containsString("@")))
                .body("message.body", not(containsString("7700")))
                .body("message.body", not(containsString("jo-tutoring")))
                .body("notice", containsString("first paid lesson"));
        send(student, room, "Lesson at 5pm, page 12").then().body("message.masked", equalTo(false));

        paidLesson(student, tutor);
        send(student, room, "Now: jo.smith@example.com")
                .then()
                .statusCode(201)
                .body("message.masked", equalTo(false))
                .body("message.body", containsString("jo.smith@example.com"))
                .body("notice", nullValue());
        // admin channels are never masked
        SignedIn admin = admin();
        send(admin, Map.of("recipientId", tutor.userId().toString(), "body", "Call me on 020 7946 0000"))
                .then()
                .body("message.masked", equalTo(false));
    }

    @Test
    void guardiansReadTheirLinkedStudentsConversationsButCannotWrite() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        SignedIn guardian = guardian();
        SignedIn otherGuardian = guardian();
        link(guardian, student);
        UUID room = conversation(student, tutor);
        sent(tutor, room, "Homework: chapter 3");

        guardian.api()
                .get(MESSAGES + "/threads/" + room)
                .then()
                .statusCode(200)
                .body("access", equalTo("guardian"))
                .body("messages[0].body", equalTo("Homework: chapter 3"));
        guardian.api().get(MESSAGES + "/threads").then().body("content[0].conversation.id", equalTo(room.toString()));
        send(guardian, room, "Thanks!").then().statusCode(403).body("code", equalTo("message.read_only"));
        otherGuardian
                .api()
                .get(MESSAGES + "/threads/" + room)
                .then()
                .statusCode(404)
                .body("code", equalTo("conversation.not_found"));

        SignedIn admin = admin();
        settings(admin, Map.of("guardiansReadMinors", false));
        try {
            guardian.api()
                    .get(MESSAGES + "/threads/" + room)
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("conversation.not_found"));
        } finally {
            settings(admin, Map.of("guardiansReadMinors", true));
        }
    }

    @Test
    void adminsReadOthersConversationsOnlyThroughAnAuditedAction() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        SignedIn admin = admin();
        UUID room = conversation(student, tutor);
        sent(student, room, "hello");

        admin.api()
                .get(MESSAGES + "/threads/" + room)
                .then()
                .statusCode(403)
                .body("code", equalTo("conversation.audited_access_required"));
        admin.api()
                .queryParam("accessReason", "Complaint 42: checking for off-platform payment requests")
                .get(MESSAGES + "/threads/" + room)
                .then()
                .statusCode(200)
                .body("access", equalTo("moderator"))
                .body("messages", hasSize(1));
        send(admin, room, "I am here").then().statusCode(403).body("code", equalTo("message.read_only"));
        admin.api()
                .get(MESSAGES + "/moderation-log?conversationId=" + room)
                .then()
                .statusCode(200)
                .body("content.action", contains("ADMIN_READ"))
                .body("content[0].actorId", equalTo(admin.userId().toString()))
                .body("content[0].reason", containsString("Complaint 42"));
        student.api().get(MESSAGES + "/moderation-log").then().statusCode(403).body("code", equalTo("auth.forbidden"));
    }

    @Test
    void moderationBlocksAndSilencesWithDurations() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        SignedIn admin = admin();
        UUID room = conversation(student, tutor);
        String path = MESSAGES + "/threads/" + room + "/moderation";

        admin.api()
                .contentType("application/json")
                .body(Map.of(
                        "action", "silence", "userId", student.userId().toString(), "reason", "spam", "duration", 600))
                .post(path)
                .then()
                .statusCode(204);
        send(student, room, "still here?").then().statusCode(403).body("code", equalTo("chat.silenced"));
        send(tutor, room, "I can talk").then().statusCode(201);
        admin.api()
                .contentType("application/json")
                .body(Map.of("action", "unsilence", "userId", student.userId().toString()))
                .post(path)
                .then()
                .statusCode(204);
        send(student, room, "back").then().statusCode(201);
        admin.api()
                .contentType("application/json")
                .body(Map.of("action", "unsilence", "userId", student.userId().toString()))
                .post(path)
                .then()
                .statusCode(409)
                .body("code", equalTo("moderation.not_restricted"));
        admin.api()
                .contentType("application/json")
                .body(Map.of("action", "block", "userId", student.userId().toString(), "duration", 0))
                .post(path)
                .then()
                .statusCode(204);
        send(student, room, "blocked?").then().statusCode(403).body("code", equalTo("chat.blocked"));
        admin.api()
                .contentType("application/json")
                .body(Map.of("action", "ban", "userId", student.userId().toString()))
                .post(path)
                .then()
                .statusCode(422)
                .body("code", equalTo("moderation.invalid_action"));
        admin.api()
                .contentType("application/json")
                .body(Map.of("action", "block", "userId", UUID.randomUUID().toString()))
                .post(path)
                .then()
                .statusCode(422)
                .body("code", equalTo("moderation.target_not_member"));
        admin.api()
                .contentType("application/json")
                .body(Map.of("action", "block", "userId", tutor.userId().toString(), "duration", -1))
                .post(path)
                .then()
                .statusCode(422)
                .body("code", equalTo("moderation.invalid_duration"));
        tutor.api()
                .contentType("application/json")
                .body(Map.of("action", "block", "userId", student.userId().toString()))
                .post(path)
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        admin.api()
                .get(MESSAGES + "/moderation-log?conversationId=" + room)
                .then()
                .body("content.action", contains("BLOCK", "UNSILENCE", "SILENCE"));

        // an expired silence no longer applies
        admin.api()
                .contentType("application/json")
                .body(Map.of("action", "silence", "userId", tutor.userId().toString(), "duration", 60))
                .post(path)
                .then()
                .statusCode(204);
        testClock.advance(Duration.ofSeconds(61));
        send(tutor, room, "free again").then().statusCode(201);
    }

    @Test
    void closedConversationsAreReadOnly() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        SignedIn admin = admin();
        UUID room = conversation(student, tutor);
        sent(student, room, "before");
        student.api()
                .patch(MESSAGES + "/threads/" + room + "/close")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        admin.api()
                .patch(MESSAGES + "/threads/" + room + "/close")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));
        send(student, room, "after").then().statusCode(409).body("code", equalTo("conversation.closed"));
        student.api().get(MESSAGES + "/threads/" + room).then().statusCode(200).body("messages", hasSize(1));
    }

    @Test
    void thirtyMessagesAMinuteEvenInParallel() {
        SignedIn student = student();
        SignedIn tutor = tutor();
        UUID room = conversation(student, tutor);
        List<Integer> statuses =
                Parallel.run(40, i -> send(student, room, "flood " + i).statusCode());
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(30);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(10);
        send(student, room, "one more")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("message.rate_limited"));
        assertThat(count("SELECT count(*) FROM chat_messages WHERE conversation_id = :c", Map.of("c", room)))
                .isEqualTo(30);
        // sequences have no gaps and no duplicates
        assertThat(count("SELECT max(seq) FROM chat_messages WHERE conversation_id = :c", Map.of("c", room)))
                .isEqualTo(30);
    }
}
