package io.lyceum.notifications;

import static io.lyceum.platform.SqlValues.instant;

import io.lyceum.platform.SqlValues;
import io.lyceum.shared.PageQuery;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The notifications table: the in-app feed, and the parent of each notification's deliveries. */
@Repository
class NotificationStore {

    private static final String COLUMNS = """
            id, recipient_id, kind, category, title, body, link, data, in_app, created_at, read_at, dismissed_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    NotificationStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a notification unless this event already made one for the recipient; empty then. */
    Optional<UUID> insert(
            UUID id,
            UUID recipientId,
            NotificationKind kind,
            NotificationCategory category,
            String eventKey,
            String title,
            String body,
            @Nullable String link,
            Map<String, Object> data,
            boolean inApp,
            Instant now) {
        return jdbc.sql("""
                        INSERT INTO notifications (id, tenant_id, recipient_id, kind, category, event_key, title, body,
                                                   link, data, in_app, created_at)
                        VALUES (:id, :tenant, :recipient, :kind, :category, :eventKey, :title, :body, :link,
                                CAST(:data AS jsonb), :inApp, :now)
                        ON CONFLICT (tenant_id, recipient_id, event_key) DO NOTHING
                        RETURNING id
                        """)
                .param("id", id)
                .param("tenant", TenantContext.require().value())
                .param("recipient", recipientId)
                .param("kind", kind.key)
                .param("category", category.name())
                .param("eventKey", eventKey)
                .param("title", title)
                .param("body", body)
                .param("link", link)
                .param("data", json.writeValueAsString(data))
                .param("inApp", inApp)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query(UUID.class)
                .optional();
    }

    boolean exists(UUID recipientId, String eventKey) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM notifications WHERE recipient_id = :r AND event_key = :k)")
                .param("r", recipientId)
                .param("k", eventKey)
                .query(Boolean.class)
                .single();
    }

    /** The recipient's in-app feed, newest first; {@code unreadOnly} leaves out what was read. */
    List<Notification> feed(UUID recipientId, boolean unreadOnly, PageQuery page) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM notifications
                        WHERE recipient_id = :r AND in_app AND deleted_at IS NULL
                          AND (NOT :unread OR read_at IS NULL)
                        ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
                        """)
                .param("r", recipientId)
                .param("unread", unreadOnly)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::map)
                .list();
    }

    long count(UUID recipientId, boolean unreadOnly) {
        return jdbc.sql("""
                        SELECT count(*) FROM notifications
                         WHERE recipient_id = :r AND in_app AND deleted_at IS NULL
                           AND (NOT :unread OR read_at IS NULL)
                        """)
                .param("r", recipientId)
                .param("unread", unreadOnly)
                .query(Long.class)
                .single();
    }

    /** One notification of any recipient, deleted ones left out. */
    Optional<Notification> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notifications WHERE id = :id AND deleted_at IS NULL")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Marks read (keeping the first time it was read); false when there is no such notification of the recipient. */
    boolean markRead(UUID id, UUID recipientId, Instant now) {
        return jdbc.sql("""
                        UPDATE notifications SET read_at = coalesce(read_at, :now)
                         WHERE id = :id AND recipient_id = :r AND in_app AND deleted_at IS NULL
                        """)
                        .param("id", id)
                        .param("r", recipientId)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update()
                > 0;
    }

    int markAllRead(UUID recipientId, Instant now) {
        return jdbc.sql("""
                        UPDATE notifications SET read_at = :now
                         WHERE recipient_id = :r AND in_app AND deleted_at IS NULL AND read_at IS NULL
                        """)
                .param("r", recipientId)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Dismissed: read, and out of the way (kept in the feed, flagged). */
    boolean dismiss(UUID id, UUID recipientId, Instant now) {
        return jdbc.sql("""
                        UPDATE notifications SET dismissed_at = coalesce(dismissed_at, :now),
                                                 read_at = coalesce(read_at, :now)
                         WHERE id = :id AND recipient_id = :r AND in_app AND deleted_at IS NULL
                        """)
                        .param("id", id)
                        .param("r", recipientId)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update()
                > 0;
    }

    /** Gone from the feed; the row stays for the deliveries' record (admins still see their status). */
    boolean delete(UUID id, UUID recipientId, Instant now) {
        return jdbc.sql("""
                        UPDATE notifications SET deleted_at = :now, read_at = coalesce(read_at, :now)
                         WHERE id = :id AND recipient_id = :r AND in_app AND deleted_at IS NULL
                        """)
                        .param("id", id)
                        .param("r", recipientId)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update()
                > 0;
    }

    /** Any notification, deleted or not, for admins. */
    Optional<Notification> findForAdmin(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notifications WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Every notification of the tenant, newest first, for admins; optionally one recipient's. */
    List<Notification> all(UUID recipientId, PageQuery page) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM notifications WHERE (CAST(:r AS uuid) IS NULL OR recipient_id = :r)
                        ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
                        """)
                .param("r", recipientId)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::map)
                .list();
    }

    long countAll(UUID recipientId) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE (CAST(:r AS uuid) IS NULL OR recipient_id = :r)")
                .param("r", recipientId)
                .query(Long.class)
                .single();
    }

    private Notification map(ResultSet rs, int row) throws SQLException {
        return new Notification(
                rs.getObject("id", UUID.class),
                rs.getObject("recipient_id", UUID.class),
                rs.getString("kind"),
                NotificationCategory.valueOf(rs.getString("category")),
                rs.getString("title"),
                rs.getString("body"),
                rs.getString("link"),
                json.readValue(rs.getString("data"), new TypeReference<Map<String, Object>>() {}),
                rs.getBoolean("in_app"),
                SqlValues.requiredInstant(rs, "created_at"),
                instant(rs, "read_at"),
                instant(rs, "dismissed_at"));
    }
}
