package io.lyceum.scheduling;

import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Processed Lessonspace events, the room directory look-up, and what a finished session writes on its booking. */
@Repository
class LessonspaceWebhookStore {

    record RoomOwner(TenantId tenantId, UUID bookingId) {}

    private final JdbcClient jdbc;

    LessonspaceWebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant and booking of a room; the directory is not tenant-isolated, so this works before any is bound. */
    Optional<RoomOwner> owner(String provider, String roomId) {
        return jdbc.sql("SELECT tenant_id, booking_id FROM lesson_room_directory WHERE provider = :p AND room_id = :r")
                .param("p", provider)
                .param("r", roomId)
                .query((rs, n) -> new RoomOwner(
                        new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getObject("booking_id", UUID.class)))
                .optional();
    }

    /** Records an event as handled; false when it was handled before (a replay). */
    boolean record(String eventId, String type, @Nullable RoomOwner owner, String outcome, Instant now) {
        return jdbc.sql("""
                        INSERT INTO lessonspace_webhook_events (event_id, event_type, tenant_id, booking_id, outcome,
                                                                received_at)
                        VALUES (:id, :type, :tenant, :booking, :outcome, :now)
                        ON CONFLICT (event_id) DO NOTHING
                        """)
                        .param("id", eventId)
                        .param("type", type)
                        .param("tenant", owner == null ? null : owner.tenantId().value())
                        .param("booking", owner == null ? null : owner.bookingId())
                        .param("outcome", outcome)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    /** Appends a finished session to the booking's attendance and keeps the newest recording link. */
    boolean applySessionEnd(UUID bookingId, @Nullable String recordingUrl, String sessionJson, Instant now) {
        return jdbc.sql("""
                        UPDATE bookings
                           SET recording_url = coalesce(:url, recording_url),
                               attendance = jsonb_set(coalesce(attendance, '{}'::jsonb), '{sessions}',
                                                      coalesce(attendance -> 'sessions', '[]'::jsonb)
                                                          || jsonb_build_array(:session::jsonb)),
                               updated_at = :now
                         WHERE tenant_id = :t AND id = :id
                        """)
                        .param("url", recordingUrl)
                        .param("session", sessionJson)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .param("t", TenantContext.require().value())
                        .param("id", bookingId)
                        .update()
                == 1;
    }
}
