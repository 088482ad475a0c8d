package io.lyceum.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.lyceum.shared.UserId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Voice through the Vapi sandbox: calls follow Vapi's lifecycle by test number, its signed server messages reach our
 * endpoint and fill the call log (outcome, transcript = the script), {@link CallCompleted} is published; forged, stale
 * and replayed messages are refused; inbound calls get an assistant that knows the caller by verified mobile, whose
 * tool calls act as that caller under the booking rules (a late cancellation pays the policy's fee).
 */
class VoiceCallTests extends TelephonyTestBase {

    private static final String SCRIPT = "Your lesson starts in one hour and is not confirmed yet.";
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    TelephonyApi telephony;

    @Autowired
    RecordedTelephonyEvents recorded;

    private CallCompleted call(String to, UUID userId) {
        String reference = "call-" + UUID.randomUUID();
        CallResult result = telephony.placeCall(
                new OutgoingCall(tenant().value(), userId == null ? null : UserId.of(userId), to, SCRIPT, reference));
        assertThat(result.status()).as(to).isEqualTo(DeliveryStatus.queued);
        assertThat(result.callId()).as(to).isNotBlank();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> recorded.calls(reference).size() == 1);
        CallCompleted completed = recorded.calls(reference).getFirst();
        assertThat(completed.callId()).isEqualTo(result.callId());
        return completed;
    }

    @Test
    void callsFollowVapisLifecycleByTestNumber() {
        CallCompleted answered = call(freshNumber(), null);
        assertThat(answered.outcome()).isEqualTo("completed");
        assertThat(answered.transcript()).isEqualTo("AI: " + SCRIPT);
        assertThat(log(answered.callId()))
                .containsEntry("status", "completed")
                .containsEntry("ended_reason", "customer-ended-call");

        CallCompleted noAnswer = call(SandboxCallProvider.NO_ANSWER, null);
        assertThat(noAnswer.outcome()).isEqualTo("no_answer");
        assertThat(noAnswer.transcript()).isEmpty();

        assertThat(call(SandboxCallProvider.BUSY, null).outcome()).isEqualTo("busy");

        CallCompleted voicemail = call(SandboxCallProvider.VOICEMAIL, null);
        assertThat(voicemail.outcome()).isEqualTo("voicemail");
        assertThat(voicemail.transcript()).isEqualTo("AI: " + SCRIPT);

        CallResult invalid = telephony.placeCall(
                new OutgoingCall(tenant().value(), null, SandboxCallProvider.INVALID, SCRIPT, "call-invalid"));
        assertThat(invalid.status()).isEqualTo(DeliveryStatus.failed);
        assertThat(invalid.errorCode()).isEqualTo("http_400");
        assertThat(invalid.callId()).isNull();
    }

    @Test
    void usersSeeTheirOwnCallsAndAdminsTheTenants() {
        SignedIn student = Accounts.newUser("STUDENT");
        SignedIn stranger = Accounts.newUser("STUDENT");
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        CallCompleted completed = call(freshNumber(), student.userId());
        String id = student.api()
                .get("/api/v1/calls")
                .then()
                .statusCode(200)
                .body("content[0].callId", equalTo(completed.callId()))
                .body("content[0].outcome", equalTo("completed"))
                .body("content[0].transcript", equalTo("AI: " + SCRIPT))
                .body("content[0].direction", equalTo("OUTBOUND"))
                .body("page.totalElements", equalTo(1))
                .extract()
                .path("content[0].id");
        student.api().get("/api/v1/calls/" + id).then().statusCode(200).body("script", equalTo(SCRIPT));
        stranger.api().get("/api/v1/calls/" + id).then().statusCode(404).body("code", equalTo("call.not_found"));
        stranger.api().get("/api/v1/calls").then().statusCode(200).body("page.totalElements", equalTo(0));
        stranger.api().get("/api/v1/admin/calls").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        stranger.api().get("/api/v1/admin/sms").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        admin.api().get("/api/v1/calls/" + id).then().statusCode(200);
        admin.api()
                .queryParam("userId", student.userId().toString())
                .get("/api/v1/admin/calls")
                .then()
                .statusCode(200)
                .body("content.id", contains(id));
        String texted = freshNumber();
        telephony.sendSms(new OutgoingSms(tenant().value(), UserId.of(student.userId()), texted, "Hello", "sms-" + id));
        admin.api()
                .queryParam("number", texted)
                .get("/api/v1/admin/sms")
                .then()
                .statusCode(200)
                .body("content[0].body", equalTo("Hello"))
                .body("content[0].direction", equalTo("OUTBOUND"))
                .body("content[0].userId", equalTo(student.userId().toString()));
        admin.api()
                .queryParam("size", 500)
                .get("/api/v1/admin/calls")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid_paging"));
    }

    @Test
    void forgedStaleAndReplayedServerMessagesAreRefused() {
        CallCompleted completed = call(freshNumber(), null);
        String report = json.writeValueAsString(Map.of(
                "message",
                Map.of(
                        "type",
                        "end-of-call-report",
                        "endedReason",
                        "customer-busy",
                        "call",
                        Map.of("id", completed.callId()),
                        "artifact",
                        Map.of("transcript", "AI: forged"))));

        vapi(report, null, null).then().statusCode(401).body("code", equalTo("webhook.invalid_signature"));
        long now = Instant.now().getEpochSecond();
        vapi(report, Long.toString(now), VapiSignature.sign("guessed-secret", now, report))
                .then()
                .statusCode(401);
        long stale = now - 600;
        vapi(
                        report,
                        Long.toString(stale),
                        VapiSignature.sign(sandboxSecrets.get(SandboxSecrets.VAPI_WEBHOOK_SECRET), stale, report))
                .then()
                .statusCode(401)
                .body("code", equalTo("webhook.invalid_signature"));
        // correctly signed, but the report of this call was accepted already: a replay
        vapi(report).then().statusCode(409).body("code", equalTo("webhook.replayed"));
        vapi("not json").then().statusCode(400).body("code", equalTo("webhook.malformed"));
        String unknownCall = json.writeValueAsString(Map.of(
                "message",
                Map.of("type", "end-of-call-report", "endedReason", "customer-busy", "call", Map.of("id", "nope"))));
        vapi(unknownCall).then().statusCode(404).body("code", equalTo("call.not_found"));

        assertThat(log(completed.callId()))
                .containsEntry("outcome", "completed")
                .containsEntry("transcript", "AI: " + SCRIPT);
    }

    @Test
    void anInboundCallersToolsActAsTheVerifiedCallerUnderTheBookingRules() {
        Tutors.Approved tutor = tutor(false);
        SignedIn caller = Accounts.newUser("STUDENT");
        SignedIn other = Accounts.newUser("STUDENT");
        String mobile = verifiedMobile(caller);
        UUID lesson = paid(caller, tutor, soon());
        UUID othersLesson = paid(other, tutor, slot());
        String callId = "inbound-" + UUID.randomUUID();
        Map<String, Object> call =
                Map.of("id", callId, "type", "inboundPhoneCall", "customer", Map.of("number", mobile));

        vapi(message("assistant-request", call, null))
                .then()
                .statusCode(200)
                .body("assistant.firstMessage", containsString("Hello Test"))
                .body("assistant.model.tools.function.name", contains("next_lesson", "cancel_next_lesson"))
                .body("assistant.server.url", containsString("/api/v1/telephony/vapi/" + tenant().value()));

        vapi(message("tool-calls", call, List.of(tool("t1", "next_lesson", Map.of()))))
                .then()
                .statusCode(200)
                .body("results[0].toolCallId", equalTo("t1"))
                .body("results[0].result", containsString("Your next lesson is on"));

        // the model names another booking and user: ignored, the caller's own next lesson is the one cancelled
        String cancel = message(
                "tool-calls",
                call,
                List.of(tool(
                        "t2",
                        "cancel_next_lesson",
                        Map.of(
                                "bookingId", othersLesson.toString(),
                                "userId", other.userId().toString(),
                                "reason", "sick"))));
        vapi(cancel)
                .then()
                .statusCode(200)
                .body("results[0].result", containsString("late cancellation: a fee of 15.00 GBP applies"))
                .body("results[0].result", containsString("15.00 GBP is refunded"));
        assertThat(state(lesson)).isEqualTo("CANCELLED");
        assertThat(state(othersLesson)).isEqualTo("CONFIRMED");
        Map<String, Object> history =
                inTenant(() -> jdbc.sql("""
                        SELECT actor_id, reason, details->>'feeAmount' AS fee FROM booking_history
                         WHERE booking_id = :id AND to_state = 'CANCELLED'
                        """).param("id", lesson).query().singleRow());
        assertThat(history)
                .containsEntry("actor_id", caller.userId())
                .containsEntry("reason", InboundCalls.CANCEL_REASON)
                .containsEntry("fee", "1500");

        vapi(cancel).then().statusCode(409).body("code", equalTo("webhook.replayed"));
        vapi(message("tool-calls", call, List.of(tool("t3", "cancel_next_lesson", Map.of()))))
                .then()
                .statusCode(200)
                .body("results[0].result", equalTo("You have no upcoming lesson to cancel."));
        assertThat(state(othersLesson)).isEqualTo("CONFIRMED");

        caller.api()
                .get("/api/v1/calls")
                .then()
                .statusCode(200)
                .body("content.callId", hasItem(callId))
                .body("content.direction", hasItem("INBOUND"));
    }

    @Test
    void anUnknownCallerGetsNoToolsAndChangesNothing() {
        Tutors.Approved tutor = tutor(false);
        SignedIn student = Accounts.newUser("STUDENT");
        UUID lesson = paid(student, tutor, soon());
        Map<String, Object> call = Map.of(
                "id",
                "inbound-" + UUID.randomUUID(),
                "type",
                "inboundPhoneCall",
                "customer",
                Map.of("number", freshNumber()));

        vapi(message("assistant-request", call, null))
                .then()
                .statusCode(200)
                .body("assistant.firstMessage", containsString("don't recognise this number"))
                .body("assistant.model.tools", nullValue());
        vapi(message("tool-calls", call, List.of(tool("t1", "cancel_next_lesson", Map.of()))))
                .then()
                .statusCode(200)
                .body("results[0].result", containsString("not verified"))
                .body("results[0].result", not(containsString("cancelled")));
        assertThat(state(lesson)).isEqualTo("CONFIRMED");
    }

    private String message(String type, Map<String, Object> call, List<Map<String, Object>> tools) {
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("type", type);
        message.put("timestamp", Instant.now().toEpochMilli());
        message.put("call", call);
        if (tools != null) {
            message.put("toolCallList", tools);
        }
        return json.writeValueAsString(Map.of("message", message));
    }

    private static Map<String, Object> tool(String id, String name, Map<String, Object> arguments) {
        return Map.of("id", id, "type", "function", "function", Map.of("name", name, "arguments", arguments));
    }

    private Map<String, Object> log(String callId) {
        return inTenant(() -> jdbc.sql("SELECT * FROM call_logs WHERE call_id = :id")
                .param("id", callId)
                .query()
                .singleRow());
    }
}
