package io.lyceum.admin;

import io.lyceum.shared.Ids;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The audit log of the current tenant: append and read, never change. */
@Repository
class AuditLogStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLogStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Filter(UUID subjectId, String subjectType, UUID actorId, List<String> actions, Instant from, Instant to) {}

    /**
     * Appends an entry unless the same one is already there: the event publication registry redelivers events whose
     * listener did not finish, so recording must be idempotent.
     */
    boolean append(
            @Nullable UUID actorId,
            String action,
            String subjectType,
            UUID subjectId,
            @Nullable Map<String, Object> before,
            Map<String, Object> after,
            @Nullable String reason,
            @Nullable String requestId,
            Instant occurredAt) {
        return jdbc.sql("""
                INSERT INTO audit_log (tenant_id, id, actor_user_id, action, subject_type, subject_id, before, after,
                                       reason, request_id, occurred_at)
                VALUES (:tenant, :id, :actor, :action, :subjectType, :subjectId, CAST(:before AS jsonb),
                        CAST(:after AS jsonb), :reason, :requestId, :occurredAt)
                ON CONFLICT (tenant_id, subject_id, occurred_at, action, subject_type) DO NOTHING
                """)
                        .param("tenant", TenantContext.require().value())
                        .param("id", Ids.newId())
                        .param("actor", actorId)
                        .param("action", action)
                        .param("subjectType", subjectType)
                        .param("subjectId", subjectId)
                        .param("before", before == null ? null : json.writeValueAsString(before))
                        .param("after", after == null ? null : json.writeValueAsString(after))
                        .param("reason", reason)
                        .param("requestId", requestId)
                        .param("occurredAt", occurredAt.atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    PageResponse<AuditEntry> find(Filter filter, PageQuery page) {
        var where = new StringBuilder("tenant_id = :tenant");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", TenantContext.require().value());
        if (filter.subjectId() != null) {
            where.append(" AND subject_id = :subjectId");
            params.put("subjectId", filter.subjectId());
        }
        if (filter.subjectType() != null && !filter.subjectType().isBlank()) {
            where.append(" AND subject_type = :subjectType");
            params.put("subjectType", filter.subjectType().trim());
        }
        if (filter.actorId() != null) {
            where.append(" AND actor_user_id = :actorId");
            params.put("actorId", filter.actorId());
        }
        if (filter.actions() != null && !filter.actions().isEmpty()) {
            where.append(" AND action IN (:actions)");
            params.put("actions", filter.actions());
        }
        if (filter.from() != null) {
            where.append(" AND occurred_at >= :from");
            params.put("from", filter.from().atOffset(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            where.append(" AND occurred_at < :to");
            params.put("to", filter.to().atOffset(ZoneOffset.UTC));
        }
        boolean ascending =
                page.sort().stream().findFirst().map(PageQuery.Sort::ascending).orElse(false);
        String direction = ascending ? "ASC" : "DESC";
        long total = jdbc.sql("SELECT count(*) FROM audit_log WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
        var content = jdbc.sql("""
                SELECT id, occurred_at, actor_user_id, action, subject_type, subject_id, before::text AS before,
                       after::text AS after, reason, request_id
                  FROM audit_log WHERE %s
                 ORDER BY occurred_at %s, id %s LIMIT :limit OFFSET :offset
                """.formatted(where, direction, direction))
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::map)
                .list();
        return PageResponse.of(content, page, total);
    }

    private AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getObject("actor_user_id", UUID.class),
                rs.getString("action"),
                rs.getString("subject_type"),
                rs.getObject("subject_id", UUID.class),
                readMap(rs.getString("before")),
                readMap(rs.getString("after")),
                rs.getString("reason"),
                rs.getString("request_id"));
    }

    private @Nullable Map<String, Object> readMap(String value) {
        return value == null ? null : json.readValue(value, MAP);
    }
}
