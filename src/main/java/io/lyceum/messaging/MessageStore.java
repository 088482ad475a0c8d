package io.lyceum.messaging;

import static io.lyceum.messaging.ConversationStore.utc;
import static io.lyceum.platform.SqlValues.instant;

import io.lyceum.platform.SqlValues;
import io.lyceum.shared.Ids;
import io.lyceum.shared.PageQuery;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Messages, their edit history, attachments, moderation and its log. */
@Repository
class MessageStore {

    private static final String COLUMNS = "m.id, m.conversation_id, m.seq, m.sender_id, m.sender_name, m.type, m.body, "
            + "m.content::text AS content, m.reply_to_id, m.reply_preview, m.client_id, m.masked, m.created_at, "
            + "m.edited_at, m.deleted_at";

    private final JdbcClient jdbc;

    MessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ChatMessage m, @Nullable String dedupeKey) {
        jdbc.sql("""
                INSERT INTO chat_messages (id, tenant_id, conversation_id, seq, sender_id, sender_name, type, body,
                                           content, reply_to_id, reply_preview, client_id, dedupe_key, masked, created_at)
                VALUES (:id, :t, :c, :seq, :sender, :senderName, :type, :body, CAST(:content AS jsonb), :replyTo,
                        :replyPreview, :clientId, :dedupe, :masked, :at)
                """)
                .param("id", m.id())
                .param("t", TenantContext.require().value())
                .param("c", m.conversationId())
                .param("seq", m.seq())
                .param("sender", m.senderId())
                .param("senderName", m.senderName())
                .param("type", m.type().name())
                .param("body", m.body())
                .param("content", m.content())
                .param("replyTo", m.replyToId())
                .param("replyPreview", m.replyPreview())
                .param("clientId", m.clientId())
                .param("dedupe", dedupeKey)
                .param("masked", m.masked())
                .param("at", utc(m.createdAt()))
                .update();
    }

    Optional<ChatMessage> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_messages m WHERE m.id = :id")
                .param("id", id)
                .query(MessageStore::message)
                .optional();
    }

    Optional<UUID> findByDedupeKey(UUID conversationId, String dedupeKey) {
        return jdbc.sql("SELECT id FROM chat_messages WHERE conversation_id = :c AND dedupe_key = :k")
                .param("c", conversationId)
                .param("k", dedupeKey)
                .query(UUID.class)
                .optional();
    }

    Optional<ChatMessage> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_messages m WHERE m.id = :id FOR UPDATE")
                .param("id", id)
                .query(MessageStore::message)
                .optional();
    }

    /** Newest first, older than {@code before} (exclusive) when given. */
    List<ChatMessage> older(UUID conversationId, @Nullable Long before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_messages m WHERE m.conversation_id = :c"
                        + (before == null ? "" : " AND m.seq < :before") + " ORDER BY m.seq DESC LIMIT :limit")
                .param("c", conversationId)
                .param("before", before == null ? 0L : before)
                .param("limit", limit)
                .query(MessageStore::message)
                .list();
    }

    /** Oldest first, newer than {@code after} (exclusive): what a client that saw {@code after} missed. */
    List<ChatMessage> newer(UUID conversationId, long after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_messages m WHERE m.conversation_id = :c AND m.seq > :after "
                        + "ORDER BY m.seq ASC LIMIT :limit")
                .param("c", conversationId)
                .param("after", after)
                .param("limit", limit)
                .query(MessageStore::message)
                .list();
    }

    /** The messages of some conversations written in [from, to), oldest first. */
    List<ChatMessage> between(Collection<UUID> conversations, Instant from, Instant to, int limit) {
        if (conversations.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_messages m WHERE m.conversation_id IN (:c) "
                        + "AND m.created_at >= :from AND m.created_at < :to ORDER BY m.created_at, m.seq LIMIT :limit")
                .param("c", conversations)
                .param("from", utc(from))
                .param("to", utc(to))
                .param("limit", limit)
                .query(MessageStore::message)
                .list();
    }

    /** Messages a user sent (in the current tenant) since a moment: the per-minute allowance. */
    long sentSince(UUID sender, Instant since) {
        return jdbc.sql("SELECT count(*) FROM chat_messages WHERE sender_id = :s AND created_at > :since")
                .param("s", sender)
                .param("since", utc(since))
                .query(Long.class)
                .single();
    }

    /** Serialises one user's sends for the rest of the transaction, so the per-minute count cannot be raced. */
    void lockSender(UUID sender) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('chat-sender:' || :s, 0))")
                .param("s", sender.toString())
                .query((rs, i) -> 1)
                .single();
    }

    void edit(UUID id, String previousBody, String newBody, boolean masked, UUID editor, Instant now) {
        jdbc.sql("""
                INSERT INTO chat_message_edits (id, tenant_id, message_id, previous_body, edited_by, edited_at)
                VALUES (:id, :t, :m, :previous, :editor, :now)
                """)
                .param("id", Ids.newId())
                .param("t", TenantContext.require().value())
                .param("m", id)
                .param("previous", previousBody)
                .param("editor", editor)
                .param("now", utc(now))
                .update();
        jdbc.sql("UPDATE chat_messages SET body = :body, masked = masked OR :masked, edited_at = :now,"
                        + " content = jsonb_set(content, '{body}', to_jsonb(CAST(:body AS text))) WHERE id = :id")
                .param("id", id)
                .param("body", newBody)
                .param("masked", masked)
                .param("now", utc(now))
                .update();
    }

    record Edit(String previousBody, UUID editedBy, Instant editedAt) {}

    /** One page of a message's earlier versions, oldest first. */
    io.lyceum.shared.PageResponse<Edit> edits(UUID messageId, PageQuery page) {
        long total = jdbc.sql("SELECT count(*) FROM chat_message_edits WHERE message_id = :m")
                .param("m", messageId)
                .query(Long.class)
                .single();
        List<Edit> rows = jdbc.sql("SELECT previous_body, edited_by, edited_at FROM chat_message_edits "
                        + "WHERE message_id = :m ORDER BY edited_at, id LIMIT :limit OFFSET :offset")
                .param("m", messageId)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, i) -> new Edit(
                        rs.getString("previous_body"),
                        (UUID) rs.getObject("edited_by"),
                        SqlValues.requiredInstant(rs, "edited_at")))
                .list();
        return io.lyceum.shared.PageResponse.of(rows, page, total);
    }

    void softDelete(UUID id, UUID by, Instant now) {
        jdbc.sql("UPDATE chat_messages SET deleted_at = :now, deleted_by = :by WHERE id = :id AND deleted_at IS NULL")
                .param("id", id)
                .param("by", by)
                .param("now", utc(now))
                .update();
    }

    /** Full-text search (simple dictionary, any language) within the given conversations, best match then newest. */
    List<ChatMessage> search(Collection<UUID> conversations, String query, PageQuery page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_messages m WHERE m.conversation_id IN (:cs) "
                        + "AND m.deleted_at IS NULL AND m.search @@ websearch_to_tsquery('simple', :q) "
                        + "ORDER BY ts_rank(m.search, websearch_to_tsquery('simple', :q)) DESC, m.created_at DESC "
                        + "LIMIT :limit OFFSET :offset")
                .param("cs", conversations)
                .param("q", query)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(MessageStore::message)
                .list();
    }

    long countSearch(Collection<UUID> conversations, String query) {
        return jdbc.sql("SELECT count(*) FROM chat_messages m WHERE m.conversation_id IN (:cs) "
                        + "AND m.deleted_at IS NULL AND m.search @@ websearch_to_tsquery('simple', :q)")
                .param("cs", conversations)
                .param("q", query)
                .query(Long.class)
                .single();
    }

    // attachments

    record Attachment(
            UUID id,
            UUID conversationId,
            UUID messageId,
            UUID uploadedBy,
            String storageKey,
            String fileName,
            String contentType,
            long sizeBytes,
            String sha256,
            Instant createdAt) {}

    void insertAttachment(Attachment a) {
        jdbc.sql("""
                INSERT INTO chat_attachments (id, tenant_id, conversation_id, message_id, uploaded_by, storage_key,
                                              file_name, content_type, size_bytes, sha256, created_at)
                VALUES (:id, :t, :c, :m, :by, :key, :name, :type, :size, :sha, :at)
                """)
                .param("id", a.id())
                .param("t", TenantContext.require().value())
                .param("c", a.conversationId())
                .param("m", a.messageId())
                .param("by", a.uploadedBy())
                .param("key", a.storageKey())
                .param("name", a.fileName())
                .param("type", a.contentType())
                .param("size", a.sizeBytes())
                .param("sha", a.sha256())
                .param("at", utc(a.createdAt()))
                .update();
    }

    Optional<Attachment> attachment(UUID id) {
        return jdbc.sql("SELECT * FROM chat_attachments WHERE id = :id")
                .param("id", id)
                .query((rs, i) -> new Attachment(
                        (UUID) rs.getObject("id"),
                        (UUID) rs.getObject("conversation_id"),
                        (UUID) rs.getObject("message_id"),
                        (UUID) rs.getObject("uploaded_by"),
                        rs.getString("storage_key"),
                        rs.getString("file_name"),
                        rs.getString("content_type"),
                        rs.getLong("size_bytes"),
                        rs.getString("sha256"),
                        SqlValues.requiredInstant(rs, "created_at")))
                .optional();
    }

    // moderation

    record Restriction(
            UUID id,
            String action,
            @Nullable String reason,
            @Nullable Instant expiresAt) {}

    /** The user's live block or silence in a room, if any. */
    Optional<Restriction> activeRestriction(UUID conversationId, UUID user, String action, Instant now) {
        return jdbc.sql("""
                SELECT id, action, reason, expires_at FROM chat_moderations
                 WHERE conversation_id = :c AND user_id = :u AND action = :a AND lifted_at IS NULL
                   AND (expires_at IS NULL OR expires_at > :now)
                 ORDER BY created_at DESC LIMIT 1
                """)
                .param("c", conversationId)
                .param("u", user)
                .param("a", action)
                .param("now", utc(now))
                .query((rs, i) -> new Restriction(
                        (UUID) rs.getObject("id"),
                        rs.getString("action"),
                        rs.getString("reason"),
                        instant(rs, "expires_at")))
                .optional();
    }

    void restrict(
            UUID conversationId,
            UUID user,
            String action,
            @Nullable String reason,
            int durationSeconds,
            UUID issuer,
            Instant now) {
        lift(conversationId, user, action, issuer, now); // a new block or silence replaces the live one
        jdbc.sql("""
                INSERT INTO chat_moderations (id, tenant_id, conversation_id, user_id, action, reason, duration_seconds,
                                              expires_at, issued_by, created_at)
                VALUES (:id, :t, :c, :u, :a, :reason, :d, :expires, :by, :now)
                """)
                .param("id", Ids.newId())
                .param("t", TenantContext.require().value())
                .param("c", conversationId)
                .param("u", user)
                .param("a", action)
                .param("reason", reason)
                .param("d", durationSeconds)
                .param("expires", durationSeconds == 0 ? null : utc(now.plusSeconds(durationSeconds)))
                .param("by", issuer)
                .param("now", utc(now))
                .update();
    }

    int lift(UUID conversationId, UUID user, String action, UUID by, Instant now) {
        return jdbc.sql("""
                UPDATE chat_moderations SET lifted_at = :now, lifted_by = :by
                 WHERE conversation_id = :c AND user_id = :u AND action = :a AND lifted_at IS NULL
                   AND (expires_at IS NULL OR expires_at > :now)
                """)
                .param("c", conversationId)
                .param("u", user)
                .param("a", action)
                .param("by", by)
                .param("now", utc(now))
                .update();
    }

    void log(
            UUID conversationId,
            UUID actor,
            @Nullable UUID target,
            String action,
            @Nullable String reason,
            @Nullable Integer duration,
            Instant now) {
        jdbc.sql("""
                INSERT INTO chat_moderation_log (id, tenant_id, conversation_id, actor_id, target_user_id, action, reason,
                                                 duration_seconds, created_at)
                VALUES (:id, :t, :c, :actor, :target, :action, :reason, :d, :now)
                """)
                .param("id", Ids.newId())
                .param("t", TenantContext.require().value())
                .param("c", conversationId)
                .param("actor", actor)
                .param("target", target)
                .param("action", action)
                .param("reason", reason)
                .param("d", duration)
                .param("now", utc(now))
                .update();
    }

    record LogEntry(
            UUID id,
            UUID conversationId,
            UUID actorId,
            @Nullable UUID targetUserId,
            String action,
            @Nullable String reason,
            @Nullable Integer durationSeconds,
            Instant createdAt) {}

    List<LogEntry> logEntries(@Nullable UUID conversationId, PageQuery page) {
        return jdbc.sql("SELECT * FROM chat_moderation_log"
                        + (conversationId == null ? "" : " WHERE conversation_id = :c")
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .param("c", conversationId == null ? UUID.randomUUID() : conversationId)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, i) -> new LogEntry(
                        (UUID) rs.getObject("id"),
                        (UUID) rs.getObject("conversation_id"),
                        (UUID) rs.getObject("actor_id"),
                        (UUID) rs.getObject("target_user_id"),
                        rs.getString("action"),
                        rs.getString("reason"),
                        (Integer) rs.getObject("duration_seconds"),
                        SqlValues.requiredInstant(rs, "created_at")))
                .list();
    }

    long countLog(@Nullable UUID conversationId) {
        return jdbc.sql("SELECT count(*) FROM chat_moderation_log"
                        + (conversationId == null ? "" : " WHERE conversation_id = :c"))
                .param("c", conversationId == null ? UUID.randomUUID() : conversationId)
                .query(Long.class)
                .single();
    }

    static ChatMessage message(ResultSet rs, int row) throws SQLException {
        return new ChatMessage(
                (UUID) rs.getObject("id"),
                (UUID) rs.getObject("conversation_id"),
                rs.getLong("seq"),
                (UUID) rs.getObject("sender_id"),
                rs.getString("sender_name"),
                MessageType.valueOf(rs.getString("type")),
                rs.getString("body"),
                rs.getString("content"),
                (UUID) rs.getObject("reply_to_id"),
                rs.getString("reply_preview"),
                rs.getString("client_id"),
                rs.getBoolean("masked"),
                SqlValues.requiredInstant(rs, "created_at"),
                instant(rs, "edited_at"),
                instant(rs, "deleted_at"));
    }
}
