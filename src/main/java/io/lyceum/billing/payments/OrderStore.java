package io.lyceum.billing.payments;

import io.lyceum.billing.TenantRows;
import io.lyceum.platform.SqlValues;
import io.lyceum.shared.Ids;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Orders and their append-only history, always in the current tenant. */
@Repository
class OrderStore {

    static final String COLUMNS = """
            id, kind, reference_id, payer_id, student_id, tutor_id, description, amount, currency, refunded_amount,
            status, provider, provider_payment_id, failure_code, failure_message, expires_at, paid_at, version,
            created_at, updated_at
            """;

    /** One row of an order's history. */
    record HistoryEntry(
            @Nullable OrderStatus from,
            OrderStatus to,
            @Nullable UUID actorId,
            String actorRole,
            @Nullable String reason,
            @Nullable Map<String, Object> details,
            Instant at) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OrderStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the order unless one exists for the same thing; returns true when inserted. */
    boolean insertIfAbsent(Order o) {
        return jdbc.sql("""
                        INSERT INTO orders (id, tenant_id, kind, reference_id, payer_id, student_id, tutor_id,
                                            description, amount, currency, refunded_amount, status, expires_at,
                                            version, created_at, updated_at)
                        VALUES (:id, :t, :kind, :ref, :payer, :student, :tutor, :description, :amount, :currency, 0,
                                :status, :expires, 1, :created, :created)
                        ON CONFLICT (tenant_id, kind, reference_id) DO NOTHING
                        """)
                        .param("id", o.id())
                        .param("t", tenant())
                        .param("kind", o.kind().name())
                        .param("ref", o.referenceId())
                        .param("payer", o.payerId())
                        .param("student", o.studentId())
                        .param("tutor", o.tutorId())
                        .param("description", o.description())
                        .param("amount", o.amount().amount())
                        .param("currency", o.amount().currencyCode())
                        .param("status", o.status().name())
                        .param("expires", utc(o.expiresAt()))
                        .param("created", utc(o.createdAt()))
                        .update()
                > 0;
    }

    Optional<Order> find(UUID id) {
        return TenantRows.byId(jdbc, COLUMNS, "orders", id, TenantRows.Mode.READ, OrderStore::map);
    }

    /** The order with this id, or the order for the thing with this id (a booking, a package purchase, ...). */
    Optional<Order> findByIdOrReference(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM orders WHERE tenant_id = :t AND (id = :id OR reference_id = :id)"
                        + " ORDER BY (id = :id) DESC LIMIT 1")
                .param("t", tenant())
                .param("id", id)
                .query(OrderStore::map)
                .optional();
    }

    Optional<Order> findByReference(OrderKind kind, UUID referenceId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM orders WHERE tenant_id = :t AND kind = :kind AND reference_id = :ref")
                .param("t", tenant())
                .param("kind", kind.name())
                .param("ref", referenceId)
                .query(OrderStore::map)
                .optional();
    }

    /** Locks the order's row for the rest of the transaction. */
    Optional<Order> lock(UUID id) {
        return TenantRows.byId(jdbc, COLUMNS, "orders", id, TenantRows.Mode.LOCK, OrderStore::map);
    }

    Optional<Order> findByProviderPayment(String provider, String paymentId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM orders WHERE tenant_id = :t AND provider = :p AND provider_payment_id = :pid")
                .param("t", tenant())
                .param("p", provider)
                .param("pid", paymentId)
                .query(OrderStore::map)
                .optional();
    }

    /** Writes the mutable fields of a locked order and bumps its version. */
    void update(Order o) {
        jdbc.sql("""
                        UPDATE orders SET status = :status, refunded_amount = :refunded, provider = :provider,
                                          provider_payment_id = :pid, failure_code = :fcode, failure_message = :fmsg,
                                          paid_at = :paid, version = version + 1, updated_at = :updated
                        WHERE tenant_id = :t AND id = :id
                        """)
                .param("t", tenant())
                .param("id", o.id())
                .param("status", o.status().name())
                .param("refunded", o.refunded().amount())
                .param("provider", o.provider())
                .param("pid", o.providerPaymentId())
                .param("fcode", o.failureCode())
                .param("fmsg", o.failureMessage())
                .param("paid", utc(o.paidAt()))
                .param("updated", utc(o.updatedAt()))
                .update();
    }

    void appendHistory(
            UUID orderId,
            @Nullable OrderStatus from,
            OrderStatus to,
            @Nullable UUID actorId,
            String actorRole,
            @Nullable String reason,
            @Nullable Map<String, Object> details,
            Instant at) {
        jdbc.sql("""
                        INSERT INTO order_history (id, tenant_id, order_id, from_status, to_status, actor_id,
                                                   actor_role, reason, details, occurred_at)
                        VALUES (:id, :t, :o, :from, :to, :actor, :role, :reason, CAST(:details AS jsonb), :at)
                        """)
                .param("id", Ids.newId())
                .param("t", tenant())
                .param("o", orderId)
                .param("from", from == null ? null : from.name())
                .param("to", to.name())
                .param("actor", actorId)
                .param("role", actorRole)
                .param("reason", reason)
                .param("details", details == null ? null : json.writeValueAsString(details))
                .param("at", utc(at))
                .update();
    }

    @SuppressWarnings("unchecked")
    List<HistoryEntry> history(UUID orderId) {
        return jdbc.sql("""
                        SELECT from_status, to_status, actor_id, actor_role, reason, details, occurred_at
                        FROM order_history WHERE tenant_id = :t AND order_id = :o ORDER BY occurred_at, id
                        """)
                .param("t", tenant())
                .param("o", orderId)
                .query((rs, n) -> new HistoryEntry(
                        rs.getString("from_status") == null ? null : OrderStatus.valueOf(rs.getString("from_status")),
                        OrderStatus.valueOf(rs.getString("to_status")),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_role"),
                        rs.getString("reason"),
                        rs.getString("details") == null ? null : json.readValue(rs.getString("details"), Map.class),
                        SqlValues.requiredInstant(rs, "occurred_at")))
                .list();
    }

    /** A page of the orders a user pays, newest first. */
    List<Order> pageForPayer(UUID payerId, PageQuery page) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM orders WHERE tenant_id = :t AND payer_id = :payer ORDER BY created_at DESC, id DESC"
                        + " LIMIT :limit OFFSET :offset")
                .param("t", tenant())
                .param("payer", payerId)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(OrderStore::map)
                .list();
    }

    long countForPayer(UUID payerId) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE tenant_id = :t AND payer_id = :payer")
                .param("t", tenant())
                .param("payer", payerId)
                .query(Long.class)
                .single();
    }

    static Order map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        return new Order(
                rs.getObject("id", UUID.class),
                OrderKind.valueOf(rs.getString("kind")),
                rs.getObject("reference_id", UUID.class),
                rs.getObject("payer_id", UUID.class),
                rs.getObject("student_id", UUID.class),
                rs.getObject("tutor_id", UUID.class),
                rs.getString("description"),
                Money.of(rs.getLong("amount"), currency),
                Money.of(rs.getLong("refunded_amount"), currency),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("provider"),
                rs.getString("provider_payment_id"),
                rs.getString("failure_code"),
                rs.getString("failure_message"),
                SqlValues.instant(rs, "expires_at"),
                SqlValues.instant(rs, "paid_at"),
                rs.getLong("version"),
                SqlValues.requiredInstant(rs, "created_at"),
                SqlValues.requiredInstant(rs, "updated_at"));
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
