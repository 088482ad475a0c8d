package io.lyceum.analytics;

import io.lyceum.platform.FileStorage.StoredObject;
import io.lyceum.platform.SqlValues;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code analytics_reports} rows of the current tenant. */
@Repository
class AnalyticsReportStore {

    private static final String COLUMNS = """
            id, type, format, period_from, period_to, time_zone, status, requested_by, attempts, storage_key,
            content_type, size_bytes, sha256, row_count, failure, requested_at, started_at, completed_at
            """;

    private final JdbcClient jdbc;

    AnalyticsReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, ReportType type, Period period, UUID requestedBy, Instant now) {
        jdbc.sql("""
                        INSERT INTO analytics_reports (id, tenant_id, type, format, period_from, period_to, time_zone,
                                                       status, requested_by, next_attempt_at, requested_at, updated_at)
                        VALUES (:id, :t, :type, 'CSV', :from, :to, :zone, 'REQUESTED', :by, :now, :now, :now)
                        """)
                .param("id", id)
                .param("t", tenant())
                .param("type", type.name())
                .param("from", period.from())
                .param("to", period.to())
                .param("zone", period.zone().getId())
                .param("by", requestedBy)
                .param("now", utc(now))
                .update();
    }

    Optional<Report> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM analytics_reports WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(AnalyticsReportStore::report)
                .optional();
    }

    PageResponse<Report> list(PageQuery page) {
        List<Report> content = jdbc.sql("SELECT " + COLUMNS + """
                         FROM analytics_reports WHERE tenant_id = :t
                        ORDER BY requested_at DESC, id DESC OFFSET :offset LIMIT :limit
                        """)
                .param("t", tenant())
                .param("offset", page.offset())
                .param("limit", page.size())
                .query(AnalyticsReportStore::report)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM analytics_reports WHERE tenant_id = :t")
                .param("t", tenant())
                .query(Long.class)
                .single();
        return PageResponse.of(content, page, total);
    }

    /** The tenants with a report due (a lookup across tenants that returns only their ids). */
    List<TenantId> tenantsWithDueReports(Instant now) {
        return jdbc.sql("SELECT analytics_tenants_with_due_reports(:now)")
                .param("now", utc(now))
                .query((rs, row) -> new TenantId(rs.getObject(1, UUID.class)))
                .list();
    }

    /**
     * Claims the next due report for one attempt: a REQUESTED one whose next attempt is due, or a RUNNING one whose
     * lease ran out. The row is locked with SKIP LOCKED, so two workers never claim one report. Runs in the caller's
     * transaction.
     */
    Optional<Report> claimNext(Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                        UPDATE analytics_reports r
                        SET status = 'RUNNING', attempts = r.attempts + 1, lease_until = :lease, started_at = :now,
                            updated_at = :now
                        WHERE r.id = (SELECT id FROM analytics_reports
                                      WHERE tenant_id = :t AND status IN ('REQUESTED', 'RUNNING')
                                        AND next_attempt_at <= :now
                                        AND (status = 'REQUESTED' OR lease_until < :now)
                                      ORDER BY next_attempt_at, id
                                      LIMIT 1
                                      FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + COLUMNS)
                .param("t", tenant())
                .param("now", utc(now))
                .param("lease", utc(leaseUntil))
                .query(AnalyticsReportStore::report)
                .optional();
    }

    /** Marks the attempt READY with its file; false when the attempt no longer holds the report. */
    boolean ready(UUID id, int attempt, StoredObject file, long rows, Instant now) {
        return jdbc.sql("""
                                UPDATE analytics_reports
                                SET status = 'READY', storage_key = :key, content_type = :type, size_bytes = :size,
                                    sha256 = :sha, row_count = :rows, failure = NULL, lease_until = NULL,
                                    completed_at = :now, updated_at = :now
                                WHERE tenant_id = :t AND id = :id AND status = 'RUNNING' AND attempts = :attempt
                                """)
                        .param("t", tenant())
                        .param("id", id)
                        .param("attempt", attempt)
                        .param("key", file.key())
                        .param("type", file.contentType())
                        .param("size", file.size())
                        .param("sha", file.sha256())
                        .param("rows", rows)
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    /**
     * Records a failed attempt: back to REQUESTED until {@code retryAt}, or FAILED when {@code retryAt} is null.
     * False when the attempt no longer holds the report.
     */
    boolean failed(UUID id, int attempt, String failure, @Nullable Instant retryAt, Instant now) {
        return jdbc.sql("""
                                UPDATE analytics_reports
                                SET status = CASE WHEN CAST(:retry AS timestamptz) IS NULL THEN 'FAILED'
                                                  ELSE 'REQUESTED' END,
                                    next_attempt_at = coalesce(CAST(:retry AS timestamptz), next_attempt_at),
                                    failure = :failure, lease_until = NULL, updated_at = :now
                                WHERE tenant_id = :t AND id = :id AND status = 'RUNNING' AND attempts = :attempt
                                """)
                        .param("t", tenant())
                        .param("id", id)
                        .param("attempt", attempt)
                        .param("failure", failure.length() > 1000 ? failure.substring(0, 1000) : failure)
                        .param("retry", retryAt == null ? null : utc(retryAt))
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    private static Report report(ResultSet rs, int row) throws SQLException {
        long size = rs.getLong("size_bytes");
        Long sizeBytes = rs.wasNull() ? null : size;
        long rows = rs.getLong("row_count");
        Long rowCount = rs.wasNull() ? null : rows;
        return new Report(
                rs.getObject("id", UUID.class),
                ReportType.valueOf(rs.getString("type")),
                rs.getString("format"),
                rs.getObject("period_from", java.time.LocalDate.class),
                rs.getObject("period_to", java.time.LocalDate.class),
                rs.getString("time_zone"),
                ReportStatus.valueOf(rs.getString("status")),
                rs.getObject("requested_by", UUID.class),
                rs.getInt("attempts"),
                rs.getString("storage_key"),
                rs.getString("content_type"),
                sizeBytes,
                rs.getString("sha256"),
                rowCount,
                rs.getString("failure"),
                SqlValues.requiredInstant(rs, "requested_at"),
                instant(rs, "started_at"),
                instant(rs, "completed_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
