package io.lyceum.messaging;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored message. {@code content} is the type's JSON payload (seed 002 section 5.5) as text. */
record ChatMessage(
        UUID id,
        UUID conversationId,
        long seq,
        @Nullable UUID senderId,
        @Nullable String senderName,
        MessageType type,
        String body,
        String content,
        @Nullable UUID replyToId,
        @Nullable String replyPreview,
        @Nullable String clientId,
        boolean masked,
        Instant createdAt,
        @Nullable Instant editedAt,
        @Nullable Instant deletedAt) {

    boolean deleted() {
        return deletedAt != null;
    }
}
