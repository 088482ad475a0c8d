package io.lyceum.messaging;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What other modules may know about one message (the admin desk: the message a report names, the messages around a
 * disputed lesson).
 *
 * @param senderId null for system messages
 * @param body empty once deleted
 */
public record MessageFacts(
        UUID messageId,
        UUID conversationId,
        @Nullable UUID senderId,
        @Nullable String senderName,

        String type,
        String body,
        Instant sentAt,
        boolean deleted) {

    static MessageFacts of(ChatMessage m) {
        return new MessageFacts(
                m.id(),
                m.conversationId(),
                m.senderId(),
                m.senderName(),
                m.type().name(),
                m.deleted() ? "" : m.body(),
                m.createdAt(),
                m.deleted());
    }
}
