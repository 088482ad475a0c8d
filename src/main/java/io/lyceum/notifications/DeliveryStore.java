package io.lyceum.notifications;

import static io.lyceum.platform.SqlValues.instant;

import io.lyceum.platform.SqlValues;
import io.lyceum.shared.Ids;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery queue. A delivery is claimed by one instance with {@code FOR UPDATE SKIP LOCKED} (others skip the
 * locked rows instead of waiting), marked SENDING with a lapsing claim and its attempt row written, all in one short
 * transaction; the channel is called after that commits, and the outcome is recorded in another. A claim whose
 * instance died lapses and the delivery is claimed again, so nothing is lost.
 */
@Repository
class DeliveryStore {

    private static final String COLUMNS = """
            id, notification_id, recipient_id, channel, address, subject, text_body, html_body, attachments,
            unsubscribe_url, status, attempts, max_attempts, next_attempt_at, provider_id, last_error, created_at,
            updated_at""";

    /** One attempt, as admins see it. */
    record Attempt(
            int number,
            String status,
            String providerId,
            String error,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DeliveryStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    UUID insert(
            @Nullable UUID notificationId,
            UUID recipientId,
            NotificationChannel channel,
            String address,
            @Nullable String subject,
            String textBody,
            @Nullable String htmlBody,
            List<Delivery.AttachmentRef> attachments,
            @Nullable String unsubscribeUrl,
            DeliveryStatus status,
            int maxAttempts,
            Instant nextAttemptAt,
            Instant now) {
        UUID id = Ids.newId();
        jdbc.sql("""
                        INSERT INTO notification_deliveries
                               (id, tenant_id, notification_id, recipient_id, channel, address, subject, text_body,
                                html_body, attachments, unsubscribe_url, status, max_attempts, next_attempt_at,
                                created_at, updated_at)
                        VALUES (:id, :tenant, :notification, :recipient, :channel, :address, :subject, :text, :html,
                                CAST(:attachments AS jsonb), :unsubscribe, :status, :max, :next, :now, :now)
                        """)
                .param("id", id)
                .param("tenant", TenantContext.require().value())
                .param("notification", notificationId)
                .param("recipient", recipientId)
                .param("channel", channel.name())
                .param("address", address)
                .param("subject", subject)
                .param("text", textBody)
                .param("html", htmlBody)
                .param("attachments", json.writeValueAsString(attachments))
                .param("unsubscribe", unsubscribeUrl)
                .param("status", status.name())
                .param("max", maxAttempts)
                .param("next", nextAttemptAt.atOffset(ZoneOffset.UTC))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    /**
     * The tenants with a delivery that {@link #claim} would take at {@code now}, across tenants through a SECURITY
     * DEFINER lookup that returns only tenant ids.
     */
    List<TenantId> tenantsWithDueDeliveries(Instant now) {
        return jdbc.sql("SELECT notifications_tenants_with_due_deliveries(:now)")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((rs, row) -> new TenantId(rs.getObject(1, UUID.class)))
                .list();
    }

    /**
     * Claims up to {@code limit} due deliveries of the current tenant (PENDING and due, or SENDING whose claim lapsed)
     * and opens an attempt for each. Run it in a transaction of its own and commit before sending.
     */
    List<Delivery> claim(Instant now, Instant claimedUntil, int limit) {
        List<Delivery> claimed = jdbc.sql("""
                        UPDATE notification_deliveries d
                           SET status = 'SENDING', attempts = d.attempts + 1, claimed_until = :until,
                               updated_at = :now
                         WHERE d.id IN (SELECT id FROM notification_deliveries
                                         WHERE status IN ('PENDING', 'SENDING')
                                           AND CASE WHEN status = 'PENDING' THEN next_attempt_at <= :now
                                                    ELSE claimed_until < :now END
                                         ORDER BY next_attempt_at
                                         LIMIT :limit
                                           FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + COLUMNS)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("until", claimedUntil.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query(this::map)
                .list();
        for (Delivery d : claimed) {
            // a lapsed claim's attempt (its instance died mid-send) is closed as abandoned
            jdbc.sql("""
                            UPDATE notification_attempts SET status = 'ABANDONED', finished_at = :now,
                                   error = 'the claim lapsed before an outcome was recorded'
                             WHERE delivery_id = :delivery AND status = 'SENDING'
                            """)
                    .param("delivery", d.id())
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .update();
            jdbc.sql("""
                            INSERT INTO notification_attempts (id, tenant_id, delivery_id, number, status, started_at)
                            VALUES (:id, :tenant, :delivery, :number, 'SENDING', :now)
                            """)
                    .param("id", Ids.newId())
                    .param("tenant", TenantContext.require().value())
                    .param("delivery", d.id())
                    .param("number", d.attempts())
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .update();
        }
        return claimed;
    }

    /**
     * Records attempt {@code number}'s outcome: the delivery becomes {@code status} (PENDING again with {@code
     * nextAttemptAt} for a retry). Only the claimer of that attempt may: false when the claim was lost meanwhile.
     */
    boolean record(
            UUID deliveryId,
            int number,
            DeliveryStatus status,
            String attemptStatus,
            @Nullable String providerId,
            @Nullable String error,
            Instant nextAttemptAt,
            Instant now) {
        int updated = jdbc.sql("""
                        UPDATE notification_deliveries
                           SET status = :status, claimed_until = NULL, next_attempt_at = :next,
                               provider_id = coalesce(:provider, provider_id), last_error = :error, updated_at = :now
                         WHERE id = :id AND status = 'SENDING' AND attempts = :number
                        """)
                .param("status", status.name())
                .param("next", nextAttemptAt.atOffset(ZoneOffset.UTC))
                .param("provider", providerId)
                .param("error", error)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("id", deliveryId)
                .param("number", number)
                .update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("""
                        UPDATE notification_attempts SET status = :status, provider_id = :provider, error = :error,
                               finished_at = :now
                         WHERE delivery_id = :id AND number = :number
                        """)
                .param("status", attemptStatus)
                .param("provider", providerId)
                .param("error", error)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("id", deliveryId)
                .param("number", number)
                .update();
        return true;
    }

    /** A provider's later report (SMS delivery receipt, end of call) on the delivery it was given as reference. */
    boolean providerReport(
            UUID deliveryId, DeliveryStatus status, String providerId, @Nullable String error, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE notification_deliveries
                           SET status = :status, provider_id = coalesce(:provider, provider_id),
                               last_error = coalesce(:error, last_error), updated_at = :now
                         WHERE id = :id AND status IN ('SENT', 'DELIVERED', 'SENDING')
                        """)
                .param("status", status.name())
                .param("provider", providerId)
                .param("error", error)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("id", deliveryId)
                .update();
        if (updated > 0) {
            jdbc.sql("""
                            UPDATE notification_attempts SET status = :status, error = coalesce(:error, error),
                                   provider_id = coalesce(:provider, provider_id), finished_at = coalesce(finished_at, :now)
                             WHERE delivery_id = :id
                               AND number = (SELECT attempts FROM notification_deliveries WHERE id = :id)
                            """)
                    .param("status", status == DeliveryStatus.DELIVERED ? "DELIVERED" : "FAILED")
                    .param("error", error)
                    .param("provider", providerId)
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .param("id", deliveryId)
                    .update();
        }
        return updated > 0;
    }

    Optional<Delivery> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_deliveries WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    List<Delivery> ofNotification(UUID notificationId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM notification_deliveries WHERE notification_id = :n ORDER BY created_at, id
                        """)
                .param("n", notificationId)
                .query(this::map)
                .list();
    }

    List<Attempt> attempts(UUID deliveryId) {
        return jdbc.sql("""
                        SELECT number, status, provider_id, error, started_at, finished_at FROM notification_attempts
                         WHERE delivery_id = :d ORDER BY number
                        """)
                .param("d", deliveryId)
                .query((rs, row) -> new Attempt(
                        rs.getInt("number"),
                        rs.getString("status"),
                        rs.getString("provider_id"),
                        rs.getString("error"),
                        instant(rs, "started_at"),
                        instant(rs, "finished_at")))
                .list();
    }

    /** Recipients with emails waiting for their digest. */
    List<UUID> recipientsWithHeldEmail() {
        return jdbc.sql("""
                        SELECT DISTINCT recipient_id FROM notification_deliveries
                         WHERE status = 'HELD_FOR_DIGEST' LIMIT 1000
                        """).query(UUID.class).list();
    }

    /** Takes a recipient's held emails (locked: two digest runs never take one email twice). */
    List<Delivery> takeHeld(UUID recipientId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM notification_deliveries
                        WHERE recipient_id = :r AND status = 'HELD_FOR_DIGEST'
                        ORDER BY created_at, id LIMIT :limit FOR UPDATE SKIP LOCKED
                        """)
                .param("r", recipientId)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /**
     * Records the digest of a person's local day; false when that day already has one (the row is the guarantee of one
     * digest per day, whatever runs in parallel).
     */
    boolean recordDigestDay(UUID recipientId, java.time.LocalDate localDate, UUID deliveryId, Instant now) {
        return jdbc.sql("""
                        INSERT INTO notification_digest_days (tenant_id, recipient_id, local_date, delivery_id, created_at)
                        VALUES (:t, :r, :d, :delivery, :now) ON CONFLICT DO NOTHING
                        """)
                        .param("t", io.lyceum.tenancy.TenantContext.require().value())
                        .param("r", recipientId)
                        .param("d", localDate)
                        .param("delivery", deliveryId)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    /** Whether a person already had the digest of this local day. */
    boolean hadDigest(UUID recipientId, java.time.LocalDate localDate) {
        return jdbc.sql("SELECT count(*) FROM notification_digest_days WHERE recipient_id = :r AND local_date = :d")
                        .param("r", recipientId)
                        .param("d", localDate)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void markDigested(List<UUID> ids, @Nullable UUID digestId, Instant now) {
        jdbc.sql("""
                        UPDATE notification_deliveries SET status = 'DIGESTED', digest_id = :digest, updated_at = :now
                         WHERE id IN (:ids)
                        """)
                .param("digest", digestId)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("ids", ids)
                .update();
    }

    /** Counts by status, for the benchmark and health. */
    long count(DeliveryStatus status) {
        return jdbc.sql("SELECT count(*) FROM notification_deliveries WHERE status = :s")
                .param("s", status.name())
                .query(Long.class)
                .single();
    }

    private Delivery map(ResultSet rs, int row) throws SQLException {
        return new Delivery(
                rs.getObject("id", UUID.class),
                rs.getObject("notification_id", UUID.class),
                rs.getObject("recipient_id", UUID.class),
                NotificationChannel.valueOf(rs.getString("channel")),
                rs.getString("address"),
                rs.getString("subject"),
                rs.getString("text_body"),
                rs.getString("html_body"),
                json.readValue(rs.getString("attachments"), new TypeReference<List<Delivery.AttachmentRef>>() {}),
                rs.getString("unsubscribe_url"),
                DeliveryStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getInt("max_attempts"),
                instant(rs, "next_attempt_at"),
                rs.getString("provider_id"),
                rs.getString("last_error"),
                SqlValues.requiredInstant(rs, "created_at"),
                SqlValues.requiredInstant(rs, "updated_at"));
    }
}
