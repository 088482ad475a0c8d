package io.lyceum.scheduling;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The lesson-room port: a video room per booking, and a join link per participant. Adapters: Jitsi Meet (the
 * default, no account), Lessonspace and Zoom, chosen by {@code lyceum.scheduling.rooms.provider}.
 */
interface LessonRooms {

    /** The provider's name as stored in {@code bookings.meeting_provider}. */
    String provider();

    /** Makes a new room. Rooms are never shared between bookings and never guessable. */
    Room create(RoomRequest request);

    /**
     * The link one participant opens to join. The tutor is the host. {@code opensAt} and {@code closesAt} bound the
     * lesson's room; adapters that can limit a link in time do so.
     */
    String joinUrl(Room room, Participant participant, Instant opensAt, Instant closesAt);

    /** Ends a room that is no longer used (after a regeneration), where the provider supports it. Best effort. */
    default void close(Room room) {}

    record RoomRequest(UUID bookingId, String topic, Instant startsAt, Instant endsAt) {}

    /**
     * @param id the provider's room: a Jitsi room name, a Lessonspace space id, a Zoom meeting id
     * @param url a link anyone with it may use to join, when the provider has one (Jitsi, Zoom); null when every
     *     participant needs a personal link (Lessonspace)
     */
    record Room(String provider, String id, @Nullable String url) {}

    record Participant(UUID userId, String displayName, boolean host) {}
}
