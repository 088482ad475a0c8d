package io.lyceum.telephony;

import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SMS log ({@code sms_messages}) of the current tenant. */
@Repository
class SmsLog {

    enum Direction {
        OUTBOUND,
        INBOUND
    }

    /** A text message as admins see it. */
    record SmsEntry(
            UUID id,
            Direction direction,
            String provider,
            String providerId,
            UUID userId,
            String to,
            String from,
            String body,
            String reference,
            DeliveryStatus status,
            String errorCode,
            Instant createdAt,
            Instant updatedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    SmsLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    UUID recordOutbound(OutgoingSms sms, String provider, DeliveryStatus status, @Nullable String errorCode) {
        UUID id = io.lyceum.shared.Ids.newId();
        jdbc.sql("""
                        INSERT INTO sms_messages (id, tenant_id, direction, provider, user_id, to_number, body, reference,
                                                  status, error_code, created_at, updated_at)
                        VALUES (:id, :t, 'OUTBOUND', :provider, :user, :to, :body, :reference, :status, :error, :now,
                                :now)
                        """)
                .param("id", id)
                .param("t", TenantContext.require().value())
                .param("provider", provider)
                .param(
                        "user",
                        sms.recipientUserId() == null
                                ? null
                                : sms.recipientUserId().value())
                .param("to", sms.to())
                .param("body", sms.text())
                .param("reference", sms.reference())
                .param("status", status.name())
                .param("error", errorCode)
                .param("now", now())
                .update();
        return id;
    }

    void recordInbound(
            String provider,
            String providerId,
            @Nullable UUID userId,
            @Nullable String from,
            @Nullable String to,
            String body) {
        jdbc.sql("""
                        INSERT INTO sms_messages (id, tenant_id, direction, provider, provider_id, user_id, to_number,
                                                  from_number, body, status, created_at, updated_at)
                        VALUES (:id, :t, 'INBOUND', :provider, :sid, :user, :to, :from, :body, 'received', :now, :now)
                        ON CONFLICT (provider, provider_id) DO NOTHING
                        """)
                .param("id", io.lyceum.shared.Ids.newId())
                .param("t", TenantContext.require().value())
                .param("provider", provider)
                .param("sid", providerId)
                .param("user", userId)
                .param("to", to == null ? "" : to)
                .param("from", from)
                .param("body", body)
                .param("now", now())
                .update();
    }

    /** The provider's answer to a send; a status callback that came first may already have set the id. */
    void sent(UUID id, @Nullable String providerId, DeliveryStatus status, @Nullable String errorCode) {
        jdbc.sql("""
                        UPDATE sms_messages SET provider_id = coalesce(provider_id, :sid),
                               status = CASE WHEN status = 'accepted' THEN :status ELSE status END,
                               error_code = coalesce(:error, error_code), updated_at = :now
                         WHERE id = :id
                        """)
                .param("sid", providerId)
                .param("status", status.name())
                .param("error", errorCode)
                .param("now", now())
                .param("id", id)
                .update();
    }

    /** Locks the message for a status change. */
    Optional<SmsEntry> lock(UUID id) {
        return jdbc.sql("SELECT * FROM sms_messages WHERE id = :id AND tenant_id = :t FOR UPDATE")
                .param("id", id)
                .param("t", TenantContext.require().value())
                .query(SmsLog::entry)
                .optional();
    }

    void changeStatus(UUID id, String providerId, DeliveryStatus status, @Nullable String errorCode) {
        jdbc.sql("""
                        UPDATE sms_messages SET provider_id = coalesce(provider_id, :sid), status = :status,
                               error_code = :error, updated_at = :now
                         WHERE id = :id
                        """)
                .param("sid", providerId)
                .param("status", status.name())
                .param("error", errorCode)
                .param("now", now())
                .param("id", id)
                .update();
    }

    PageResponse<SmsEntry> page(String number, PageQuery query) {
        String filter = number == null || number.isBlank() ? null : number.trim();
        long total = jdbc.sql("""
                        SELECT count(*) FROM sms_messages WHERE tenant_id = :t
                           AND (:n::text IS NULL OR to_number = :n OR from_number = :n)
                        """)
                .param("t", TenantContext.require().value())
                .param("n", filter)
                .query(Long.class)
                .single();
        var content = jdbc.sql("""
                        SELECT * FROM sms_messages WHERE tenant_id = :t
                           AND (:n::text IS NULL OR to_number = :n OR from_number = :n)
                         ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
                        """)
                .param("t", TenantContext.require().value())
                .param("n", filter)
                .param("limit", query.size())
                .param("offset", query.offset())
                .query(SmsLog::entry)
                .list();
        return PageResponse.of(content, query, total);
    }

    private static SmsEntry entry(ResultSet rs, int row) throws SQLException {
        return new SmsEntry(
                rs.getObject("id", UUID.class),
                Direction.valueOf(rs.getString("direction")),
                rs.getString("provider"),
                rs.getString("provider_id"),
                rs.getObject("user_id", UUID.class),
                rs.getString("to_number"),
                rs.getString("from_number"),
                rs.getString("body"),
                rs.getString("reference"),
                DeliveryStatus.valueOf(rs.getString("status")),
                rs.getString("error_code"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private java.time.OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
