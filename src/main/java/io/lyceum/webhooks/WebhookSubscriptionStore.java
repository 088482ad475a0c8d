package io.lyceum.webhooks;

import io.lyceum.platform.SqlValues;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The current tenant's webhook subscriptions. */
@Repository
class WebhookSubscriptionStore {

    /** A subscription's sealed secrets: the current one and, during a rotation's overlap, the previous one. */
    record SealedSecrets(
            String current, String previous, @Nullable Instant previousExpiresAt) {}

    private final JdbcClient jdbc;

    WebhookSubscriptionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Subscription s, String sealedSecret) {
        jdbc.sql("""
                        INSERT INTO webhook_subscriptions (tenant_id, id, url, description, event_types, enabled, secret,
                                                           created_by, created_at, updated_at)
                        VALUES (:t, :id, :url, :description, :types, :enabled, :secret, :createdBy, :at, :at)
                        """)
                .param("t", tenant())
                .param("id", s.id())
                .param("url", s.url())
                .param("description", s.description())
                .param("types", s.eventTypes().toArray(String[]::new))
                .param("enabled", s.enabled())
                .param("secret", sealedSecret)
                .param("createdBy", s.createdBy())
                .param("at", utc(s.createdAt()))
                .update();
    }

    Optional<Subscription> find(UUID id) {
        return jdbc.sql("SELECT * FROM webhook_subscriptions WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(WebhookSubscriptionStore::map)
                .optional();
    }

    Optional<Subscription> lock(UUID id) {
        return jdbc.sql("SELECT * FROM webhook_subscriptions WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .param("t", tenant())
                .param("id", id)
                .query(WebhookSubscriptionStore::map)
                .optional();
    }

    PageResponse<Subscription> page(PageQuery page) {
        List<Subscription> content = jdbc.sql("""
                        SELECT * FROM webhook_subscriptions WHERE tenant_id = :t
                        ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
                        """)
                .param("t", tenant())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(WebhookSubscriptionStore::map)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM webhook_subscriptions WHERE tenant_id = :t")
                .param("t", tenant())
                .query(Long.class)
                .single();
        return PageResponse.of(content, page, total);
    }

    /** The enabled subscriptions of the current tenant that want {@code eventType}. */
    List<UUID> subscribedTo(String eventType) {
        return jdbc.sql("""
                        SELECT id FROM webhook_subscriptions
                        WHERE tenant_id = :t AND enabled AND :type = ANY (event_types)
                        """)
                .param("t", tenant())
                .param("type", eventType)
                .query(UUID.class)
                .list();
    }

    /** Writes the fields an owner edits; re-enabling clears the failure record. */
    void update(
            UUID id,
            @Nullable String url,
            @Nullable String description,
            List<String> eventTypes,
            boolean enabled,
            Instant at) {
        jdbc.sql("""
                        UPDATE webhook_subscriptions
                        SET url = :url, description = :description, event_types = :types,
                            failing_since = CASE WHEN :enabled AND NOT enabled THEN NULL ELSE failing_since END,
                            consecutive_failed_messages =
                                CASE WHEN :enabled AND NOT enabled THEN 0 ELSE consecutive_failed_messages END,
                            disabled_at = CASE WHEN :enabled THEN NULL
                                               WHEN enabled THEN :at ELSE disabled_at END,
                            disabled_reason = CASE WHEN :enabled THEN NULL
                                                   WHEN enabled THEN 'disabled by an owner or admin'
                                                   ELSE disabled_reason END,
                            enabled = :enabled, updated_at = :at
                        WHERE tenant_id = :t AND id = :id
                        """)
                .param("t", tenant())
                .param("id", id)
                .param("url", url)
                .param("description", description)
                .param("types", eventTypes.toArray(String[]::new))
                .param("enabled", enabled)
                .param("at", utc(at))
                .update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM webhook_subscriptions WHERE tenant_id = :t AND id = :id")
                        .param("t", tenant())
                        .param("id", id)
                        .update()
                == 1;
    }

    SealedSecrets secrets(UUID id) {
        return jdbc.sql("""
                        SELECT secret, previous_secret, previous_secret_expires_at
                        FROM webhook_subscriptions WHERE tenant_id = :t AND id = :id
                        """)
                .param("t", tenant())
                .param("id", id)
                .query((rs, n) -> new SealedSecrets(
                        rs.getString("secret"),
                        rs.getString("previous_secret"),
                        SqlValues.instant(rs, "previous_secret_expires_at")))
                .single();
    }

    void rotate(
            UUID id,
            String sealedNew,
            @Nullable String sealedPrevious,
            @Nullable Instant previousExpiresAt,
            Instant at) {
        jdbc.sql("""
                        UPDATE webhook_subscriptions
                        SET secret = :secret, previous_secret = :previous, previous_secret_expires_at = :expires,
                            updated_at = :at
                        WHERE tenant_id = :t AND id = :id
                        """)
                .param("t", tenant())
                .param("id", id)
                .param("secret", sealedNew)
                .param("previous", sealedPrevious)
                .param("expires", previousExpiresAt == null ? null : utc(previousExpiresAt))
                .param("at", utc(at))
                .update();
    }

    /** A delivery succeeded: the endpoint is healthy again (written only when it was not). */
    void recordSuccess(UUID id) {
        jdbc.sql("""
                        UPDATE webhook_subscriptions SET failing_since = NULL, consecutive_failed_messages = 0
                        WHERE tenant_id = :t AND id = :id
                          AND (failing_since IS NOT NULL OR consecutive_failed_messages > 0)
                        """).param("t", tenant()).param("id", id).update();
    }

    /**
     * A delivery failed: starts (or continues) the run of failures and counts a message given up; returns the
     * subscription as it now is (locked until the caller's transaction ends).
     */
    Optional<Subscription> recordFailure(UUID id, Instant attemptedAt, boolean messageGivenUp) {
        return jdbc.sql("""
                        UPDATE webhook_subscriptions
                        SET failing_since = coalesce(failing_since, :at),
                            consecutive_failed_messages = consecutive_failed_messages + :givenUp
                        WHERE tenant_id = :t AND id = :id
                        RETURNING *
                        """)
                .param("t", tenant())
                .param("id", id)
                .param("at", utc(attemptedAt))
                .param("givenUp", messageGivenUp ? 1 : 0)
                .query(WebhookSubscriptionStore::map)
                .optional();
    }

    void disable(UUID id, String reason, Instant at) {
        jdbc.sql("""
                        UPDATE webhook_subscriptions
                        SET enabled = FALSE, disabled_at = :at, disabled_reason = :reason, updated_at = :at
                        WHERE tenant_id = :t AND id = :id
                        """)
                .param("t", tenant())
                .param("id", id)
                .param("reason", reason)
                .param("at", utc(at))
                .update();
    }

    private static Subscription map(ResultSet rs, int row) throws SQLException {
        return new Subscription(
                rs.getObject("id", UUID.class),
                rs.getString("url"),
                rs.getString("description"),
                Arrays.asList((String[]) rs.getArray("event_types").getArray()),
                rs.getBoolean("enabled"),
                rs.getObject("created_by", UUID.class),
                SqlValues.instant(rs, "failing_since"),
                rs.getInt("consecutive_failed_messages"),
                SqlValues.instant(rs, "disabled_at"),
                rs.getString("disabled_reason"),
                SqlValues.instant(rs, "previous_secret_expires_at"),
                SqlValues.requiredInstant(rs, "created_at"),
                SqlValues.requiredInstant(rs, "updated_at"));
    }

    static UUID tenant() {
        return TenantContext.require().value();
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
