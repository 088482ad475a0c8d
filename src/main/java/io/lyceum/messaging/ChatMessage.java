package io.lyceum.messaging;

import java.time.Instant;
import java.util.UUID;

/** A stored message. {@code content} is the type's JSON payload (seed 002 section 5.5) as text. */
record ChatMessage(
        UUID id,
        UUID conversationId,
        long seq,
        UUID senderId,
        String senderName,
        MessageType type,
        String body,
        String content,
        UUID replyToId,
        String replyPreview,
        String clientId,
        boolean masked,
        Instant createdAt,
        Instant editedAt,
        Instant deletedAt) {

    boolean deleted() {
        return deletedAt != null;
    }
}
