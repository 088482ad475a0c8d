package io.lyceum.scheduling;

import static io.lyceum.platform.SqlValues.instant;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Calendar feed tokens (hashed), the bookings a feed or an invite shows, and the invites already sent. */
@Repository
class CalendarFeedStore {

    record Feed(
            UUID id,
            UUID userId,
            Instant createdAt,
            @Nullable Instant lastUsedAt) {}

    /** What a calendar shows of a booking. */
    record CalendarBooking(
            UUID id,
            UUID tutorId,
            UUID studentId,
            UUID bookedBy,
            BookingState state,
            Instant startsAt,
            Instant endsAt,
            int rescheduleCount,
            Instant updatedAt) {

        List<UUID> participants() {
            return java.util.stream.Stream.of(tutorId, studentId, bookedBy)
                    .distinct()
                    .toList();
        }
    }

    /** The states a feed lists; cancelled and declined lessons appear as STATUS:CANCELLED. */
    static final List<String> FEED_STATES = BookingState.namesWhere(BookingState::listedInCalendar);

    private final JdbcClient jdbc;

    CalendarFeedStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    // ---- tokens

    /** The tenant of a live token's hash. The directory is not tenant-isolated: this works with any tenant bound. */
    Optional<TenantId> tenantOf(String tokenHash) {
        return jdbc.sql("SELECT tenant_id FROM calendar_feed_directory WHERE token_hash = :h")
                .param("h", tokenHash)
                .query(UUID.class)
                .optional()
                .map(TenantId::new);
    }

    Optional<Feed> liveByHash(String tokenHash) {
        return jdbc.sql("""
                        SELECT id, user_id, created_at, last_used_at FROM calendar_feeds
                         WHERE tenant_id = :t AND token_hash = :h AND revoked_at IS NULL
                        """)
                .param("t", tenant())
                .param("h", tokenHash)
                .query(CalendarFeedStore::feed)
                .optional();
    }

    Optional<Feed> liveOf(UUID userId) {
        return jdbc.sql("""
                        SELECT id, user_id, created_at, last_used_at FROM calendar_feeds
                         WHERE tenant_id = :t AND user_id = :u AND revoked_at IS NULL
                        """)
                .param("t", tenant())
                .param("u", userId)
                .query(CalendarFeedStore::feed)
                .optional();
    }

    private static Feed feed(ResultSet rs, int n) throws SQLException {
        return new Feed(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                requiredInstant(rs, "created_at"),
                instant(rs, "last_used_at"));
    }

    void insert(UUID id, UUID userId, String tokenHash, Instant now) {
        jdbc.sql("""
                        INSERT INTO calendar_feeds (id, tenant_id, user_id, token_hash, created_at)
                        VALUES (:id, :t, :u, :h, :now)
                        """)
                .param("id", id)
                .param("t", tenant())
                .param("u", userId)
                .param("h", tokenHash)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        jdbc.sql("INSERT INTO calendar_feed_directory (token_hash, tenant_id) VALUES (:h, :t)")
                .param("h", tokenHash)
                .param("t", tenant())
                .update();
    }

    /** Revokes the user's live feed, if any; true when there was one. */
    boolean revoke(UUID userId, Instant now) {
        List<String> hashes = jdbc.sql("""
                        UPDATE calendar_feeds SET revoked_at = :now
                         WHERE tenant_id = :t AND user_id = :u AND revoked_at IS NULL
                        RETURNING token_hash
                        """)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("t", tenant())
                .param("u", userId)
                .query(String.class)
                .list();
        for (String hash : hashes) {
            jdbc.sql("DELETE FROM calendar_feed_directory WHERE token_hash = :h AND tenant_id = :t")
                    .param("h", hash)
                    .param("t", tenant())
                    .update();
        }
        return !hashes.isEmpty();
    }

    /** Notes a fetch, at most once an hour per feed so that polling calendars do not write on every request. */
    void touch(UUID feedId, Instant now) {
        jdbc.sql("""
                        UPDATE calendar_feeds SET last_used_at = :now
                         WHERE tenant_id = :t AND id = :id
                           AND (last_used_at IS NULL OR last_used_at < :now - interval '1 hour')
                        """)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("t", tenant())
                .param("id", feedId)
                .update();
    }

    // ---- bookings

    private static final String BOOKING_COLUMNS = """
            id, tutor_id, student_id, booked_by, state, starts_at, ends_at, reschedule_count, updated_at
            """;

    private static CalendarBooking booking(ResultSet rs, int n) throws SQLException {
        return new CalendarBooking(
                rs.getObject("id", UUID.class),
                rs.getObject("tutor_id", UUID.class),
                rs.getObject("student_id", UUID.class),
                rs.getObject("booked_by", UUID.class),
                BookingState.valueOf(rs.getString("state")),
                requiredInstant(rs, "starts_at"),
                requiredInstant(rs, "ends_at"),
                rs.getInt("reschedule_count"),
                requiredInstant(rs, "updated_at"));
    }

    /** The user's lessons (as tutor, student or the one who booked) starting from {@code since}, earliest first. */
    List<CalendarBooking> bookingsOf(UUID userId, Instant since, int limit) {
        return jdbc.sql("SELECT " + BOOKING_COLUMNS + """
                         FROM bookings
                        WHERE tenant_id = :t AND (tutor_id = :u OR student_id = :u OR booked_by = :u)
                          AND starts_at >= :since AND state IN (:states)
                        ORDER BY starts_at, id LIMIT :limit
                        """)
                .param("t", tenant())
                .param("u", userId)
                .param("since", since.atOffset(ZoneOffset.UTC))
                .param("states", FEED_STATES)
                .param("limit", limit)
                .query(CalendarFeedStore::booking)
                .list();
    }

    /** An approved preliminary meeting as a calendar shows it. */
    record CalendarMeeting(
            UUID id,
            UUID tutorId,
            UUID studentId,
            Instant startsAt,
            Instant endsAt,
            String meetingUrl,
            Instant updatedAt) {}

    /** The user's approved preliminary meetings (as tutor, student or the one who asked) from {@code since}. */
    List<CalendarMeeting> meetingsOf(UUID userId, Instant since, int limit) {
        return jdbc.sql("""
                        SELECT id, tutor_id, student_id, starts_at, ends_at, meeting_url, updated_at
                          FROM preliminary_meetings
                         WHERE tenant_id = :t AND (tutor_id = :u OR student_id = :u OR requested_by = :u)
                           AND state = 'APPROVED' AND starts_at >= :since
                         ORDER BY starts_at, id LIMIT :limit
                        """)
                .param("t", tenant())
                .param("u", userId)
                .param("since", since.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query((rs, n) -> new CalendarMeeting(
                        rs.getObject("id", UUID.class),
                        rs.getObject("tutor_id", UUID.class),
                        rs.getObject("student_id", UUID.class),
                        // an approved meeting has its times and its link (the table's checks)
                        requiredInstant(rs, "starts_at"),
                        requiredInstant(rs, "ends_at"),
                        rs.getString("meeting_url"),
                        requiredInstant(rs, "updated_at")))
                .list();
    }

    Optional<CalendarBooking> booking(UUID bookingId) {
        return jdbc.sql("SELECT " + BOOKING_COLUMNS + " FROM bookings WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", bookingId)
                .query(CalendarFeedStore::booking)
                .optional();
    }

    // ---- invites

    /** Marks an invite as sent; false when it had been already. */
    boolean markInviteSent(UUID bookingId, String eventKey, Instant now) {
        return jdbc.sql("""
                        INSERT INTO calendar_invites_sent (tenant_id, booking_id, event_key, sent_at)
                        VALUES (:t, :b, :k, :now) ON CONFLICT DO NOTHING
                        """)
                        .param("t", tenant())
                        .param("b", bookingId)
                        .param("k", eventKey)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    boolean inviteSent(UUID bookingId, String eventKey) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM calendar_invites_sent
                                        WHERE tenant_id = :t AND booking_id = :b AND event_key = :k)
                        """)
                .param("t", tenant())
                .param("b", bookingId)
                .param("k", eventKey)
                .query(Boolean.class)
                .single();
    }
}
