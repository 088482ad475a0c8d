package io.lyceum.messaging;

import static io.lyceum.platform.SqlValues.instant;

import io.lyceum.platform.SqlValues;
import io.lyceum.shared.Ids;
import io.lyceum.shared.PageQuery;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conversations, read state, paid pairs and the tenant's messaging settings. */
@Repository
class ConversationStore {

    private static final String COLUMNS = "c.id, c.type, c.participant_a, c.participant_b, c.status, c.opened_by, "
            + "c.last_seq, c.last_message_at, c.last_message_preview, c.created_at";

    private final JdbcClient jdbc;

    ConversationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    Optional<Conversation> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM conversations c WHERE c.id = :id")
                .param("id", id)
                .query(ConversationStore::conversation)
                .optional();
    }

    /** The lesson conversations (student–tutor, guardian–tutor) between a tutor and any of the given people. */
    List<Conversation> betweenTutorAnd(UUID tutorId, java.util.Collection<UUID> others) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM conversations c WHERE c.participant_b = :tutor "
                        + "AND c.participant_a IN (:others) AND c.type IN ('STUDENT_TUTOR', 'GUARDIAN_TUTOR') "
                        + "ORDER BY c.created_at")
                .param("tutor", tutorId)
                .param("others", others)
                .query(ConversationStore::conversation)
                .list();
    }

    Optional<Conversation> findPair(ConversationType type, UUID a, UUID b) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM conversations c "
                        + "WHERE c.type = :type AND c.participant_a = :a AND c.participant_b = :b")
                .param("type", type.name())
                .param("a", a)
                .param("b", b)
                .query(ConversationStore::conversation)
                .optional();
    }

    /** Finds or creates the pair's conversation; the unique constraint settles a race between two openers. */
    Conversation open(ConversationType type, UUID a, UUID b, String openedBy, Instant now) {
        jdbc.sql("""
                INSERT INTO conversations (id, tenant_id, type, participant_a, participant_b, opened_by, created_at)
                VALUES (:id, :tenant, :type, :a, :b, :openedBy, :now)
                ON CONFLICT (tenant_id, type, participant_a, participant_b) DO NOTHING
                """)
                .param("id", Ids.newId())
                .param("tenant", TenantContext.require().value())
                .param("type", type.name())
                .param("a", a)
                .param("b", b)
                .param("openedBy", openedBy)
                .param("now", utc(now))
                .update();
        return findPair(type, a, b).orElseThrow();
    }

    /**
     * Takes the conversation's next message sequence and records the message as its latest. Locks the row until the
     * transaction ends, so a conversation's messages commit in sequence order.
     */
    long nextSeq(UUID conversationId, Instant at, String preview) {
        return jdbc.sql("""
                UPDATE conversations SET last_seq = last_seq + 1, last_message_at = :at, last_message_preview = :preview
                 WHERE id = :id RETURNING last_seq
                """)
                .param("id", conversationId)
                .param("at", utc(at))
                .param("preview", preview)
                .query(Long.class)
                .single();
    }

    void setStatus(UUID id, String status) {
        jdbc.sql("UPDATE conversations SET status = :status WHERE id = :id")
                .param("id", id)
                .param("status", status)
                .update();
    }

    /** A conversation as a reader sees it in the inbox. */
    record Thread(Conversation conversation, long lastReadSeq, long unread) {}

    private static final String THREAD_SELECT =
            "SELECT " + COLUMNS + ", coalesce(r.last_read_seq, 0) AS last_read_seq, "
                    + "(SELECT count(*) FROM chat_messages m WHERE m.conversation_id = c.id AND m.seq > coalesce(r.last_read_seq, 0) "
                    + "   AND m.deleted_at IS NULL AND m.sender_id IS DISTINCT FROM :user) AS unread "
                    + "FROM conversations c LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = :user ";

    /** The reader's conversations (as a participant, or as the guardian of one of {@code minors}), latest first. */
    List<Thread> threads(UUID user, Collection<UUID> minors, PageQuery page) {
        return jdbc.sql(THREAD_SELECT + "WHERE " + visible(minors)
                        + " ORDER BY c.last_message_at DESC NULLS LAST, c.id DESC LIMIT :limit OFFSET :offset")
                .param("user", user)
                .param("minors", minors.isEmpty() ? List.of(user) : minors)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(ConversationStore::thread)
                .list();
    }

    List<UUID> visibleIds(UUID user, Collection<UUID> minors) {
        return jdbc.sql("SELECT c.id FROM conversations c WHERE " + visible(minors))
                .param("user", user)
                .param("minors", minors.isEmpty() ? List.of(user) : minors)
                .query(UUID.class)
                .list();
    }

    long countThreads(UUID user, Collection<UUID> minors) {
        return jdbc.sql("SELECT count(*) FROM conversations c WHERE " + visible(minors))
                .param("user", user)
                .param("minors", minors.isEmpty() ? List.of(user) : minors)
                .query(Long.class)
                .single();
    }

    Thread thread(UUID user, UUID conversationId) {
        return jdbc.sql(THREAD_SELECT + "WHERE c.id = :id")
                .param("user", user)
                .param("id", conversationId)
                .query(ConversationStore::thread)
                .single();
    }

    /** Unread messages and the conversations that have any, over the user's own conversations. */
    long[] unread(UUID user) {
        return jdbc.sql("""
                SELECT coalesce(sum(n), 0) AS total, count(*) FILTER (WHERE n > 0) AS rooms FROM (
                  SELECT (SELECT count(*) FROM chat_messages m WHERE m.conversation_id = c.id
                            AND m.seq > coalesce(r.last_read_seq, 0) AND m.deleted_at IS NULL
                            AND m.sender_id IS DISTINCT FROM :user) AS n
                    FROM conversations c LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = :user
                   WHERE c.participant_a = :user OR c.participant_b = :user) t
                """)
                .param("user", user)
                .query((rs, i) -> new long[] {rs.getLong("total"), rs.getLong("rooms")})
                .single();
    }

    /** Moves the reader's mark forward (never back); returns the mark afterwards. */
    long markRead(UUID conversationId, UUID user, long seq, Instant now) {
        return jdbc.sql("""
                INSERT INTO conversation_reads (conversation_id, user_id, tenant_id, last_read_seq, read_at)
                VALUES (:c, :u, :tenant, :seq, :now)
                ON CONFLICT (conversation_id, user_id) DO UPDATE
                   SET last_read_seq = greatest(conversation_reads.last_read_seq, excluded.last_read_seq),
                       read_at = excluded.read_at
                RETURNING last_read_seq
                """)
                .param("c", conversationId)
                .param("u", user)
                .param("tenant", TenantContext.require().value())
                .param("seq", seq)
                .param("now", utc(now))
                .query(Long.class)
                .single();
    }

    /** Each other participant's read mark, for receipts. */
    List<ReadMark> readMarks(UUID conversationId) {
        return jdbc.sql("SELECT user_id, last_read_seq, read_at FROM conversation_reads WHERE conversation_id = :c")
                .param("c", conversationId)
                .query((rs, i) -> new ReadMark(
                        (UUID) rs.getObject("user_id"),
                        rs.getLong("last_read_seq"),
                        SqlValues.requiredInstant(rs, "read_at")))
                .list();
    }

    record ReadMark(UUID userId, long lastReadSeq, Instant readAt) {}

    void recordPaidPair(UUID user, UUID tutor, Instant at) {
        jdbc.sql("""
                INSERT INTO messaging_paid_pairs (tenant_id, user_id, tutor_id, first_paid_at) VALUES (:t, :u, :tutor, :at)
                ON CONFLICT DO NOTHING
                """)
                .param("t", TenantContext.require().value())
                .param("u", user)
                .param("tutor", tutor)
                .param("at", utc(at))
                .update();
    }

    boolean paidPair(UUID user, UUID tutor) {
        return jdbc.sql("SELECT count(*) FROM messaging_paid_pairs WHERE user_id = :u AND tutor_id = :tutor")
                        .param("u", user)
                        .param("tutor", tutor)
                        .query(Long.class)
                        .single()
                > 0;
    }

    MessagingSettings settings() {
        return jdbc.sql("SELECT mask_contacts_until_paid, guardians_read_minors, first_contact_allowed "
                        + "FROM messaging_settings")
                .query((rs, i) -> new MessagingSettings(
                        rs.getBoolean("mask_contacts_until_paid"),
                        rs.getBoolean("guardians_read_minors"),
                        rs.getBoolean("first_contact_allowed")))
                .optional()
                .orElse(MessagingSettings.DEFAULTS);
    }

    void saveSettings(MessagingSettings settings, Instant now) {
        jdbc.sql("""
                INSERT INTO messaging_settings (tenant_id, mask_contacts_until_paid, guardians_read_minors,
                                                first_contact_allowed, updated_at)
                VALUES (:t, :mask, :guardians, :first, :now)
                ON CONFLICT (tenant_id) DO UPDATE SET mask_contacts_until_paid = excluded.mask_contacts_until_paid,
                    guardians_read_minors = excluded.guardians_read_minors,
                    first_contact_allowed = excluded.first_contact_allowed, updated_at = excluded.updated_at
                """)
                .param("t", TenantContext.require().value())
                .param("mask", settings.maskContactsUntilPaid())
                .param("guardians", settings.guardiansReadMinors())
                .param("first", settings.firstContactAllowed())
                .param("now", utc(now))
                .update();
    }

    private static String visible(Collection<UUID> minors) {
        return minors.isEmpty()
                ? "(c.participant_a = :user OR c.participant_b = :user)"
                : "(c.participant_a = :user OR c.participant_b = :user "
                        + "OR (c.type = 'STUDENT_TUTOR' AND c.participant_a IN (:minors)))";
    }

    private static Thread thread(ResultSet rs, int row) throws SQLException {
        return new Thread(conversation(rs, row), rs.getLong("last_read_seq"), rs.getLong("unread"));
    }

    static Conversation conversation(ResultSet rs, int row) throws SQLException {
        return new Conversation(
                (UUID) rs.getObject("id"),
                ConversationType.valueOf(rs.getString("type")),
                (UUID) rs.getObject("participant_a"),
                (UUID) rs.getObject("participant_b"),
                rs.getString("status"),
                rs.getString("opened_by"),
                rs.getLong("last_seq"),
                instant(rs, "last_message_at"),
                rs.getString("last_message_preview"),
                SqlValues.requiredInstant(rs, "created_at"));
    }
}
