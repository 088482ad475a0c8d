package io.lyceum.scheduling;

import io.lyceum.scheduling.LessonspaceWebhookStore.RoomOwner;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenantContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lessonspace's webhook. The signature is checked on the raw body before anything is parsed (see
 * {@link WebhookSignature}); each event id is handled once. {@code session.end} appends the session's participants
 * with their join and leave times to the booking's {@code attendance} and stores its {@code recording_url}; the
 * booking is found through the space id it was launched with. Other event types are acknowledged and ignored.
 */
@Service
class LessonspaceWebhooks {

    private static final Logger log = LoggerFactory.getLogger(LessonspaceWebhooks.class);
    static final String SESSION_END = "session.end";
    private static final int MAX_PARTICIPANTS = 200;

    enum Outcome {
        APPLIED,
        IGNORED,
        UNKNOWN_ROOM,
        DUPLICATE
    }

    private final LessonspaceWebhookStore store;
    private final RoomsProperties properties;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    LessonspaceWebhooks(
            LessonspaceWebhookStore store,
            RoomsProperties properties,
            TransactionTemplate transactions,
            JsonMapper json,
            Clock clock) {
        this.store = store;
        this.properties = properties;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    Outcome receive(@Nullable String signature, byte[] body) {
        String secret = properties.lessonspace().webhookSecret();
        if (secret == null) {
            throw LyceumException.notFound(
                    "webhook.disabled", "The Lessonspace webhook is not enabled on this installation.");
        }
        Instant now = clock.instant();
        WebhookSignature.verify(
                signature,
                body == null ? new byte[0] : body,
                secret,
                now,
                properties.lessonspace().webhookTolerance());
        JsonNode root = parse(body);
        String eventId = text(root.path("id"), 200);
        String type = text(root.path("type"), 100);
        if (eventId == null || eventId.isBlank() || type == null || type.isBlank()) {
            throw malformed("An event needs an `id` and a `type`.");
        }
        if (!type.equals(SESSION_END)) {
            return recordOnly(eventId, type, null, Outcome.IGNORED, now);
        }
        JsonNode data = root.path("data");
        String spaceId = text(data.path("space").path("id"), 200);
        if (spaceId == null) {
            throw malformed("session.end needs `data.space.id`.");
        }
        JsonNode session = data.path("session");
        String recordingUrl = recordingUrl(session.path("recording_url"));
        String sessionJson = sessionJson(session, data.path("participants"));
        var owner = store.owner(RoomsProperties.LESSONSPACE, spaceId);
        if (owner.isEmpty()) {
            log.info("Lessonspace event {} names space {}, which belongs to no booking", eventId, spaceId);
            return recordOnly(eventId, type, null, Outcome.UNKNOWN_ROOM, now);
        }
        RoomOwner room = owner.get();
        return TenantContext.callAs(
                room.tenantId(),
                () -> transactions.execute(status -> {
                    if (!store.record(eventId, type, room, Outcome.APPLIED.name(), now)) {
                        return Outcome.DUPLICATE;
                    }
                    store.applySessionEnd(room.bookingId(), recordingUrl, sessionJson, now);
                    return Outcome.APPLIED;
                }));
    }

    private Outcome recordOnly(String eventId, String type, @Nullable RoomOwner owner, Outcome outcome, Instant now) {
        Boolean fresh = transactions.execute(status -> store.record(eventId, type, owner, outcome.name(), now));
        return Boolean.TRUE.equals(fresh) ? outcome : Outcome.DUPLICATE;
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("The body is empty.");
        }
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw malformed("The body is not a JSON object.");
            }
            return root;
        } catch (JacksonException e) {
            throw malformed("The body is not JSON.");
        }
    }

    private String sessionJson(JsonNode session, JsonNode participants) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfPresent(out, "sessionId", text(session.path("id"), 200));
        putIfPresent(out, "startedAt", instant(session.path("started_at"), "data.session.started_at"));
        putIfPresent(out, "endedAt", instant(session.path("ended_at"), "data.session.ended_at"));
        List<Map<String, Object>> people = new ArrayList<>();
        if (!participants.isMissingNode() && !participants.isNull()) {
            if (!participants.isArray() || participants.size() > MAX_PARTICIPANTS) {
                throw malformed("`data.participants` must be an array of at most " + MAX_PARTICIPANTS + " entries.");
            }
            for (JsonNode p : participants) {
                if (!p.isObject()) {
                    throw malformed("Each participant must be an object.");
                }
                Map<String, Object> person = new LinkedHashMap<>();
                putIfPresent(person, "userId", text(p.path("user_id"), 200));
                putIfPresent(person, "name", text(p.path("name"), 200));
                if (p.path("leader").isBoolean()) {
                    person.put("leader", p.path("leader").booleanValue());
                }
                putIfPresent(person, "joinedAt", instant(p.path("joined_at"), "participants[].joined_at"));
                putIfPresent(person, "leftAt", instant(p.path("left_at"), "participants[].left_at"));
                people.add(person);
            }
        }
        out.put("participants", people);
        return json.writeValueAsString(out);
    }

    private static @Nullable String recordingUrl(JsonNode node) {
        String url = text(node, 2000);
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw malformed("`data.session.recording_url` must be an https URL.");
    }

    private static @Nullable String instant(JsonNode node, String field) {
        String value = text(node, 64);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw malformed("`" + field + "` must be an ISO-8601 instant.");
        }
    }

    /** The node's text when it is a string (cut to {@code max}), else null. */
    private static @Nullable String text(@Nullable JsonNode node, int max) {
        if (node == null || !node.isString()) {
            return null;
        }
        String value = node.stringValue();
        if (value.length() > max) {
            throw malformed("A field is longer than " + max + " characters.");
        }
        return value;
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static LyceumException malformed(String detail) {
        return new LyceumException(ErrorKind.BAD_REQUEST, "webhook.malformed", detail);
    }
}
