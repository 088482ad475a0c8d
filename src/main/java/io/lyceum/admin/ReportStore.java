package io.lyceum.admin;

import io.lyceum.shared.Ids;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.StateChange;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reports and their history, in the current tenant. */
@Repository
class ReportStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ReportStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Filters of the admin queue; null fields do not filter. */
    record Filter(
            @Nullable List<ReportStatus> statuses,
            @Nullable ReportTargetType targetType,
            @Nullable UUID assigneeId,
            @Nullable Boolean unassigned,
            @Nullable UUID reporterId,
            @Nullable UUID targetUserId) {}

    void insert(Report r) {
        jdbc.sql("""
                INSERT INTO admin_reports (tenant_id, id, reporter_id, target_type, target_id, target_user_id,
                                           target_label, description, status, created_at, updated_at)
                VALUES (:t, :id, :reporter, :type, :target, :targetUser, :label, :description, :status, :at, :at)
                """)
                .param("t", tenant())
                .param("id", r.id())
                .param("reporter", r.reporterId())
                .param("type", r.targetType().name())
                .param("target", r.targetId())
                .param("targetUser", r.targetUserId())
                .param("label", r.targetLabel())
                .param("description", r.description())
                .param("status", r.status().name())
                .param("at", utc(r.createdAt()))
                .update();
    }

    Optional<Report> find(UUID id) {
        return jdbc.sql("SELECT * FROM admin_reports WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(ReportStore::report)
                .optional();
    }

    /** The report, locked until the transaction ends: two admins acting on it at once take turns. */
    Optional<Report> lock(UUID id) {
        return jdbc.sql("SELECT * FROM admin_reports WHERE tenant_id = :t AND id = :id FOR UPDATE")
                .param("t", tenant())
                .param("id", id)
                .query(ReportStore::report)
                .optional();
    }

    void assign(UUID id, UUID assigneeId, Instant now) {
        jdbc.sql("""
                UPDATE admin_reports SET assignee_id = :assignee, version = version + 1, updated_at = :now
                WHERE tenant_id = :t AND id = :id
                """)
                .param("t", tenant())
                .param("id", id)
                .param("assignee", assigneeId)
                .param("now", utc(now))
                .update();
    }

    void moveTo(UUID id, ReportStatus status, Instant now) {
        jdbc.sql("""
                UPDATE admin_reports SET status = :status, version = version + 1, updated_at = :now
                WHERE tenant_id = :t AND id = :id
                """)
                .param("t", tenant())
                .param("id", id)
                .param("status", status.name())
                .param("now", utc(now))
                .update();
    }

    /**
     * Closes a live report. The {@code resolved_at IS NULL} condition makes a second close a no-op even without the
     * row lock the service takes first; returns whether this call closed it.
     */
    boolean close(
            UUID id,
            ReportStatus status,
            ReportResolution resolution,
            @Nullable String publicResolution,
            @Nullable String adminNote,
            UUID admin,
            Instant now) {
        return jdbc.sql("""
                        UPDATE admin_reports
                        SET status = :status, resolution = :resolution, public_resolution = :public,
                            admin_note = :note, resolved_by = :admin, resolved_at = :now,
                            assignee_id = coalesce(assignee_id, :admin), version = version + 1, updated_at = :now
                        WHERE tenant_id = :t AND id = :id AND resolved_at IS NULL
                        """)
                        .param("t", tenant())
                        .param("id", id)
                        .param("status", status.name())
                        .param("resolution", resolution.name())
                        .param("public", publicResolution)
                        .param("note", adminNote)
                        .param("admin", admin)
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    void appendHistory(
            UUID reportId,
            @Nullable ReportStatus from,
            ReportStatus to,
            UUID actorId,
            String actorRole,
            @Nullable String reason,
            @Nullable Map<String, Object> details,
            Instant at) {
        jdbc.sql("""
                INSERT INTO admin_report_history (tenant_id, id, report_id, from_status, to_status, actor_id,
                                                  actor_role, reason, details, occurred_at)
                VALUES (:t, :id, :report, :from, :to, :actor, :role, :reason, CAST(:details AS jsonb), :at)
                """)
                .param("t", tenant())
                .param("id", Ids.newId())
                .param("report", reportId)
                .param("from", from == null ? null : from.name())
                .param("to", to.name())
                .param("actor", actorId)
                .param("role", actorRole)
                .param("reason", reason)
                .param("details", details == null || details.isEmpty() ? null : json.writeValueAsString(details))
                .param("at", utc(at))
                .update();
    }

    List<StateChange> history(UUID reportId) {
        return jdbc.sql("""
                        SELECT from_status, to_status, occurred_at, actor_id, actor_role, reason, details::text AS d
                        FROM admin_report_history WHERE tenant_id = :t AND report_id = :r ORDER BY occurred_at, id
                        """)
                .param("t", tenant())
                .param("r", reportId)
                .query((rs, n) -> new StateChange(
                        rs.getString("from_status"),
                        rs.getString("to_status"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_role"),
                        rs.getString("reason"),
                        rs.getString("d") == null ? null : json.readValue(rs.getString("d"), MAP)))
                .list();
    }

    PageResponse<Report> mine(UUID reporterId, PageQuery page) {
        return page(new Filter(null, null, null, null, reporterId, null), page, false);
    }

    /** The queue: oldest first by default (what waits longest comes first), or newest first. */
    PageResponse<Report> page(Filter filter, PageQuery page, boolean oldestFirst) {
        var where = new StringBuilder("tenant_id = :t");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("t", tenant());
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.append(" AND status IN (:statuses)");
            params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (filter.targetType() != null) {
            where.append(" AND target_type = :type");
            params.put("type", filter.targetType().name());
        }
        if (filter.assigneeId() != null) {
            where.append(" AND assignee_id = :assignee");
            params.put("assignee", filter.assigneeId());
        }
        if (Boolean.TRUE.equals(filter.unassigned())) {
            where.append(" AND assignee_id IS NULL");
        }
        if (filter.reporterId() != null) {
            where.append(" AND reporter_id = :reporter");
            params.put("reporter", filter.reporterId());
        }
        if (filter.targetUserId() != null) {
            where.append(" AND target_user_id = :targetUser");
            params.put("targetUser", filter.targetUserId());
        }
        String direction = oldestFirst ? "ASC" : "DESC";
        long total = jdbc.sql("SELECT count(*) FROM admin_reports WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
        var content = jdbc.sql("SELECT * FROM admin_reports WHERE " + where + " ORDER BY created_at " + direction
                        + ", id " + direction + " LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(ReportStore::report)
                .list();
        return PageResponse.of(content, page, total);
    }

    private static Report report(ResultSet rs, int row) throws SQLException {
        String resolution = rs.getString("resolution");
        return new Report(
                rs.getObject("id", UUID.class),
                rs.getObject("reporter_id", UUID.class),
                ReportTargetType.valueOf(rs.getString("target_type")),
                rs.getObject("target_id", UUID.class),
                rs.getObject("target_user_id", UUID.class),
                rs.getString("target_label"),
                rs.getString("description"),
                ReportStatus.valueOf(rs.getString("status")),
                rs.getObject("assignee_id", UUID.class),
                resolution == null ? null : ReportResolution.valueOf(resolution),
                rs.getString("public_resolution"),
                rs.getString("admin_note"),
                rs.getObject("resolved_by", UUID.class),
                instant(rs, "resolved_at"),
                rs.getLong("version"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
