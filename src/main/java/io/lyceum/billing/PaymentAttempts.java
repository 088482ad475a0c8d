package io.lyceum.billing;

import io.lyceum.billing.PaymentProvider.ProviderPayment;
import io.lyceum.billing.PaymentProvider.ProviderPaymentStatus;
import io.lyceum.shared.Ids;
import io.lyceum.tenancy.TenantContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Attempts to take an order's money at the provider, one row per payment intent. A status only moves forward (see
 * {@link #rank}), so webhooks arriving in any order leave the attempt in its latest state.
 */
@Repository
class PaymentAttempts {

    record Attempt(
            UUID id,
            UUID orderId,
            String provider,
            String providerPaymentId,
            ProviderPaymentStatus status,
            String nextActionUrl,
            String failureCode,
            String failureMessage) {}

    private final JdbcClient jdbc;

    PaymentAttempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How far along an intent's life a status is; a later event never moves an attempt back. */
    static int rank(ProviderPaymentStatus status) {
        return switch (status) {
            case REQUIRES_ACTION -> 1;
            case PROCESSING -> 2;
            case REQUIRES_PAYMENT_METHOD, CANCELED -> 3;
            case SUCCEEDED -> 4;
        };
    }

    int count(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM payment_attempts WHERE tenant_id = :t AND order_id = :o")
                .param("t", tenant())
                .param("o", orderId)
                .query(Integer.class)
                .single();
    }

    Optional<Attempt> find(String provider, String providerPaymentId) {
        return jdbc.sql(
                        "SELECT * FROM payment_attempts WHERE tenant_id = :t AND provider = :p AND provider_payment_id = :pid")
                .param("t", tenant())
                .param("p", provider)
                .param("pid", providerPaymentId)
                .query(PaymentAttempts::map)
                .optional();
    }

    /** The order's attempt that is under way or succeeded, if any. */
    Optional<Attempt> live(UUID orderId) {
        return jdbc.sql("""
                        SELECT * FROM payment_attempts WHERE tenant_id = :t AND order_id = :o
                          AND status IN ('REQUIRES_ACTION', 'PROCESSING', 'SUCCEEDED')
                        """)
                .param("t", tenant())
                .param("o", orderId)
                .query(PaymentAttempts::map)
                .optional();
    }

    /** The most recent attempt of the order. */
    Optional<Attempt> latest(UUID orderId) {
        return jdbc.sql("SELECT * FROM payment_attempts WHERE tenant_id = :t AND order_id = :o"
                        + " ORDER BY created_at DESC, id DESC LIMIT 1")
                .param("t", tenant())
                .param("o", orderId)
                .query(PaymentAttempts::map)
                .optional();
    }

    /**
     * Records the intent's state: inserts the attempt if it is new (also when a webhook is the first news of it),
     * else moves its status forward. Returns the attempt as stored.
     */
    Attempt upsert(UUID orderId, String provider, ProviderPayment payment, Instant at) {
        jdbc.sql("""
                        INSERT INTO payment_attempts (id, tenant_id, order_id, provider, provider_payment_id, status,
                                                      amount, currency, payment_method_id, next_action_url,
                                                      failure_code, failure_message, created_at, updated_at)
                        VALUES (:id, :t, :o, :p, :pid, :status, :amount, :currency, :pm, :next, :fcode, :fmsg, :at, :at)
                        ON CONFLICT DO NOTHING
                        """)
                .param("id", Ids.newId())
                .param("t", tenant())
                .param("o", orderId)
                .param("p", provider)
                .param("pid", payment.id())
                .param("status", payment.status().name())
                .param("amount", payment.amount().amount())
                .param("currency", payment.amount().currencyCode())
                .param("pm", payment.paymentMethodId())
                .param("next", payment.nextActionUrl())
                .param("fcode", payment.failureCode())
                .param("fmsg", payment.failureMessage())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
        Optional<Attempt> existing = lockIfPresent(provider, payment.id());
        if (existing.isEmpty()) {
            // refused by "one live or succeeded attempt per order": a second payment for an order that already has
            // one (only a crash between the provider and us can make it); the caller refunds it, nothing is stored
            return new Attempt(
                    null,
                    orderId,
                    provider,
                    payment.id(),
                    payment.status(),
                    payment.nextActionUrl(),
                    payment.failureCode(),
                    payment.failureMessage());
        }
        Attempt stored = existing.get();
        if (rank(payment.status()) > rank(stored.status())) {
            jdbc.sql("""
                            UPDATE payment_attempts SET status = :status, next_action_url = :next,
                                   failure_code = :fcode, failure_message = :fmsg, updated_at = :at
                            WHERE tenant_id = :t AND id = :id
                            """)
                    .param("t", tenant())
                    .param("id", stored.id())
                    .param("status", payment.status().name())
                    .param("next", payment.nextActionUrl())
                    .param("fcode", payment.failureCode())
                    .param("fmsg", payment.failureMessage())
                    .param("at", at.atOffset(ZoneOffset.UTC))
                    .update();
            return lock(provider, payment.id());
        }
        return stored;
    }

    private Attempt lock(String provider, String providerPaymentId) {
        return lockIfPresent(provider, providerPaymentId).orElseThrow();
    }

    private Optional<Attempt> lockIfPresent(String provider, String providerPaymentId) {
        return jdbc.sql("SELECT * FROM payment_attempts WHERE tenant_id = :t AND provider = :p"
                        + " AND provider_payment_id = :pid FOR UPDATE")
                .param("t", tenant())
                .param("p", provider)
                .param("pid", providerPaymentId)
                .query(PaymentAttempts::map)
                .optional();
    }

    private static Attempt map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Attempt(
                rs.getObject("id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getString("provider"),
                rs.getString("provider_payment_id"),
                ProviderPaymentStatus.valueOf(rs.getString("status")),
                rs.getString("next_action_url"),
                rs.getString("failure_code"),
                rs.getString("failure_message"));
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
