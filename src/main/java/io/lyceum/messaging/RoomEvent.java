package io.lyceum.messaging;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened in a room, announced to every application instance. Deliberately small (PostgreSQL's NOTIFY
 * payload limit is 8,000 bytes): a new message carries its sequence and id, and each instance reads the message
 * itself from the table.
 *
 * @param kind what happened: {@link #MESSAGE}, {@link #EDITED}, {@link #DELETED}, {@link #READ}, {@link #TYPING},
 *     {@link #STOP_TYPING}, {@link #ONLINE}, {@link #OFFLINE}, {@link #BLOCKED}, {@link #UNBLOCKED},
 *     {@link #SILENCED}, {@link #UNSILENCED}, {@link #CLOSED}
 * @param seq the message sequence (message events) or the read mark (read events)
 * @param messageId the message concerned, when there is one
 * @param userId who acted, or whom a moderation command targets
 * @param note a short text (a moderation reason), at most 200 characters
 */
record RoomEvent(
        UUID tenantId,
        @Nullable UUID roomId,
        String kind,
        @Nullable Long seq,
        @Nullable UUID messageId,
        @Nullable UUID userId,
        @Nullable String note) {

    static final String MESSAGE = "message";
    static final String EDITED = "edited";
    static final String DELETED = "deleted";
    static final String READ = "read";
    static final String TYPING = "typing";
    static final String STOP_TYPING = "stopTyping";
    static final String ONLINE = "online";
    static final String OFFLINE = "offline";
    static final String BLOCKED = "blocked";
    static final String UNBLOCKED = "unblocked";
    static final String SILENCED = "silenced";
    static final String UNSILENCED = "unsilenced";
    /** An event for one user's sockets, outside any room: {@code note} is the frame type, {@code messageId} its id. */
    static final String USER = "user";

    RoomEvent {
        if (note != null && note.length() > 200) {
            note = note.substring(0, 200);
        }
    }

    /** Someone's presence in a room: {@link #ONLINE}, {@link #OFFLINE}, {@link #TYPING}, {@link #STOP_TYPING}. */
    static RoomEvent presence(UUID tenantId, UUID roomId, String kind, UUID userId) {
        return new RoomEvent(tenantId, roomId, kind, null, null, userId, null);
    }

    /**
     * A message of the room changed: {@link #MESSAGE}, {@link #EDITED}, {@link #DELETED} (with the message's sequence
     * and id), or a reader moved their {@link #READ} mark (the mark as the sequence, no message).
     */
    static RoomEvent message(
            UUID tenantId, UUID roomId, String kind, long seq, @Nullable UUID messageId, @Nullable UUID userId) {
        return new RoomEvent(tenantId, roomId, kind, seq, messageId, userId, null);
    }

    /** A moderation command on a participant of the room, with its reason. */
    static RoomEvent moderation(UUID tenantId, UUID roomId, String kind, UUID target, @Nullable String reason) {
        return new RoomEvent(tenantId, roomId, kind, null, null, target, reason);
    }

    /** A frame for one user's sockets, outside any room ({@link #USER}). */
    static RoomEvent toUser(UUID tenantId, UUID userId, String frameType, @Nullable UUID frameId) {
        return new RoomEvent(tenantId, null, USER, null, frameId, userId, frameType);
    }
}
