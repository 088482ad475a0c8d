package io.lyceum.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A message as clients see it (REST and WebSocket alike). A deleted message keeps its place with no text or content.
 *
 * @param content the type's payload (seed 002 section 5.5): {@code body} for text, {@code mediaUrl}, {@code fileName}
 *     for documents, {@code systemAction}/{@code systemData} for system messages, {@code severity} for warnings
 */
record MessageView(
        UUID id,
        UUID conversationId,
        long seq,
        @Nullable UUID senderId,
        @Nullable String senderName,
        String messageType,
        @Nullable String body,
        @Nullable Map<String, Object> content,
        @Nullable ReplyTo replyTo,
        @Nullable String clientId,
        boolean masked,
        Instant createdAt,
        @Nullable Instant editedAt,
        boolean deleted) {

    record ReplyTo(UUID id, @Nullable String preview) {}

    @SuppressWarnings("unchecked")
    private static Map<String, Object> content(String text, JsonMapper json) {
        return json.readValue(text, Map.class);
    }

    static MessageView of(ChatMessage m, JsonMapper json) {
        return new MessageView(
                m.id(),
                m.conversationId(),
                m.seq(),
                m.senderId(),
                m.senderName(),
                m.type().name().toLowerCase(java.util.Locale.ROOT),
                m.deleted() ? null : m.body(),
                m.deleted() ? null : content(m.content(), json),
                m.replyToId() == null ? null : new ReplyTo(m.replyToId(), m.replyPreview()),
                m.clientId(),
                m.masked(),
                m.createdAt(),
                m.editedAt(),
                m.deleted());
    }
}
