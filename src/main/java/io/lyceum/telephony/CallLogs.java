package io.lyceum.telephony;

import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The call log ({@code call_logs}) of the current tenant. */
@Repository
class CallLogs {

    enum Direction {
        OUTBOUND,
        INBOUND
    }

    /** A call as its user and admins see it. */
    record CallLog(
            UUID id,
            Direction direction,
            String provider,
            String callId,
            UUID userId,
            String number,
            String script,
            String reference,
            DeliveryStatus status,
            String outcome,
            String endedReason,
            String transcript,
            String errorCode,
            @Nullable Instant startedAt,
            @Nullable Instant endedAt,
            Instant createdAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    CallLogs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Logs a call about to be placed; its provider id is a placeholder until the provider answers. */
    UUID recordOutbound(OutgoingCall call, String provider) {
        UUID id = io.lyceum.shared.Ids.newId();
        jdbc.sql("""
                        INSERT INTO call_logs (id, tenant_id, direction, provider, call_id, user_id, number, script,
                                               reference, status, created_at, updated_at)
                        VALUES (:id, :t, 'OUTBOUND', :provider, :placeholder, :user, :number, :script, :reference,
                                'queued', :now, :now)
                        """)
                .param("id", id)
                .param("t", TenantContext.require().value())
                .param("provider", provider)
                .param("placeholder", "pending:" + id)
                .param(
                        "user",
                        call.recipientUserId() == null
                                ? null
                                : call.recipientUserId().value())
                .param("number", call.to())
                .param("script", call.script())
                .param("reference", call.reference())
                .param("now", now())
                .update();
        return id;
    }

    /** Logs an inbound call when Vapi first asks about it; nothing when it is already logged. */
    void recordInbound(String provider, String callId, @Nullable UUID userId, @Nullable String number) {
        jdbc.sql("""
                        INSERT INTO call_logs (id, tenant_id, direction, provider, call_id, user_id, number, status,
                                               created_at, updated_at)
                        VALUES (:id, :t, 'INBOUND', :provider, :call, :user, :number, 'ringing', :now, :now)
                        ON CONFLICT (provider, call_id) DO NOTHING
                        """)
                .param("id", io.lyceum.shared.Ids.newId())
                .param("t", TenantContext.require().value())
                .param("provider", provider)
                .param("call", callId)
                .param("user", userId)
                .param("number", number == null ? "unknown" : number)
                .param("now", now())
                .update();
    }

    void placed(UUID id, @Nullable String callId, DeliveryStatus status, @Nullable String errorCode) {
        jdbc.sql("""
                        UPDATE call_logs SET call_id = coalesce(:call, call_id),
                               status = CASE WHEN status = 'queued' THEN :status ELSE status END,
                               outcome = CASE WHEN :call::text IS NULL THEN 'failed' ELSE outcome END,
                               error_code = :error, updated_at = :now
                         WHERE id = :id
                        """)
                .param("call", callId)
                .param("status", status.name())
                .param("error", errorCode)
                .param("now", now())
                .param("id", id)
                .update();
    }

    Optional<CallLog> lock(String provider, String callId, @Nullable UUID logId) {
        return jdbc.sql("""
                        SELECT * FROM call_logs WHERE tenant_id = :t
                           AND ((provider = :provider AND call_id = :call) OR id = :log)
                         ORDER BY (call_id = :call) DESC LIMIT 1 FOR UPDATE
                        """)
                .param("t", TenantContext.require().value())
                .param("provider", provider)
                .param("call", callId)
                .param("log", logId)
                .query(CallLogs::entry)
                .optional();
    }

    void status(UUID id, String callId, DeliveryStatus status, @Nullable Instant startedAt) {
        jdbc.sql("""
                        UPDATE call_logs SET call_id = :call, status = :status,
                               started_at = coalesce(started_at, :started), updated_at = :now
                         WHERE id = :id
                        """)
                .param("call", callId)
                .param("status", status.name())
                .param("started", startedAt == null ? null : startedAt.atOffset(ZoneOffset.UTC))
                .param("now", now())
                .param("id", id)
                .update();
    }

    void ended(
            UUID id,
            String callId,
            DeliveryStatus status,
            String outcome,
            @Nullable String endedReason,
            String transcript,
            @Nullable Instant startedAt,
            @Nullable Instant endedAt) {
        jdbc.sql("""
                        UPDATE call_logs SET call_id = :call, status = :status, outcome = :outcome,
                               ended_reason = :reason, transcript = :transcript,
                               started_at = coalesce(:started, started_at), ended_at = :ended, updated_at = :now
                         WHERE id = :id
                        """)
                .param("call", callId)
                .param("status", status.name())
                .param("outcome", outcome)
                .param("reason", endedReason)
                .param("transcript", transcript)
                .param("started", startedAt == null ? null : startedAt.atOffset(ZoneOffset.UTC))
                .param("ended", endedAt == null ? null : endedAt.atOffset(ZoneOffset.UTC))
                .param("now", now())
                .param("id", id)
                .update();
    }

    Optional<CallLog> find(UUID id) {
        return jdbc.sql("SELECT * FROM call_logs WHERE tenant_id = :t AND id = :id")
                .param("t", TenantContext.require().value())
                .param("id", id)
                .query(CallLogs::entry)
                .optional();
    }

    /** A page of the tenant's calls, or of one user's when {@code userId} is set. */
    PageResponse<CallLog> page(UUID userId, PageQuery query) {
        long total = jdbc.sql("""
                        SELECT count(*) FROM call_logs WHERE tenant_id = :t AND (:u::uuid IS NULL OR user_id = :u)
                        """)
                .param("t", TenantContext.require().value())
                .param("u", userId)
                .query(Long.class)
                .single();
        var content = jdbc.sql("""
                        SELECT * FROM call_logs WHERE tenant_id = :t AND (:u::uuid IS NULL OR user_id = :u)
                         ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
                        """)
                .param("t", TenantContext.require().value())
                .param("u", userId)
                .param("limit", query.size())
                .param("offset", query.offset())
                .query(CallLogs::entry)
                .list();
        return PageResponse.of(content, query, total);
    }

    private static CallLog entry(ResultSet rs, int row) throws SQLException {
        return new CallLog(
                rs.getObject("id", UUID.class),
                Direction.valueOf(rs.getString("direction")),
                rs.getString("provider"),
                rs.getString("call_id"),
                rs.getObject("user_id", UUID.class),
                rs.getString("number"),
                rs.getString("script"),
                rs.getString("reference"),
                DeliveryStatus.valueOf(rs.getString("status")),
                rs.getString("outcome"),
                rs.getString("ended_reason"),
                rs.getString("transcript"),
                rs.getString("error_code"),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ended_at")),
                rs.getTimestamp("created_at").toInstant());
    }

    private static @Nullable Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
