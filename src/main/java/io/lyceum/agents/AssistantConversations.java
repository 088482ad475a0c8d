package io.lyceum.agents;

import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The assistant's conversations, each its user's alone: anyone else gets 404 as if it did not exist. */
@Service
class AssistantConversations {

    /** History sent back to the model: at most this many earlier messages. */
    static final int HISTORY = 20;

    record Summary(UUID id, String title, Instant createdAt, Instant updatedAt) {}

    /** One kept message: user or assistant text, or a tool call with its result. */
    record Message(int seq, String role, Map<String, Object> content, Instant createdAt) {}

    record Conversation(UUID id, String title, Instant createdAt, Instant updatedAt, List<Message> messages) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;

    AssistantConversations(JdbcClient jdbc, JsonMapper json, Clock clock, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** The conversation to continue: the user's own (404 otherwise), or a new one titled after the first message. */
    UUID open(UUID userId, @Nullable UUID conversationId, String firstMessage) {

        if (conversationId != null) {
            requireOwn(userId, conversationId);
            return conversationId;
        }
        UUID id = Ids.newId();
        Instant now = clock.instant();
        String title = firstMessage.strip();
        jdbc.sql("""
                INSERT INTO agent_conversations (id, tenant_id, user_id, title, created_at, updated_at)
                VALUES (:id, :t, :u, :title, :now, :now)
                """)
                .param("id", id)
                .param("t", TenantContext.require().value())
                .param("u", userId)
                .param("title", title.length() > 80 ? title.substring(0, 80) + "…" : title)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    /** Appends messages in order, in one transaction (after the model's run, never during it). */
    void append(UUID conversationId, List<Map<String, Object>> messages) {
        transactions.executeWithoutResult(tx -> {
            // the row lock orders two runs of one conversation appending at once
            jdbc.sql("SELECT id FROM agent_conversations WHERE id = :c FOR UPDATE")
                    .param("c", conversationId)
                    .query(UUID.class)
                    .single();
            int next = jdbc.sql("""
                    SELECT coalesce(max(seq), 0) FROM agent_conversation_messages WHERE conversation_id = :c
                    """)
                            .param("c", conversationId)
                            .query(Integer.class)
                            .single()
                    + 1;
            Instant now = clock.instant();
            for (Map<String, Object> message : messages) {
                jdbc.sql("""
                        INSERT INTO agent_conversation_messages (id, tenant_id, conversation_id, seq, role, content,
                               created_at)
                        VALUES (:id, :t, :c, :seq, :role, CAST(:content AS jsonb), :now)
                        """)
                        .param("id", Ids.newId())
                        .param("t", TenantContext.require().value())
                        .param("c", conversationId)
                        .param("seq", next++)
                        .param("role", message.get("role"))
                        .param("content", json.writeValueAsString(message))
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update();
            }
            jdbc.sql("UPDATE agent_conversations SET updated_at = :now WHERE id = :c")
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .param("c", conversationId)
                    .update();
        });
    }

    PageResponse<Summary> list(UUID userId, PageQuery page) {
        var rows = jdbc.sql("""
                SELECT id, title, created_at, updated_at FROM agent_conversations WHERE user_id = :u
                 ORDER BY updated_at DESC, id DESC LIMIT :limit OFFSET :offset
                """)
                .param("u", userId)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, n) -> new Summary(
                        rs.getObject("id", UUID.class),
                        rs.getString("title"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM agent_conversations WHERE user_id = :u")
                .param("u", userId)
                .query(Long.class)
                .single();
        return PageResponse.of(rows, page, total);
    }

    Conversation get(UUID userId, UUID conversationId) {
        Summary s = requireOwn(userId, conversationId);
        return new Conversation(s.id(), s.title(), s.createdAt(), s.updatedAt(), messages(conversationId, 500));
    }

    /** The latest messages, oldest first. */
    @SuppressWarnings("unchecked")
    List<Message> messages(UUID conversationId, int limit) {
        return jdbc.sql("""
                SELECT * FROM (SELECT seq, role, content::text AS content, created_at FROM agent_conversation_messages
                                WHERE conversation_id = :c ORDER BY seq DESC LIMIT :limit) m ORDER BY seq
                """)
                .param("c", conversationId)
                .param("limit", limit)
                .query((rs, n) -> new Message(
                        rs.getInt("seq"),
                        rs.getString("role"),
                        json.readValue(rs.getString("content"), Map.class),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    void delete(UUID userId, UUID conversationId) {
        requireOwn(userId, conversationId);
        jdbc.sql("DELETE FROM agent_conversations WHERE id = :c")
                .param("c", conversationId)
                .update();
    }

    private Summary requireOwn(UUID userId, UUID conversationId) {
        return jdbc.sql("""
                SELECT id, title, created_at, updated_at FROM agent_conversations WHERE id = :c AND user_id = :u
                """)
                .param("c", conversationId)
                .param("u", userId)
                .query((rs, n) -> new Summary(
                        rs.getObject("id", UUID.class),
                        rs.getString("title"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional()
                .orElseThrow(() -> LyceumException.notFound(
                        "agents.conversation_not_found", "You have no assistant conversation with this id."));
    }
}
