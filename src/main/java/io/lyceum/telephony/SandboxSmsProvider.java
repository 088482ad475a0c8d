package io.lyceum.telephony;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The development default: a local Twilio. It answers with Twilio's Message resource and error bodies, honours
 * Twilio's magic test numbers, records every message it accepts (readable at {@code GET /api/v1/dev/sms}) and then
 * calls the status callback with {@code sent} and {@code delivered}, signed like Twilio with this installation's
 * sandbox auth token.
 *
 * <p>Magic "To" numbers (Twilio's): {@code +15005550001} invalid (21211), {@code +15005550002} cannot route (21612),
 * {@code +15005550003} no international permission (21408), {@code +15005550004} blocked, the recipient replied STOP
 * (21610), {@code +15005550009} cannot receive SMS (21614). Magic "From" numbers: {@code +15005550001} invalid (21212),
 * {@code +15005550007} not owned by the account (21606), {@code +15005550008} queue full (21611); {@code +15005550006}
 * is valid. Lyceum's own addition: {@code +15005550010} is accepted and then reported {@code undelivered} (30003,
 * unreachable handset). Any other number is accepted and delivered.
 */
final class SandboxSmsProvider implements SmsProvider {

    static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    static final String UNDELIVERABLE = "+15005550010";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final SandboxWebhooks webhooks;
    private final SandboxSecrets secrets;
    private final JsonMapper json;
    private final String from;
    private final Clock clock;

    SandboxSmsProvider(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            SandboxWebhooks webhooks,
            SandboxSecrets secrets,
            JsonMapper json,
            TelephonyProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.json = json;
        this.from = properties.sandbox().fromNumber();
        this.clock = clock;
    }

    @Override
    public String name() {
        return TelephonyProperties.SANDBOX;
    }

    @Override
    public String authToken() {
        return secrets.get(SandboxSecrets.TWILIO_AUTH_TOKEN);
    }

    @Override
    public TwilioMessages.Sent send(String to, String body, String statusCallbackUrl) {
        String refusal = refusal(to);
        if (refusal != null) {
            int code = Integer.parseInt(refusal.substring(0, 5));
            return TwilioMessages.error(json, TwilioMessages.errorJson(json, code, refusal.substring(6)), 400);
        }
        String sid = "SM" + HexFormat.of().formatHex(randomBytes());
        Instant now = clock.instant();
        String answer = TwilioMessages.messageJson(json, ACCOUNT_SID, sid, from, to, body, "queued", now);
        transaction.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO telephony_sandbox_messages (sid, kind, to_number, from_number, body, status,
                                                                error_code, created_at)
                        VALUES (:sid, 'SMS', :to, :from, :body, :status, :error, :now)
                        """)
                .param("status", UNDELIVERABLE.equals(to) ? "undelivered" : "delivered")
                .param("error", UNDELIVERABLE.equals(to) ? "30003" : null)
                .param("sid", sid)
                .param("to", to)
                .param("from", from)
                .param("body", body)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update());
        if (statusCallbackUrl != null) {
            boolean reachable = !UNDELIVERABLE.equals(to);
            callback(statusCallbackUrl, sid, to, "sent", null, Duration.ZERO);
            callback(
                    statusCallbackUrl,
                    sid,
                    to,
                    reachable ? "delivered" : "undelivered",
                    reachable ? null : "30003",
                    Duration.ofMillis(100));
        }
        return TwilioMessages.message(json, answer);
    }

    /** "code message" for a magic number Twilio refuses, else null. */
    private @Nullable String refusal(String to) {
        switch (from) {
            case "+15005550001" -> {
                return "21212 The 'From' number " + from + " is not a valid phone number, shortcode, or alphanumeric"
                        + " sender ID.";
            }
            case "+15005550007" -> {
                return "21606 The 'From' phone number provided (" + from + ") is not a valid message-capable Twilio"
                        + " phone number for this destination/account.";
            }
            case "+15005550008" -> {
                return "21611 This 'From' number has exceeded the maximum number of queued messages.";
            }
            default -> {
                // a valid sender
            }
        }
        return switch (to) {
            case "+15005550001" -> "21211 The 'To' number " + to + " is not a valid phone number.";
            case "+15005550002" ->
                "21612 The 'To' phone number: " + to + ", is not currently reachable using the"
                        + " 'From' phone number: " + from + " via SMS.";
            case "+15005550003" ->
                "21408 Permission to send an SMS has not been enabled for the region indicated by"
                        + " the 'To' number: " + to + ".";
            case "+15005550004" -> "21610 Attempt to send to unsubscribed recipient";
            case "+15005550009" -> "21614 'To' number is not a valid mobile number";
            default -> null;
        };
    }

    /** The status callback's parameters as Twilio sends them. */
    private void callback(
            String url, String sid, String to, String status, @Nullable String errorCode, Duration delay) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", ACCOUNT_SID);
        params.put("ApiVersion", "2010-04-01");
        params.put("ErrorCode", errorCode);
        params.put("From", from);
        params.put("MessageSid", sid);
        params.put("MessageStatus", status);
        params.put("SmsSid", sid);
        params.put("SmsStatus", status);
        params.put("To", to);
        webhooks.enqueue(
                SandboxWebhooks.TWILIO,
                url,
                "application/x-www-form-urlencoded; charset=utf-8",
                FormBody.encode(params),
                delay);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
