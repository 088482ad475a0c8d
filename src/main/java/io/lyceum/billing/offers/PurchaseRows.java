package io.lyceum.billing.offers;

import static io.lyceum.platform.SqlValues.instant;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.billing.payments.Orders;
import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL the package and enrollment stores share, in the bound tenant: a purchase row's order, and its history
 * table ({@code <table>(id, tenant_id, <owner>, from_status, to_status, actor_id, actor_role, reason, details jsonb,
 * occurred_at)} plus columns of its own). Table and column names are the stores' constants, never input.
 */
@Component
class PurchaseRows {

    /** One history row's common columns. */
    record Change(
            @Nullable String fromStatus,
            String toStatus,
            @Nullable UUID actorId,
            String actorRole,
            @Nullable String reason,
            @Nullable Map<String, Object> details,
            Instant occurredAt) {}

    /** Maps a history row's own columns, given its common ones. */
    @FunctionalInterface
    interface HistoryMapper<T> {
        T map(ResultSet rs, Change change) throws SQLException;
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PurchaseRows(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Links a purchase row to the order that pays for it. */
    void setOrder(String table, UUID id, UUID orderId) {
        jdbc.sql("UPDATE " + table + " SET order_id = :o WHERE tenant_id = :t AND id = :id")
                .param("o", orderId)
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    /** Appends a history row; {@code own} holds the table's own columns and their values. */
    void appendHistory(
            String table,
            String ownerColumn,
            UUID ownerId,
            Map<String, Object> own,
            @Nullable Enum<?> from,
            Enum<?> to,
            Orders.Actor actor,
            @Nullable String reason,
            @Nullable Map<String, Object> details,
            Instant at) {
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (String column : own.keySet()) {
            columns.append(", ").append(column);
            values.append(", :").append(column);
        }
        jdbc.sql("INSERT INTO " + table + " (id, tenant_id, " + ownerColumn
                        + ", from_status, to_status, actor_id, actor_role, reason, details, occurred_at" + columns
                        + ") VALUES (:id, :t, :owner, :from, :to, :actor, :role, :reason, CAST(:details AS jsonb), :at"
                        + values + ")")
                .params(own)
                .param("id", Ids.newId())
                .param("t", tenant())
                .param("owner", ownerId)
                .param("from", from == null ? null : from.name())
                .param("to", to.name())
                .param("actor", actor.id())
                .param("role", actor.role())
                .param("reason", reason)
                .param("details", details == null || details.isEmpty() ? null : json.writeValueAsString(details))
                .param("at", utc(at))
                .update();
    }

    /** A purchase's history, oldest first, with the table's {@code ownColumns} (or none: "") for the mapper. */
    <T> List<T> history(String table, String ownerColumn, UUID ownerId, String ownColumns, HistoryMapper<T> mapper) {
        return jdbc.sql("SELECT " + (ownColumns.isEmpty() ? "" : ownColumns + ", ")
                        + "from_status, to_status, actor_id, actor_role, reason,"
                        + " details::text AS details, occurred_at FROM " + table
                        + " WHERE tenant_id = :t AND " + ownerColumn + " = :owner ORDER BY occurred_at, id")
                .param("t", tenant())
                .param("owner", ownerId)
                .query((rs, n) -> mapper.map(rs, change(rs)))
                .list();
    }

    @SuppressWarnings("unchecked")
    private Change change(ResultSet rs) throws SQLException {
        String details = rs.getString("details");
        return new Change(
                rs.getString("from_status"),
                rs.getString("to_status"),
                rs.getObject("actor_id", UUID.class),
                rs.getString("actor_role"),
                rs.getString("reason"),
                details == null ? Map.of() : json.readValue(details, Map.class),
                requiredInstant(rs, "occurred_at"));
    }

    static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static UUID tenant() {
        return TenantContext.require().value();
    }
}
