package io.lyceum.billing.offers;

import static io.lyceum.billing.offers.PurchaseRows.tenant;
import static io.lyceum.billing.offers.PurchaseRows.utc;
import static io.lyceum.platform.SqlValues.instant;
import static io.lyceum.platform.SqlValues.requiredInstant;

import io.lyceum.billing.TenantRows;
import io.lyceum.billing.payments.Orders;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Package offers, packages, their credit uses and history, in the bound tenant. */
@Repository
class PackageStore {

    enum Status {
        PENDING_PAYMENT,
        ACTIVE,
        EXHAUSTED,
        EXPIRED,
        REFUNDED,
        CANCELLED
    }

    record Offer(
            UUID id,
            UUID tutorId,
            UUID subjectId,
            @Nullable String level,
            int lessons,
            int durationMinutes,
            int discountBps,
            Money listPrice,
            Money price,
            boolean active,
            Instant createdAt) {}

    record Pack(
            UUID id,
            UUID offerId,
            UUID tutorId,
            UUID studentId,
            UUID buyerId,
            UUID subjectId,
            int durationMinutes,
            int lessons,
            int creditsLeft,
            Money price,
            Status status,
            @Nullable UUID orderId,
            @Nullable Instant paidAt,
            @Nullable Instant expiresAt,
            long version,
            Instant createdAt) {}

    record CreditUse(
            UUID id,
            UUID packageId,
            UUID bookingId,
            Money value,
            Instant usedAt,
            @Nullable Instant restoredAt) {}

    /** A history row: what happened, the credits left after it, and the status change. */
    record HistoryEntry(String event, int creditsLeft, PurchaseRows.Change change) {}

    private final JdbcClient jdbc;
    private final PurchaseRows rows;

    PackageStore(JdbcClient jdbc, PurchaseRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    // ---- offers

    void insertOffer(Offer o) {
        jdbc.sql("""
                        INSERT INTO package_offers (id, tenant_id, tutor_id, subject_id, level, lessons,
                                                    duration_minutes, discount_bps, list_amount, price_amount,
                                                    currency, active, created_at)
                        VALUES (:id, :t, :tutor, :subject, :level, :lessons, :minutes, :bps, :list, :price,
                                :currency, TRUE, :at)
                        """)
                .param("id", o.id())
                .param("t", tenant())
                .param("tutor", o.tutorId())
                .param("subject", o.subjectId())
                .param("level", o.level())
                .param("lessons", o.lessons())
                .param("minutes", o.durationMinutes())
                .param("bps", o.discountBps())
                .param("list", o.listPrice().amount())
                .param("price", o.price().amount())
                .param("currency", o.price().currencyCode())
                .param("at", utc(o.createdAt()))
                .update();
    }

    Optional<Offer> findOffer(UUID id) {
        return jdbc.sql("SELECT * FROM package_offers WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .query(PackageStore::offer)
                .optional();
    }

    boolean withdrawOffer(UUID id, UUID tutorId, Instant at) {
        return jdbc.sql("""
                        UPDATE package_offers SET active = FALSE, withdrawn_at = :at
                        WHERE tenant_id = :t AND id = :id AND tutor_id = :tutor AND active
                        """)
                        .param("t", tenant())
                        .param("id", id)
                        .param("tutor", tutorId)
                        .param("at", utc(at))
                        .update()
                == 1;
    }

    PageResponse<Offer> offers(UUID tutorId, boolean activeOnly, PageQuery page) {
        String where = "tenant_id = :t AND tutor_id = :tutor" + (activeOnly ? " AND active" : "");
        long total = jdbc.sql("SELECT count(*) FROM package_offers WHERE " + where)
                .param("t", tenant())
                .param("tutor", tutorId)
                .query(Long.class)
                .single();
        List<Offer> content = jdbc.sql("SELECT * FROM package_offers WHERE " + where
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("t", tenant())
                .param("tutor", tutorId)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(PackageStore::offer)
                .list();
        return PageResponse.of(content, page, total);
    }

    // ---- packages

    void insert(Pack p) {
        jdbc.sql("""
                        INSERT INTO packages (id, tenant_id, offer_id, tutor_id, student_id, buyer_id, subject_id,
                                              duration_minutes, lessons, credits_left, price_amount, currency, status,
                                              order_id, version, created_at, updated_at)
                        VALUES (:id, :t, :offer, :tutor, :student, :buyer, :subject, :minutes, :lessons, :left,
                                :price, :currency, :status, :order, 1, :at, :at)
                        """)
                .param("id", p.id())
                .param("t", tenant())
                .param("offer", p.offerId())
                .param("tutor", p.tutorId())
                .param("student", p.studentId())
                .param("buyer", p.buyerId())
                .param("subject", p.subjectId())
                .param("minutes", p.durationMinutes())
                .param("lessons", p.lessons())
                .param("left", p.creditsLeft())
                .param("price", p.price().amount())
                .param("currency", p.price().currencyCode())
                .param("status", p.status().name())
                .param("order", p.orderId())
                .param("at", utc(p.createdAt()))
                .update();
    }

    void setOrder(UUID packageId, UUID orderId) {
        rows.setOrder("packages", packageId, orderId);
    }

    Optional<Pack> find(UUID id) {
        return TenantRows.byId(jdbc, "*", "packages", id, TenantRows.Mode.READ, PackageStore::pack);
    }

    Optional<Pack> lock(UUID id) {
        return TenantRows.byId(jdbc, "*", "packages", id, TenantRows.Mode.LOCK, PackageStore::pack);
    }

    /** Writes a locked package's new state. */
    void update(
            Pack p,
            Status status,
            int creditsLeft,
            @Nullable Instant paidAt,
            @Nullable Instant expiresAt,
            Instant now) {
        jdbc.sql("""
                        UPDATE packages SET status = :status, credits_left = :left, paid_at = :paid,
                               expires_at = :expires, version = version + 1, updated_at = :now
                        WHERE tenant_id = :t AND id = :id
                        """)
                .param("status", status.name())
                .param("left", creditsLeft)
                .param("paid", utc(paidAt))
                .param("expires", utc(expiresAt))
                .param("now", utc(now))
                .param("t", tenant())
                .param("id", p.id())
                .update();
    }

    PageResponse<Pack> page(String scopeSql, Map<String, Object> params, Status status, PageQuery page) {
        return TenantRows.page(jdbc, "packages", scopeSql, params, status, page, PackageStore::pack);
    }

    /**
     * The tenants with an ACTIVE or EXHAUSTED package whose credits expire by {@code now + lead}: with a zero lead
     * those {@link #claimExpired} claims, with the warning period a superset of those {@link #claimExpiring} claims.
     * Across tenants, through a SECURITY DEFINER lookup that returns only tenant ids.
     */
    List<TenantId> tenantsWithExpiringPackages(Instant now, Duration lead) {
        return jdbc.sql("SELECT billing_tenants_with_expiring_packages(:now, CAST(:lead AS interval))")
                .param("now", utc(now))
                .param("lead", lead.toMillis() + " milliseconds")
                .query((rs, row) -> new TenantId(rs.getObject(1, UUID.class)))
                .list();
    }

    /** Packages past their validity with something left to expire, locked, skipping rows held elsewhere. */
    /** Active packages with unused credits that expire within {@code lead} and whose holders were not told yet. */
    List<Pack> claimExpiring(Instant now, Duration lead, int limit) {
        return jdbc.sql("""
                        SELECT * FROM packages WHERE tenant_id = :t AND status = 'ACTIVE' AND credits_left > 0
                          AND expiry_warned_at IS NULL AND expires_at > :now AND expires_at <= :latest
                        ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED
                        """)
                .param("t", tenant())
                .param("now", utc(now))
                .param("latest", utc(now.plus(lead)))
                .param("limit", limit)
                .query(PackageStore::pack)
                .list();
    }

    void markExpiryWarned(UUID id, Instant now) {
        jdbc.sql("UPDATE packages SET expiry_warned_at = :now WHERE tenant_id = :t AND id = :id")
                .param("now", utc(now))
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    List<Pack> claimExpired(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT * FROM packages WHERE tenant_id = :t AND status IN ('ACTIVE', 'EXHAUSTED')
                          AND expires_at <= :now ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED
                        """)
                .param("t", tenant())
                .param("now", utc(now))
                .param("limit", limit)
                .query(PackageStore::pack)
                .list();
    }

    // ---- credit uses

    void insertUse(CreditUse use) {
        jdbc.sql("""
                        INSERT INTO package_credit_uses (id, tenant_id, package_id, booking_id, value_amount, used_at)
                        VALUES (:id, :t, :p, :b, :v, :at)
                        """)
                .param("id", use.id())
                .param("t", tenant())
                .param("p", use.packageId())
                .param("b", use.bookingId())
                .param("v", use.value().amount())
                .param("at", utc(use.usedAt()))
                .update();
    }

    Optional<CreditUse> useOfBooking(UUID bookingId, String currency) {
        return jdbc.sql("SELECT * FROM package_credit_uses WHERE tenant_id = :t AND booking_id = :b")
                .param("t", tenant())
                .param("b", bookingId)
                .query((rs, n) -> use(rs, currency))
                .optional();
    }

    Optional<CreditUse> useOfBooking(UUID bookingId) {
        return jdbc.sql("""
                        SELECT u.*, p.currency FROM package_credit_uses u
                        JOIN packages p ON p.tenant_id = u.tenant_id AND p.id = u.package_id
                        WHERE u.tenant_id = :t AND u.booking_id = :b
                        """)
                .param("t", tenant())
                .param("b", bookingId)
                .query((rs, n) -> use(rs, rs.getString("currency")))
                .optional();
    }

    List<CreditUse> uses(UUID packageId, String currency) {
        return jdbc.sql("SELECT * FROM package_credit_uses WHERE tenant_id = :t AND package_id = :p ORDER BY used_at")
                .param("t", tenant())
                .param("p", packageId)
                .query((rs, n) -> use(rs, currency))
                .list();
    }

    void markRestored(UUID useId, Instant at) {
        jdbc.sql("UPDATE package_credit_uses SET restored_at = :at WHERE tenant_id = :t AND id = :id")
                .param("at", utc(at))
                .param("t", tenant())
                .param("id", useId)
                .update();
    }

    /** The value of the credits not spent: the price less every credit spent and not given back. */
    Money unusedValue(Pack p) {
        long spent = jdbc.sql("""
                        SELECT coalesce(sum(value_amount), 0) FROM package_credit_uses
                        WHERE tenant_id = :t AND package_id = :p AND restored_at IS NULL
                        """)
                .param("t", tenant())
                .param("p", p.id())
                .query(Long.class)
                .single();
        return p.price().minus(Money.of(spent, p.price().currencyCode()));
    }

    // ---- history

    void appendHistory(
            UUID packageId,
            String event,
            @Nullable Status from,
            Status to,
            int creditsLeft,
            Orders.Actor actor,
            @Nullable String reason,
            @Nullable Map<String, Object> details,
            Instant at) {
        rows.appendHistory(
                "package_history",
                "package_id",
                packageId,
                Map.of("event", event, "credits_left", creditsLeft),
                from,
                to,
                actor,
                reason,
                details,
                at);
    }

    List<HistoryEntry> history(UUID packageId) {
        return rows.history(
                "package_history",
                "package_id",
                packageId,
                "event, credits_left",
                (rs, change) -> new HistoryEntry(rs.getString("event"), rs.getInt("credits_left"), change));
    }

    // ---- mapping

    private static Offer offer(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        return new Offer(
                rs.getObject("id", UUID.class),
                rs.getObject("tutor_id", UUID.class),
                rs.getObject("subject_id", UUID.class),
                rs.getString("level"),
                rs.getInt("lessons"),
                rs.getInt("duration_minutes"),
                rs.getInt("discount_bps"),
                Money.of(rs.getLong("list_amount"), currency),
                Money.of(rs.getLong("price_amount"), currency),
                rs.getBoolean("active"),
                requiredInstant(rs, "created_at"));
    }

    private static Pack pack(ResultSet rs, int n) throws SQLException {
        return new Pack(
                rs.getObject("id", UUID.class),
                rs.getObject("offer_id", UUID.class),
                rs.getObject("tutor_id", UUID.class),
                rs.getObject("student_id", UUID.class),
                rs.getObject("buyer_id", UUID.class),
                rs.getObject("subject_id", UUID.class),
                rs.getInt("duration_minutes"),
                rs.getInt("lessons"),
                rs.getInt("credits_left"),
                Money.of(rs.getLong("price_amount"), rs.getString("currency")),
                Status.valueOf(rs.getString("status")),
                rs.getObject("order_id", UUID.class),
                instant(rs, "paid_at"),
                instant(rs, "expires_at"),
                rs.getLong("version"),
                requiredInstant(rs, "created_at"));
    }

    private static CreditUse use(ResultSet rs, String currency) throws SQLException {
        return new CreditUse(
                rs.getObject("id", UUID.class),
                rs.getObject("package_id", UUID.class),
                rs.getObject("booking_id", UUID.class),
                Money.of(rs.getLong("value_amount"), currency),
                requiredInstant(rs, "used_at"),
                instant(rs, "restored_at"));
    }
}
