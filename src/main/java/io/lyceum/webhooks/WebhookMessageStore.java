package io.lyceum.webhooks;

import static io.lyceum.webhooks.WebhookSubscriptionStore.tenant;
import static io.lyceum.webhooks.WebhookSubscriptionStore.utc;

import io.lyceum.platform.SqlValues;
import io.lyceum.shared.Ids;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The durable delivery queue of the current tenant: one message per (event, subscription), its state and every
 * attempt to deliver it. Claiming takes due messages with {@code FOR UPDATE SKIP LOCKED} and reserves them for a
 * lease, so any number of instances share the queue and a message held by an instance that died is taken again.
 */
@Repository
class WebhookMessageStore {

    /** A message as the delivery log shows it. */
    record Message(
            UUID id,
            UUID subscriptionId,
            String eventType,
            String payload,
            String status,
            int attempts,
            @Nullable Instant nextAttemptAt,
            @Nullable Instant giveUpAt,
            Integer lastStatusCode,
            String lastError,
            Instant createdAt,
            @Nullable Instant deliveredAt) {}

    /** One delivery attempt. */
    record Attempt(
            int attempt,
            Instant startedAt,
            long durationMs,
            boolean succeeded,
            @Nullable Integer statusCode,
            @Nullable String responseExcerpt,
            @Nullable String error) {}

    /** A message claimed for delivery, with what sending it needs. */
    record Claimed(
            UUID id,
            UUID subscriptionId,
            UUID claimToken,
            String eventType,
            String payload,
            int attempt,
            @Nullable Instant giveUpAt,
            String url) {}

    private final JdbcClient jdbc;

    WebhookMessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a message unless this subscription already has one for the event; true when it was queued. */
    boolean enqueue(
            UUID subscriptionId, String eventType, String eventKey, String payload, Instant now, Instant giveUp) {
        return jdbc.sql("""
                        INSERT INTO webhook_messages (tenant_id, id, subscription_id, event_type, event_key, payload,
                                                      status, next_attempt_at, give_up_at, created_at, updated_at)
                        VALUES (:t, :id, :s, :type, :key, :payload, 'PENDING', :now, :giveUp, :now, :now)
                        ON CONFLICT (subscription_id, event_key) DO NOTHING
                        """)
                        .param("t", tenant())
                        .param("id", Ids.newId())
                        .param("s", subscriptionId)
                        .param("type", eventType)
                        .param("key", eventKey)
                        .param("payload", payload)
                        .param("now", utc(now))
                        .param("giveUp", utc(giveUp))
                        .update()
                == 1;
    }

    /**
     * The tenants with a message that {@link #claim} would take at {@code now}, across tenants through a SECURITY
     * DEFINER lookup that returns only tenant ids.
     */
    List<TenantId> tenantsWithDueMessages(Instant now) {
        return jdbc.sql("SELECT webhooks_tenants_with_due_messages(:now)")
                .param("now", utc(now))
                .query((rs, row) -> new TenantId(rs.getObject(1, UUID.class)))
                .list();
    }

    /**
     * Claims up to {@code limit} due messages (pending and due, or sending with a lapsed lease), oldest due first,
     * skipping those another instance is claiming: each becomes SENDING until {@code leaseUntil}, with a new claim
     * token that its result must present.
     */
    List<Claimed> claim(int limit, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                        WITH due AS (
                            SELECT id FROM webhook_messages
                            WHERE tenant_id = :t AND status IN ('PENDING', 'SENDING') AND next_attempt_at <= :now
                            ORDER BY next_attempt_at
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        UPDATE webhook_messages m
                        SET status = 'SENDING', claim_token = gen_random_uuid(), next_attempt_at = :lease,
                            attempts = m.attempts + 1, updated_at = :now
                        FROM due, webhook_subscriptions s
                        WHERE m.id = due.id AND s.id = m.subscription_id AND s.tenant_id = :t
                        RETURNING m.id, m.subscription_id, m.claim_token, m.event_type, m.payload, m.attempts,
                                  m.give_up_at, s.url
                        """)
                .param("t", tenant())
                .param("now", utc(now))
                .param("lease", utc(leaseUntil))
                .param("limit", limit)
                .query((rs, n) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        rs.getObject("subscription_id", UUID.class),
                        rs.getObject("claim_token", UUID.class),
                        rs.getString("event_type"),
                        rs.getString("payload"),
                        rs.getInt("attempts"),
                        SqlValues.instant(rs, "give_up_at"),
                        rs.getString("url")))
                .list();
    }

    /**
     * Ends a claim: DELIVERED, FAILED (given up) or PENDING again with the next attempt's time. False when the claim
     * is no longer this sender's (its lease lapsed and another instance took the message): nothing is written then.
     */
    boolean finish(
            Claimed claimed,
            String status,
            @Nullable Instant nextAttemptAt,
            @Nullable Integer statusCode,
            @Nullable String error,
            @Nullable Instant deliveredAt,
            Instant now) {
        return jdbc.sql("""
                        UPDATE webhook_messages
                        SET status = :status, claim_token = NULL, next_attempt_at = :next,
                            last_status_code = :code, last_error = :error,
                            delivered_at = coalesce(:deliveredAt, delivered_at), updated_at = :now
                        WHERE tenant_id = :t AND id = :id AND claim_token = :token
                        """)
                        .param("t", tenant())
                        .param("id", claimed.id())
                        .param("token", claimed.claimToken())
                        .param("status", status)
                        .param("next", nextAttemptAt == null ? null : utc(nextAttemptAt))
                        .param("code", statusCode)
                        .param("error", truncate(error, 1000))
                        .param("deliveredAt", deliveredAt == null ? null : utc(deliveredAt))
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    void logAttempt(UUID messageId, Attempt attempt) {
        jdbc.sql("""
                        INSERT INTO webhook_attempts (tenant_id, id, message_id, attempt, started_at, duration_ms,
                                                      succeeded, status_code, response_excerpt, error)
                        VALUES (:t, :id, :m, :attempt, :started, :duration, :ok, :code, :excerpt, :error)
                        ON CONFLICT (message_id, attempt) DO NOTHING
                        """)
                .param("t", tenant())
                .param("id", Ids.newId())
                .param("m", messageId)
                .param("attempt", attempt.attempt())
                .param("started", utc(attempt.startedAt()))
                .param("duration", attempt.durationMs())
                .param("ok", attempt.succeeded())
                .param("code", attempt.statusCode())
                .param("excerpt", truncate(attempt.responseExcerpt(), 2000))
                .param("error", truncate(attempt.error(), 1000))
                .update();
    }

    /** Gives up every message of a subscription still waiting to be sent (it was disabled). */
    int giveUpPending(UUID subscriptionId, String reason, Instant now) {
        return jdbc.sql("""
                        UPDATE webhook_messages
                        SET status = 'FAILED', claim_token = NULL, next_attempt_at = NULL, last_error = :reason,
                            updated_at = :now
                        WHERE tenant_id = :t AND subscription_id = :s AND status = 'PENDING'
                        """)
                .param("t", tenant())
                .param("s", subscriptionId)
                .param("reason", reason)
                .param("now", utc(now))
                .update();
    }

    Optional<Message> find(UUID subscriptionId, UUID messageId) {
        return jdbc.sql("SELECT * FROM webhook_messages WHERE tenant_id = :t AND subscription_id = :s AND id = :id")
                .param("t", tenant())
                .param("s", subscriptionId)
                .param("id", messageId)
                .query(WebhookMessageStore::map)
                .optional();
    }

    Optional<Message> lock(UUID subscriptionId, UUID messageId) {
        return jdbc.sql("""
                        SELECT * FROM webhook_messages WHERE tenant_id = :t AND subscription_id = :s AND id = :id
                        FOR UPDATE
                        """)
                .param("t", tenant())
                .param("s", subscriptionId)
                .param("id", messageId)
                .query(WebhookMessageStore::map)
                .optional();
    }

    /** Queues a delivered or given-up message again, under the same id, with a new retry window. */
    void replay(UUID messageId, Instant now, Instant giveUp) {
        jdbc.sql("""
                        UPDATE webhook_messages
                        SET status = 'PENDING', next_attempt_at = :now, give_up_at = :giveUp, last_error = NULL,
                            updated_at = :now
                        WHERE tenant_id = :t AND id = :id
                        """)
                .param("t", tenant())
                .param("id", messageId)
                .param("now", utc(now))
                .param("giveUp", utc(giveUp))
                .update();
    }

    List<Attempt> attempts(UUID messageId) {
        return jdbc.sql("SELECT * FROM webhook_attempts WHERE tenant_id = :t AND message_id = :m ORDER BY attempt")
                .param("t", tenant())
                .param("m", messageId)
                .query((rs, n) -> new Attempt(
                        rs.getInt("attempt"),
                        SqlValues.requiredInstant(rs, "started_at"),
                        rs.getLong("duration_ms"),
                        rs.getBoolean("succeeded"),
                        (Integer) rs.getObject("status_code"),
                        rs.getString("response_excerpt"),
                        rs.getString("error")))
                .list();
    }

    PageResponse<Message> page(UUID subscriptionId, String status, String eventType, PageQuery page) {
        StringBuilder where = new StringBuilder("tenant_id = :t AND subscription_id = :s");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("t", tenant());
        params.put("s", subscriptionId);
        if (status != null) {
            where.append(" AND status = :status");
            params.put("status", status);
        }
        if (eventType != null) {
            where.append(" AND event_type = :type");
            params.put("type", eventType);
        }
        List<Message> content = jdbc.sql("SELECT * FROM webhook_messages WHERE " + where
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(WebhookMessageStore::map)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM webhook_messages WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
        return PageResponse.of(content, page, total);
    }

    private static Message map(ResultSet rs, int row) throws SQLException {
        return new Message(
                rs.getObject("id", UUID.class),
                rs.getObject("subscription_id", UUID.class),
                rs.getString("event_type"),
                rs.getString("payload"),
                rs.getString("status"),
                rs.getInt("attempts"),
                SqlValues.instant(rs, "next_attempt_at"),
                SqlValues.instant(rs, "give_up_at"),
                (Integer) rs.getObject("last_status_code"),
                rs.getString("last_error"),
                SqlValues.requiredInstant(rs, "created_at"),
                SqlValues.instant(rs, "delivered_at"));
    }

    static @Nullable String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
