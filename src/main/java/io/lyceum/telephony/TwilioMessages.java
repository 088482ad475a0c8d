package io.lyceum.telephony;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's Message resource and error body as they travel on the wire ({@code /2010-04-01/Accounts/{sid}/Messages.json}).
 * The real adapter parses Twilio's answers with it and the sandbox writes its answers with it, so both produce the
 * same {@link Sent} from the same JSON.
 */
final class TwilioMessages {

    /** Twilio's date format (RFC 2822), as in {@code date_created}. */
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private TwilioMessages() {}

    /**
     * What Twilio answered to a send: a message resource (with {@code sid} and {@code status}), or an error (no sid,
     * {@code errorCode} set).
     */
    record Sent(
            @Nullable String sid,
            @Nullable String status,
            @Nullable String errorCode,
            @Nullable String errorMessage) {

        static Sent error(String code, @Nullable String message) {
            return new Sent(null, "failed", code, message);
        }

        boolean accepted() {
            return sid != null;
        }
    }

    /** Reads a 2xx answer (a Message resource). */
    static Sent message(JsonMapper json, String body) {
        JsonNode root = json.readTree(body);
        String sid = text(root, "sid");
        if (sid == null) {
            throw new IllegalArgumentException("Twilio's answer has no message sid");
        }
        return new Sent(sid, text(root, "status"), text(root, "error_code"), text(root, "error_message"));
    }

    /** Reads an error answer ({@code code}, {@code message}, {@code more_info}, {@code status}). */
    static Sent error(JsonMapper json, String body, int httpStatus) {
        try {
            JsonNode root = json.readTree(body);
            String code = text(root, "code");
            return Sent.error(code == null ? "http_" + httpStatus : code, text(root, "message"));
        } catch (RuntimeException notJson) {
            return Sent.error("http_" + httpStatus, "Twilio answered HTTP " + httpStatus);
        }
    }

    /** A Message resource as Twilio writes it. */
    static String messageJson(
            JsonMapper json,
            String accountSid,
            String sid,
            String from,
            String to,
            String body,
            String status,
            Instant created) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("account_sid", accountSid);
        message.put("api_version", "2010-04-01");
        message.put("body", body);
        message.put("date_created", rfc2822(created));
        message.put("date_sent", null);
        message.put("date_updated", rfc2822(created));
        message.put("direction", "outbound-api");
        message.put("error_code", null);
        message.put("error_message", null);
        message.put("from", from);
        message.put("messaging_service_sid", null);
        message.put("num_media", "0");
        message.put("num_segments", String.valueOf(Math.max(1, (body.length() + 152) / 153)));
        message.put("price", null);
        message.put("price_unit", "USD");
        message.put("sid", sid);
        message.put("status", status);
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid;
        message.put("subresource_uris", Map.of("media", uri + "/Media.json"));
        message.put("to", to);
        message.put("uri", uri + ".json");
        return json.writeValueAsString(message);
    }

    /** An error body as Twilio writes it. */
    static String errorJson(JsonMapper json, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        error.put("status", 400);
        return json.writeValueAsString(error);
    }

    static String rfc2822(Instant instant) {
        return RFC_2822.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
