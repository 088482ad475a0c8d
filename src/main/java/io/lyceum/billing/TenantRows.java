package io.lyceum.billing;

import io.lyceum.tenancy.TenantContext;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One row of a tenant-owned table by its id, read plainly or locked for the rest of the caller's transaction. */
final class TenantRows {

    enum Mode {
        READ,
        LOCK
    }

    private TenantRows() {}

    /** {@code table} and {@code columns} are the caller's constants, never input. */
    static <T> Optional<T> byId(
            JdbcClient jdbc, String columns, String table, UUID id, Mode mode, RowMapper<T> mapper) {
        return jdbc.sql("SELECT " + columns + " FROM " + table + " WHERE tenant_id = :t AND id = :id"
                        + (mode == Mode.LOCK ? " FOR UPDATE" : ""))
                .param("t", TenantContext.require().value())
                .param("id", id)
                .query(mapper)
                .optional();
    }
}
