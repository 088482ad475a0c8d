package io.lyceum.scheduling;

import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The lesson-room columns of bookings, the room directory and the room entries of booking history. */
@Repository
class LessonRoomStore {

    /** What the lesson rooms need of a booking. */
    record RoomBooking(
            UUID id,
            UUID tutorId,
            UUID studentId,
            UUID bookedBy,
            BookingState state,
            Instant startsAt,
            Instant endsAt,
            @Nullable String meetingProvider,
            @Nullable String meetingRoom,
            @Nullable String meetingUrl) {

        boolean participant(UUID userId) {
            return tutorId.equals(userId) || studentId.equals(userId) || bookedBy.equals(userId);
        }

        Optional<LessonRooms.Room> room() {
            return meetingRoom == null
                    ? Optional.empty()
                    // a room is stored with its provider
                    : Optional.of(
                            new LessonRooms.Room(Objects.requireNonNull(meetingProvider), meetingRoom, meetingUrl));
        }
    }

    private static final String COLUMNS = """
            id, tutor_id, student_id, booked_by, state, starts_at, ends_at, meeting_provider, meeting_room, meeting_url
            """;

    private final JdbcClient jdbc;

    LessonRoomStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private static RoomBooking row(ResultSet rs, int n) throws SQLException {
        return new RoomBooking(
                rs.getObject("id", UUID.class),
                rs.getObject("tutor_id", UUID.class),
                rs.getObject("student_id", UUID.class),
                rs.getObject("booked_by", UUID.class),
                BookingState.valueOf(rs.getString("state")),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                rs.getString("meeting_provider"),
                rs.getString("meeting_room"),
                rs.getString("meeting_url"));
    }

    Optional<RoomBooking> find(UUID bookingId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bookings WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", bookingId)
                .query(LessonRoomStore::row)
                .optional();
    }

    Optional<RoomBooking> lock(UUID bookingId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bookings WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .param("t", tenant())
                .param("id", bookingId)
                .query(LessonRoomStore::row)
                .optional();
    }

    /** Gives a confirmed booking that has no room yet this one; false when it has one already or is not confirmed. */
    boolean attachFirstRoom(UUID bookingId, LessonRooms.Room room, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE bookings SET meeting_provider = :provider, meeting_room = :room, meeting_url = :url,
                                            updated_at = :now
                         WHERE tenant_id = :t AND id = :id AND meeting_room IS NULL AND state = 'CONFIRMED'
                        """)
                .param("provider", room.provider())
                .param("room", room.id())
                .param("url", room.url())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("t", tenant())
                .param("id", bookingId)
                .update();
        if (updated == 1) {
            register(bookingId, room, now);
        }
        return updated == 1;
    }

    /** Replaces a booking's room (the caller holds the row's lock). */
    void replaceRoom(UUID bookingId, LessonRooms.Room room, Instant now) {
        jdbc.sql("""
                        UPDATE bookings SET meeting_provider = :provider, meeting_room = :room, meeting_url = :url,
                                            updated_at = :now
                         WHERE tenant_id = :t AND id = :id
                        """)
                .param("provider", room.provider())
                .param("room", room.id())
                .param("url", room.url())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("t", tenant())
                .param("id", bookingId)
                .update();
        register(bookingId, room, now);
    }

    private void register(UUID bookingId, LessonRooms.Room room, Instant now) {
        jdbc.sql("""
                        INSERT INTO lesson_room_directory (provider, room_id, tenant_id, booking_id, created_at)
                        VALUES (:provider, :room, :t, :booking, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .param("provider", room.provider())
                .param("room", room.id())
                .param("t", tenant())
                .param("booking", bookingId)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Appends an entry that changes no state (from = to) to the booking's history. */
    void historyNote(
            UUID bookingId,
            BookingState state,
            @Nullable UUID actorId,
            String actorRole,
            String reason,
            String detailsJson,
            Instant now) {
        jdbc.sql("""
                        INSERT INTO booking_history (id, tenant_id, booking_id, from_state, to_state, actor_id,
                                                     actor_role, reason, details, occurred_at)
                        VALUES (:id, :t, :booking, :state, :state, :actor, :role, :reason, :details::jsonb, :now)
                        """)
                .param("id", Ids.newId())
                .param("t", tenant())
                .param("booking", bookingId)
                .param("state", state.name())
                .param("actor", actorId)
                .param("role", actorRole)
                .param("reason", reason)
                .param("details", detailsJson)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }
}
