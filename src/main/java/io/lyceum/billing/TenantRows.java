package io.lyceum.billing;

import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reading tenant-owned tables: one row by its id, read plainly or locked for the rest of the caller's transaction, and
 * a page of rows in a caller's scope, newest first.
 */
public final class TenantRows {

    public enum Mode {
        READ,
        LOCK
    }

    private TenantRows() {}

    /** {@code table} and {@code columns} are the caller's constants, never input. */
    public static <T> Optional<T> byId(
            JdbcClient jdbc, String columns, String table, UUID id, Mode mode, RowMapper<T> mapper) {
        return jdbc.sql("SELECT " + columns + " FROM " + table + " WHERE tenant_id = :t AND id = :id"
                        + (mode == Mode.LOCK ? " FOR UPDATE" : ""))
                .param("t", TenantContext.require().value())
                .param("id", id)
                .query(mapper)
                .optional();
    }

    /**
     * A page of {@code table}'s rows matching {@code scopeSql} (with its {@code params}) and, when given, the
     * {@code status}, newest first. {@code table} and {@code scopeSql} are the caller's constants, never input.
     */
    public static <T> PageResponse<T> page(
            JdbcClient jdbc,
            String table,
            String scopeSql,
            Map<String, Object> params,
            Enum<?> status,
            PageQuery page,
            RowMapper<T> mapper) {
        String where = "tenant_id = :t AND (" + scopeSql + ")" + (status == null ? "" : " AND status = :status");
        Map<String, Object> all = new HashMap<>(params);
        all.put("t", TenantContext.require().value());
        if (status != null) {
            all.put("status", status.name());
        }
        long total = jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + where)
                .params(all)
                .query(Long.class)
                .single();
        List<T> rows = jdbc.sql("SELECT * FROM " + table + " WHERE " + where
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .params(all)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(mapper)
                .list();
        return PageResponse.of(rows, page, total);
    }
}
