package io.lyceum.scheduling;

import static io.lyceum.platform.SqlValues.instant;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Preliminary (screening) meetings in the current tenant. */
@Repository
class PreliminaryMeetingStore {

    enum State {
        REQUESTED,
        APPROVED,
        REJECTED,
        CANCELLED
    }

    record Row(
            UUID id,
            UUID coursePackId,
            UUID tutorId,
            UUID studentId,
            UUID requestedBy,
            State state,
            @Nullable String message,
            @Nullable Instant startsAt,
            @Nullable Integer durationMinutes,
            @Nullable String meetingUrl,
            @Nullable String rejectionReason,
            @Nullable UUID decidedBy,
            @Nullable Instant decidedAt,
            long version,
            Instant createdAt,
            Instant updatedAt) {}

    /** Who may see which meetings in a list. */
    record Scope(
            @Nullable UUID studentId,
            @Nullable UUID tutorId,
            @Nullable UUID guardianId,
            List<UUID> guardianStudents) {

        static Scope all() {
            return new Scope(null, null, null, List.of());
        }
    }

    private static final String COLUMNS = """
            id, course_pack_id, tutor_id, student_id, requested_by, state, message, starts_at, duration_minutes,
            meeting_url, rejection_reason, decided_by, decided_at, version, created_at, updated_at
            """;

    private final JdbcClient jdbc;

    PreliminaryMeetingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        int duration = rs.getInt("duration_minutes");
        Integer durationMinutes = rs.wasNull() ? null : duration;
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("course_pack_id", UUID.class),
                rs.getObject("tutor_id", UUID.class),
                rs.getObject("student_id", UUID.class),
                rs.getObject("requested_by", UUID.class),
                State.valueOf(rs.getString("state")),
                rs.getString("message"),
                instant(rs, "starts_at"),
                durationMinutes,
                rs.getString("meeting_url"),
                rs.getString("rejection_reason"),
                rs.getObject("decided_by", UUID.class),
                instant(rs, "decided_at"),
                rs.getLong("version"),
                requiredInstant(rs, "created_at"),
                requiredInstant(rs, "updated_at"));
    }

    void insert(
            UUID id,
            UUID packId,
            UUID tutorId,
            UUID studentId,
            UUID requestedBy,
            @Nullable String message,
            Instant now) {
        jdbc.sql("""
                        INSERT INTO preliminary_meetings (id, tenant_id, course_pack_id, tutor_id, student_id,
                                                          requested_by, state, message, created_at, updated_at)
                        VALUES (:id, :t, :pack, :tutor, :student, :by, 'REQUESTED', :message, :now, :now)
                        """)
                .param("id", id)
                .param("t", tenant())
                .param("pack", packId)
                .param("tutor", tutorId)
                .param("student", studentId)
                .param("by", requestedBy)
                .param("message", message)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM preliminary_meetings WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(PreliminaryMeetingStore::row)
                .optional();
    }

    Optional<Row> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM preliminary_meetings WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .param("t", tenant())
                .param("id", id)
                .query(PreliminaryMeetingStore::row)
                .optional();
    }

    void approve(UUID id, Instant startsAt, int durationMinutes, String meetingUrl, UUID decidedBy, Instant now) {
        jdbc.sql("""
                        UPDATE preliminary_meetings
                           SET state = 'APPROVED', starts_at = :starts, duration_minutes = :minutes, meeting_url = :url,
                               ends_at = :ends,
                               decided_by = :by, decided_at = :now, updated_at = :now, version = version + 1
                         WHERE tenant_id = :t AND id = :id
                        """)
                .param("starts", startsAt.atOffset(ZoneOffset.UTC))
                .param(
                        "ends",
                        startsAt.plus(Duration.ofMinutes(durationMinutes)).atOffset(ZoneOffset.UTC))
                .param("minutes", durationMinutes)
                .param("url", meetingUrl)
                .param("by", decidedBy)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    void reject(UUID id, String reason, UUID decidedBy, Instant now) {
        jdbc.sql("""
                        UPDATE preliminary_meetings
                           SET state = 'REJECTED', rejection_reason = :reason, decided_by = :by, decided_at = :now,
                               updated_at = :now, version = version + 1
                         WHERE tenant_id = :t AND id = :id
                        """)
                .param("reason", reason)
                .param("by", decidedBy)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    void cancel(UUID id, UUID by, Instant now) {
        jdbc.sql("""
                        UPDATE preliminary_meetings
                           SET state = 'CANCELLED', decided_by = :by, decided_at = :now, updated_at = :now,
                               version = version + 1
                         WHERE tenant_id = :t AND id = :id
                        """)
                .param("by", by)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    boolean approved(UUID studentId, UUID packId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM preliminary_meetings
                                        WHERE tenant_id = :t AND student_id = :s AND course_pack_id = :p
                                          AND state = 'APPROVED')
                        """)
                .param("t", tenant())
                .param("s", studentId)
                .param("p", packId)
                .query(Boolean.class)
                .single();
    }

    private record Where(String sql, Map<String, Object> params) {}

    private static Where where(Scope scope, @Nullable State state, @Nullable UUID packId) {
        StringBuilder sql = new StringBuilder("tenant_id = :t");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("t", tenant());
        if (scope.studentId() != null) {
            sql.append(" AND student_id = :student");
            params.put("student", scope.studentId());
        }
        if (scope.tutorId() != null) {
            sql.append(" AND tutor_id = :tutor");
            params.put("tutor", scope.tutorId());
        }
        if (scope.guardianId() != null) {
            sql.append(" AND (requested_by = :guardian");
            params.put("guardian", scope.guardianId());
            if (!scope.guardianStudents().isEmpty()) {
                sql.append(" OR student_id IN (:students)");
                params.put("students", scope.guardianStudents());
            }
            sql.append(")");
        }
        if (state != null) {
            sql.append(" AND state = :state");
            params.put("state", state.name());
        }
        if (packId != null) {
            sql.append(" AND course_pack_id = :pack");
            params.put("pack", packId);
        }
        return new Where(sql.toString(), params);
    }

    List<Row> list(Scope scope, @Nullable State state, @Nullable UUID packId, int limit, long offset) {
        Where where = where(scope, state, packId);
        return jdbc.sql("SELECT " + COLUMNS + " FROM preliminary_meetings WHERE " + where.sql()
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(where.params())
                .param("limit", limit)
                .param("offset", offset)
                .query(PreliminaryMeetingStore::row)
                .list();
    }

    long count(Scope scope, @Nullable State state, @Nullable UUID packId) {
        Where where = where(scope, state, packId);
        return jdbc.sql("SELECT count(*) FROM preliminary_meetings WHERE " + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }
}
