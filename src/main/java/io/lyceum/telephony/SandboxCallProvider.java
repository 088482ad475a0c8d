package io.lyceum.telephony;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The development default: a local Vapi. A call follows Vapi's lifecycle ({@code queued}, {@code ringing},
 * {@code in-progress}, {@code ended}) as {@code status-update} server messages, then an {@code end-of-call-report}
 * whose transcript is the script that would have been spoken, all signed with this installation's sandbox secret
 * and delivered to the call's server URL. The callee's number decides what happens:
 *
 * <ul>
 *   <li>{@code +15005550020}: nobody answers ({@code customer-did-not-answer})
 *   <li>{@code +15005550021}: busy ({@code customer-busy})
 *   <li>{@code +15005550022}: voicemail picks up and the script is left as a message ({@code voicemail})
 *   <li>{@code +15005550001}: not a valid number: Vapi answers 400 and no call is placed
 *   <li>any other number: answered, the script is spoken, the callee hangs up ({@code customer-ended-call})
 * </ul>
 */
final class SandboxCallProvider implements CallProvider {

    static final String NO_ANSWER = "+15005550020";
    static final String BUSY = "+15005550021";
    static final String VOICEMAIL = "+15005550022";
    static final String INVALID = "+15005550001";
    static final String ORG_ID = "00000000-0000-4000-8000-00000000a01c";
    static final String PHONE_NUMBER_ID = "00000000-0000-4000-8000-0000000000f0";
    private static final Duration STEP = Duration.ofMillis(50);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final SandboxWebhooks webhooks;
    private final SandboxSecrets secrets;
    private final JsonMapper json;
    private final Clock clock;

    SandboxCallProvider(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            SandboxWebhooks webhooks,
            SandboxSecrets secrets,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return TelephonyProperties.SANDBOX;
    }

    @Override
    public String webhookSecret() {
        return secrets.get(SandboxSecrets.VAPI_WEBHOOK_SECRET);
    }

    @Override
    public VapiCalls.Created place(String to, String script, Map<String, String> metadata, String serverUrl) {
        if (INVALID.equals(to)) {
            return VapiCalls.error(
                    json,
                    VapiCalls.errorJson(json, 400, "customer.number must be a valid phone number in the E.164 format."),
                    400);
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String endedReason =
                switch (to) {
                    case NO_ANSWER -> "customer-did-not-answer";
                    case BUSY -> "customer-busy";
                    case VOICEMAIL -> "voicemail";
                    default -> "customer-ended-call";
                };
        boolean spoken = !NO_ANSWER.equals(to) && !BUSY.equals(to);
        String transcript = spoken ? "AI: " + script : "";
        transaction.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO telephony_sandbox_messages (sid, kind, to_number, from_number, body, status,
                                                                error_code, created_at)
                        VALUES (:sid, 'CALL', :to, NULL, :body, :status, NULL, :now)
                        """)
                .param("sid", id)
                .param("to", to)
                .param("body", script)
                .param("status", endedReason)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update());
        String created = now.toString();
        List<String> statuses = new ArrayList<>(List.of("ringing"));
        if (spoken) {
            statuses.add("in-progress");
        }
        statuses.add("ended");
        Duration delay = Duration.ZERO;
        for (String status : statuses) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("timestamp", now.toEpochMilli());
            message.put("type", "status-update");
            message.put("status", status);
            if ("ended".equals(status)) {
                message.put("endedReason", endedReason);
            }
            message.put("call", VapiCalls.callObject(id, ORG_ID, PHONE_NUMBER_ID, to, status, metadata, created));
            send(serverUrl, message, delay);
            delay = delay.plus(STEP);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("timestamp", now.toEpochMilli());
        report.put("type", "end-of-call-report");
        report.put("endedReason", endedReason);
        report.put("call", VapiCalls.callObject(id, ORG_ID, PHONE_NUMBER_ID, to, "ended", metadata, created));
        List<Map<String, Object>> messages = new ArrayList<>();
        if (spoken) {
            messages.add(Map.of("role", "bot", "message", script, "time", now.toEpochMilli(), "secondsFromStart", 0.6));
        }
        report.put("artifact", Map.of("transcript", transcript, "messages", messages));
        report.put("transcript", transcript);
        report.put("startedAt", created);
        report.put(
                "endedAt",
                now.plusSeconds(spoken ? 1 + script.length() / 15 : 30).toString());
        report.put("cost", 0);
        send(serverUrl, report, delay);
        return VapiCalls.call(
                json,
                json.writeValueAsString(
                        VapiCalls.callObject(id, ORG_ID, PHONE_NUMBER_ID, to, "queued", metadata, created)));
    }

    private void send(String url, Map<String, Object> message, Duration delay) {
        webhooks.enqueue(
                SandboxWebhooks.VAPI,
                url,
                "application/json",
                json.writeValueAsString(Map.of("message", message)),
                delay);
    }
}
