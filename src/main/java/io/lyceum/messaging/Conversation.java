package io.lyceum.messaging;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A conversation row. */
record Conversation(
        UUID id,
        ConversationType type,
        UUID participantA,
        UUID participantB,
        String status,
        String openedBy,
        long lastSeq,
        @Nullable Instant lastMessageAt,
        @Nullable String lastMessagePreview,

        Instant createdAt) {

    static final String ACTIVE = "ACTIVE";
    static final String CLOSED = "CLOSED";

    boolean isParticipant(UUID userId) {
        return participantA.equals(userId) || participantB.equals(userId);
    }

    boolean isClosed() {
        return CLOSED.equals(status);
    }

    UUID otherThan(UUID userId) {
        return participantA.equals(userId) ? participantB : participantA;
    }

    /** Whether contact details may be masked here: only where a student's side meets a tutor. */
    boolean marketplacePair() {
        return type == ConversationType.STUDENT_TUTOR || type == ConversationType.GUARDIAN_TUTOR;
    }
}
