package io.lyceum.billing.payments;

import io.lyceum.platform.SqlValues;
import io.lyceum.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code payment_customers} and {@code payment_methods}: each user's provider customer and saved methods. */
@Repository
class PaymentMethodStore {

    record SavedMethod(
            UUID id,
            UUID userId,
            String provider,
            String providerMethodId,
            String brand,
            String last4,
            int expMonth,
            int expYear,
            @Nullable String funding,
            Instant createdAt,
            @Nullable Instant removedAt) {}

    private final JdbcClient jdbc;

    PaymentMethodStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> customerId(TenantId tenant, UUID userId, String provider) {
        return jdbc.sql("""
                        SELECT provider_customer_id FROM payment_customers
                        WHERE tenant_id = :t AND user_id = :u AND provider = :p
                        """)
                .param("t", tenant.value())
                .param("u", userId)
                .param("p", provider)
                .query(String.class)
                .optional();
    }

    /** Records the user's customer unless a concurrent first use already did; returns the one stored. */
    String saveCustomer(TenantId tenant, UUID userId, String provider, String customerId, Instant now) {
        jdbc.sql("""
                        INSERT INTO payment_customers (tenant_id, user_id, provider, provider_customer_id, created_at)
                        VALUES (:t, :u, :p, :c, :now)
                        ON CONFLICT (tenant_id, user_id, provider) DO NOTHING
                        """)
                .param("t", tenant.value())
                .param("u", userId)
                .param("p", provider)
                .param("c", customerId)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        return customerId(tenant, userId, provider).orElseThrow();
    }

    /** Locks the user's customer row: serialises the limit check of concurrent attaches. */
    void lockCustomer(TenantId tenant, UUID userId, String provider) {
        jdbc.sql("""
                        SELECT 1 FROM payment_customers WHERE tenant_id = :t AND user_id = :u AND provider = :p
                        FOR UPDATE
                        """)
                .param("t", tenant.value())
                .param("u", userId)
                .param("p", provider)
                .query(Integer.class)
                .optional();
    }

    int countLive(TenantId tenant, UUID userId, String provider) {
        return jdbc.sql("""
                        SELECT count(*) FROM payment_methods
                        WHERE tenant_id = :t AND user_id = :u AND provider = :p AND removed_at IS NULL
                        """)
                .param("t", tenant.value())
                .param("u", userId)
                .param("p", provider)
                .query(Integer.class)
                .single();
    }

    Optional<SavedMethod> findLiveByProviderId(String provider, String providerMethodId) {
        return jdbc.sql("""
                        SELECT * FROM payment_methods
                        WHERE provider = :p AND provider_method_id = :m AND removed_at IS NULL
                        """)
                .param("p", provider)
                .param("m", providerMethodId)
                .query(PaymentMethodStore::map)
                .optional();
    }

    void insert(TenantId tenant, SavedMethod method) {
        jdbc.sql("""
                        INSERT INTO payment_methods (id, tenant_id, user_id, provider, provider_method_id, brand,
                                                     last4, exp_month, exp_year, funding, created_at)
                        VALUES (:id, :t, :u, :p, :m, :brand, :last4, :month, :year, :funding, :now)
                        """)
                .param("id", method.id())
                .param("t", tenant.value())
                .param("u", method.userId())
                .param("p", method.provider())
                .param("m", method.providerMethodId())
                .param("brand", method.brand())
                .param("last4", method.last4())
                .param("month", method.expMonth())
                .param("year", method.expYear())
                .param("funding", method.funding())
                .param("now", method.createdAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The user's live method with this id, for the given provider. */
    Optional<SavedMethod> findLive(TenantId tenant, UUID userId, UUID id, String provider) {
        return jdbc.sql("""
                        SELECT * FROM payment_methods
                        WHERE tenant_id = :t AND user_id = :u AND id = :id AND provider = :p AND removed_at IS NULL
                        """)
                .param("t", tenant.value())
                .param("u", userId)
                .param("id", id)
                .param("p", provider)
                .query(PaymentMethodStore::map)
                .optional();
    }

    List<SavedMethod> listLive(TenantId tenant, UUID userId, String provider, int limit, long offset) {
        return jdbc.sql("""
                        SELECT * FROM payment_methods
                        WHERE tenant_id = :t AND user_id = :u AND provider = :p AND removed_at IS NULL
                        ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset
                        """)
                .param("t", tenant.value())
                .param("u", userId)
                .param("p", provider)
                .param("limit", limit)
                .param("offset", offset)
                .query(PaymentMethodStore::map)
                .list();
    }

    /** Every method the user ever saved in this tenant, removed ones too (personal-data export). */
    List<SavedMethod> listAll(TenantId tenant, UUID userId) {
        return jdbc.sql("""
                        SELECT * FROM payment_methods WHERE tenant_id = :t AND user_id = :u
                        ORDER BY created_at, id
                        """)
                .param("t", tenant.value())
                .param("u", userId)
                .query(PaymentMethodStore::map)
                .list();
    }

    boolean markRemoved(TenantId tenant, UUID id, Instant now) {
        return jdbc.sql("""
                                UPDATE payment_methods SET removed_at = :now
                                WHERE tenant_id = :t AND id = :id AND removed_at IS NULL
                                """)
                        .param("t", tenant.value())
                        .param("id", id)
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    private static SavedMethod map(ResultSet rs, int row) throws SQLException {
        return new SavedMethod(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("provider"),
                rs.getString("provider_method_id"),
                rs.getString("brand"),
                rs.getString("last4"),
                rs.getInt("exp_month"),
                rs.getInt("exp_year"),
                rs.getString("funding"),
                SqlValues.requiredInstant(rs, "created_at"),
                SqlValues.instant(rs, "removed_at"));
    }
}
