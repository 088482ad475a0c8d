package io.lyceum.telephony;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vapi's call API and server messages as they travel on the wire: the {@code POST /call} request (a transient
 * assistant that speaks the script), the Call object it answers, its error body, and what the sandbox sends as server
 * messages ({@code status-update}, {@code end-of-call-report}).
 */
final class VapiCalls {

    private VapiCalls() {}

    /** Vapi's answer to {@code POST /call}: the call's id and status, or (no id) why it was refused. */
    record Created(
            @Nullable String id,
            @Nullable String status,
            @Nullable String errorCode,
            @Nullable String errorMessage) {

        static Created error(String code, @Nullable String message) {
            return new Created(null, "failed", code, message);
        }

        boolean accepted() {
            return id != null;
        }
    }

    /** The body of {@code POST /call}: an outbound call whose transient assistant speaks the script and hangs up. */
    static Map<String, Object> createRequest(
            String phoneNumberId,
            String to,
            String script,
            Map<String, String> metadata,
            String serverUrl,
            String modelProvider,
            String model) {
        Map<String, Object> assistant = new LinkedHashMap<>();
        assistant.put("name", "Lyceum notice");
        assistant.put("firstMessage", script);
        assistant.put("firstMessageMode", "assistant-speaks-first");
        assistant.put(
                "model",
                Map.of(
                        "provider",
                        modelProvider,
                        "model",
                        model,
                        "messages",
                        List.of(Map.of(
                                "role",
                                "system",
                                "content",
                                "You are Lyceum's notification caller. You have just read this message to the"
                                        + " callee: \"" + script + "\". Repeat it if asked, answer nothing else, and"
                                        + " end the call politely."))));
        assistant.put("endCallFunctionEnabled", true);
        assistant.put("maxDurationSeconds", 120);
        assistant.put("voicemailMessage", script);
        assistant.put("serverMessages", List.of("status-update", "end-of-call-report"));
        assistant.put("server", Map.of("url", serverUrl));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phoneNumberId", phoneNumberId);
        body.put("customer", Map.of("number", to));
        body.put("assistant", assistant);
        body.put("metadata", metadata);
        return body;
    }

    /** Reads a 2xx answer (a Call object). */
    static Created call(JsonMapper json, String body) {
        JsonNode root = json.readTree(body);
        String id = text(root, "id");
        if (id == null) {
            throw new IllegalArgumentException("Vapi's answer has no call id");
        }
        return new Created(id, text(root, "status"), null, null);
    }

    /** Reads an error answer ({@code {"message": [...] or "...", "error": "Bad Request", "statusCode": 400}}). */
    static Created error(JsonMapper json, String body, int httpStatus) {
        try {
            JsonNode root = json.readTree(body);
            JsonNode message = root.path("message");
            String text = message.isArray()
                    ? String.join("; ", strings(message))
                    : message.isMissingNode() || message.isNull() ? null : message.asString();
            return Created.error("http_" + httpStatus, text);
        } catch (RuntimeException notJson) {
            return Created.error("http_" + httpStatus, "Vapi answered HTTP " + httpStatus);
        }
    }

    static String errorJson(JsonMapper json, int status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", List.of(message));
        error.put("error", status == 400 ? "Bad Request" : "Error");
        error.put("statusCode", status);
        return json.writeValueAsString(error);
    }

    /** The Call object, as Vapi answers it and embeds it in server messages. */
    static Map<String, Object> callObject(
            String id,
            String orgId,
            String phoneNumberId,
            String to,
            String status,
            Map<String, String> metadata,
            String createdAt) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", id);
        call.put("orgId", orgId);
        call.put("type", "outboundPhoneCall");
        call.put("status", status);
        call.put("phoneNumberId", phoneNumberId);
        call.put("customer", Map.of("number", to));
        call.put("metadata", metadata);
        call.put("createdAt", createdAt);
        call.put("updatedAt", createdAt);
        return call;
    }

    /**
     * What a call's end means for us, from Vapi's {@code endedReason}: {@code completed}, {@code no_answer},
     * {@code busy}, {@code voicemail} or {@code failed}.
     */
    static String outcome(@Nullable String endedReason) {
        if (endedReason == null) {
            return "failed";
        }
        String reason = endedReason.toLowerCase(Locale.ROOT);
        return switch (reason) {
            case "customer-did-not-answer", "twilio-failed-to-connect-call" -> "no_answer";
            case "customer-busy" -> "busy";
            case "voicemail" -> "voicemail";
            case "customer-ended-call",
                    "assistant-ended-call",
                    "assistant-said-end-call-phrase",
                    "assistant-forwarded-call",
                    "silence-timed-out",
                    "exceeded-max-duration",
                    "manually-canceled" -> "completed";
            default -> reason.contains("error") || reason.contains("fail") ? "failed" : "completed";
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }

    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
